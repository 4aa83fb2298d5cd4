"""Search latency through Redline's own code, raw Whoosh, SQLite FTS5 and stock haystack.

Run inside Django (`python -m benchmarks.search`) with REDLINE_VAR_DIR pointing at a
benchmark archive; prints one JSON object. All four engines answer the same queries
over the same documents: the articles and quotes of that archive.
"""

import json
import os
import shutil
import sqlite3
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db.models import Count  # noqa: E402
from haystack import connections  # noqa: E402
from haystack.query import SearchQuerySet  # noqa: E402
from whoosh import highlight as whoosh_highlight  # noqa: E402
from whoosh.filedb.filestore import FileStorage  # noqa: E402
from whoosh.qparser import QueryParser  # noqa: E402
from whoosh.query import And, DateRange, Term  # noqa: E402

from archive.forms import ArchiveSearchForm, QuoteSearchForm  # noqa: E402
from archive.highlighting import highlighted  # noqa: E402
from archive.models import Article, Quote, Speaker  # noqa: E402
from archive.search_indexes import ArticleIndex, QuoteIndex  # noqa: E402
from archive.selectors import results_as_objects  # noqa: E402

from .queries import AND_PAIRS, NAMES, PHRASES, WORDS  # noqa: E402

PAGE = 20


def queries():
    """(kind, form data) pairs: the fixed query set."""
    speakers = list(Speaker.objects.annotate(n=Count("quotes")).order_by("-n").values_list("slug", flat=True)[:10])
    items = [("word", {"q": q}) for q in WORDS]
    items += [("two-word AND", {"q": q}) for q in AND_PAIRS]
    items += [("phrase", {"q": q}) for q in PHRASES]
    items += [("name", {"q": q}) for q in NAMES]
    items += [
        ("speaker-filtered quotes", {"q": q, "speaker": s, "model": "quote"})
        for q, s in zip(
            ["war", "Ukraine", "said", "will", "West", "Russia", "not", "people", "we", "country"], speakers
        )
    ]
    items += [("date-filtered", {"q": q, "since": "2022-03-01", "until": "2022-06-30"}) for q in WORDS[:10]]
    return items


def percentiles(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"p50": round(statistics.median(ordered) * 1000, 2), "p95": round(p95 * 1000, 2)}


def timed(run, items, passes):
    """Percentiles over every query, and the p95 of each kind of query, from one set of runs."""
    samples = []
    for _ in range(passes):
        for item in items:
            started = time.perf_counter()
            run(item)
            samples.append((item[0], time.perf_counter() - started))
    figures = percentiles([seconds for _, seconds in samples])
    kinds = dict.fromkeys(kind for kind, _ in samples)
    figures["p95_by_kind"] = {
        kind: percentiles([seconds for k, seconds in samples if k == kind])["p95"] for kind in kinds
    }
    return figures


def _text(obj):
    return obj.text if isinstance(obj, Quote) else obj.body


# -- Redline: the forms and helpers the views use --------------------------------


def redline(item, *, highlight):
    kind, data = item
    form = (QuoteSearchForm if data.get("model") == "quote" else ArchiveSearchForm)(
        {k: v for k, v in data.items() if k != "model"}, load_all=True
    )
    page = Paginator(form.search(), PAGE).get_page(1)
    objects = results_as_objects(page.object_list)
    if highlight:
        for obj in objects:
            highlighted(_text(obj), data["q"])
    return page.paginator.count, objects


# -- raw Whoosh on the same index: a cached searcher, no Django in the query ------


class RawWhoosh:
    def __init__(self):
        self.index = FileStorage(str(settings.REDLINE_INDEX_DIR)).open_index()
        self.searcher = self.index.searcher()
        self.parser = QueryParser("text", schema=self.index.schema)

    def __call__(self, item, *, highlight):
        kind, data = item
        query = self.parser.parse(data["q"])
        filters = []
        if data.get("model") == "quote":
            filters.append(Term("django_ct", "archive.quote"))
        if data.get("speaker"):
            filters.append(Term("speaker", data["speaker"]))
        if data.get("since"):
            from datetime import datetime

            filters.append(
                DateRange("published", datetime.fromisoformat(data["since"]), datetime.fromisoformat(data["until"]))
            )
        if filters:
            query = And([query, *filters])
        results = self.searcher.search(query, limit=PAGE)
        count = len(results)
        hits = [(hit["django_ct"], int(hit["django_id"])) for hit in results]
        if highlight:
            texts = _texts_by_identifier(hits)
            terms = {token.text for token in self.index.schema["text"].analyzer(data["q"])}
            for identifier in hits:
                whoosh_highlight.highlight(
                    texts.get(identifier, ""),
                    terms,
                    self.index.schema["text"].analyzer,
                    whoosh_highlight.ContextFragmenter(),
                    whoosh_highlight.HtmlFormatter(),
                )
        return count, hits


def _texts_by_identifier(hits):
    quote_ids = [pk for ct, pk in hits if ct == "archive.quote"]
    article_ids = [pk for ct, pk in hits if ct == "archive.article"]
    texts = {
        ("archive.quote", pk): text for pk, text in Quote.objects.filter(pk__in=quote_ids).values_list("pk", "text")
    }
    texts.update(
        {
            ("archive.article", pk): body
            for pk, body in Article.objects.filter(pk__in=article_ids).values_list("pk", "body")
        }
    )
    return texts


# -- SQLite FTS5 over the same documents ------------------------------------------


class Fts5:
    def __init__(self, path):
        self.db = sqlite3.connect(path)
        self.db.execute("DROP TABLE IF EXISTS docs")
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(body, kind UNINDEXED, ref UNINDEXED, speaker UNINDEXED, "
            "published UNINDEXED, tokenize='porter unicode61')"
        )
        started = time.perf_counter()
        count = 0
        rows = Article.objects.values_list("pk", "title", "body", "published").iterator(chunk_size=2000)
        batch = []
        for pk, title, body, published in rows:
            batch.append((f"{title}\n{body}", "article", pk, "", published.isoformat() if published else ""))
            count += 1
        quotes = Quote.objects.values_list("pk", "text", "speaker__slug", "article__published").iterator(
            chunk_size=5000
        )
        for pk, text, slug, published in quotes:
            batch.append((text, "quote", pk, slug or "", published.isoformat() if published else ""))
            count += 1
        self.db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", batch)
        self.db.commit()
        self.build_seconds = time.perf_counter() - started
        self.documents = count

    @staticmethod
    def match(q):
        if q.startswith('"'):
            return q
        return " AND ".join(f'"{word}"' for word in q.split())

    def __call__(self, item, *, highlight):
        kind, data = item
        where, params = ["docs MATCH ?"], [self.match(data["q"])]
        if data.get("model") == "quote":
            where.append("kind = 'quote'")
        if data.get("speaker"):
            where.append("speaker = ?")
            params.append(data["speaker"])
        if data.get("since"):
            where.append("published BETWEEN ? AND ?")
            params += [data["since"], data["until"]]
        clause = " AND ".join(where)
        count = self.db.execute(f"SELECT count(*) FROM docs WHERE {clause}", params).fetchone()[0]
        columns = "kind, ref" + (", snippet(docs, 0, '<mark>', '</mark>', '…', 24)" if highlight else "")
        rows = self.db.execute(
            f"SELECT {columns} FROM docs WHERE {clause} ORDER BY bm25(docs) LIMIT {PAGE}", params
        ).fetchall()
        return count, rows


# -- haystack with Whoosh at its default settings: what a user would build naively --


class NaiveHaystack:
    """Stock WhooshEngine, stock schema (stored, stemmed text fields), models limited
    by haystack's default model filter, highlighting through sqs.highlight()."""

    def __init__(self, path, *, sample_articles):
        shutil.rmtree(path, ignore_errors=True)  # a kept archive measured again starts it afresh
        connections.connections_info["naive"] = {
            "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
            "PATH": str(path),
        }
        self.backend = connections["naive"].get_backend()
        self.backend.setup()
        # Its own update path on a sample: update_document per document, a searcher each.
        sample = list(ArticleIndex().index_queryset().order_by("pk")[:sample_articles])
        sample_quotes = list(QuoteIndex().index_queryset().filter(article__in=[a.pk for a in sample]))
        started = time.perf_counter()
        self.backend.update(ArticleIndex(), sample)
        self.backend.update(QuoteIndex(), sample_quotes)
        self.update_rate = (len(sample) + len(sample_quotes)) / (time.perf_counter() - started)
        # The rest of the same documents written directly into the same stock schema,
        # so its queries run over everything without waiting hours for update_index.
        writer = self.backend.index.writer()
        for index, queryset in (
            (ArticleIndex(), ArticleIndex().index_queryset().order_by("pk")[sample_articles:]),
            (QuoteIndex(), QuoteIndex().index_queryset().exclude(article__in=[a.pk for a in sample])),
        ):
            for obj in queryset.iterator(chunk_size=2000):
                document = index.full_prepare(obj)
                writer.add_document(**{k: self.backend._from_python(v) for k, v in document.items() if k != "boost"})
        writer.commit()

    def __call__(self, item, *, highlight):
        kind, data = item
        previous = getattr(settings, "HAYSTACK_LIMIT_TO_REGISTERED_MODELS", True)
        settings.HAYSTACK_LIMIT_TO_REGISTERED_MODELS = True
        try:
            sqs = SearchQuerySet(using="naive")
            if data.get("model") == "quote":
                sqs = sqs.models(Quote)
            sqs = sqs.auto_query(data["q"]).load_all()
            if data.get("speaker"):
                sqs = sqs.filter(speaker=data["speaker"])
            if data.get("since"):
                sqs = sqs.filter(published__gte=data["since"], published__lte=data["until"])
            if highlight:
                sqs = sqs.highlight()
            page = Paginator(sqs, PAGE).get_page(1)
            objects = [result.object for result in page.object_list]
            return page.paginator.count, objects
        finally:
            settings.HAYSTACK_LIMIT_TO_REGISTERED_MODELS = previous


def main():
    passes = int(os.environ.get("BENCH_PASSES", "3"))
    items = queries()
    var = settings.VAR_DIR
    out = {"queries": len(items), "passes": passes, "engines": {}}

    engines = {"redline": redline, "raw_whoosh": RawWhoosh()}
    fts = Fts5(var / "fts5.sqlite3")
    out["fts5_index_docs_per_s"] = round(fts.documents / fts.build_seconds)
    engines["fts5"] = fts
    if os.environ.get("BENCH_NAIVE", "1") == "1":
        naive = NaiveHaystack(var / "naive_index", sample_articles=int(os.environ.get("BENCH_NAIVE_SAMPLE", "300")))
        out["naive_update_docs_per_s"] = round(naive.update_rate, 1)
        engines["haystack_default"] = naive

    for name, engine in engines.items():
        for highlight in (False, True):
            engine(items[0], highlight=highlight)  # warm: open files, fill caches
        # Stock haystack takes seconds a query on a large archive: one pass is enough to rank it.
        engine_passes = 1 if name == "haystack_default" else passes
        plain = timed(lambda item, engine=engine: engine(item, highlight=False), items, engine_passes)
        highlight = timed(lambda item, engine=engine: engine(item, highlight=True), items, engine_passes)
        out["engines"][name] = {
            "passes": engine_passes,
            "plain": plain,
            "highlight": highlight,
            "p95_by_kind": plain.pop("p95_by_kind"),
        }
        highlight.pop("p95_by_kind")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
