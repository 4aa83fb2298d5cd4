"""What hostile input costs (issue 18): hostile searches, a quote-dense upload, a page
cache hammered with query strings, a page that arrives a byte at a time.

`python -m benchmarks.hostile [--articles N]` builds a scratch archive (the seeds and N
articles of ../shared/corpus/conflict-news.jsonl, or synthetic ones without it), sends
each request through Django in this process, and prints one JSON object: wall and CPU
milliseconds per request. CPU time is this process's: other work on the machine does
not count in it.
"""

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "conflict-news.jsonl"

# The requests, and others of their kind.
HOSTILE_QUERIES = [
    "x')abcdefghijkl~8)('",
    "x')abcdefghij~8)('",
    "x')*e*)('",
    "x')putin~3)('",
    "x')*a*)(' x')*i*)(' x')*o*)('",
    "*?*",
    "putin~2 kremlin~2 nato~2",
    "(((((((((a OR b) OR c) OR d) OR e) OR f) OR g) OR h) OR i) OR j)",
    " ".join(f"word{n}" for n in range(60)),  # within the 500-character limit
    '"' + " ".join(["the war"] * 50) + '"',
]
ORDINARY_QUERIES = ["escalation", "nuclear", "red line", "Kremlin", "missiles"]


def _timed(call):
    wall, cpu = time.monotonic(), time.process_time()
    result = call()
    return result, round((time.monotonic() - wall) * 1000, 1), round((time.process_time() - cpu) * 1000, 1)


def _quote_dense(size):
    return "".join(f'"We will respond {n}," Putin said. ' for n in range(size // 30))[:size]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="Corpus articles besides the seeds (default 2000).")
    args = parser.parse_args(argv)

    scratch = tempfile.mkdtemp(prefix="redline-hostile-")
    os.environ.update(
        REDLINE_VAR_DIR=scratch,
        REDLINE_INDEX_DIR=f"{scratch}/index",
        DJANGO_ALLOWED_HOSTS="testserver",
        REDLINE_ALLOW_PRIVATE_URLS="1",
        DJANGO_SETTINGS_MODULE="archive.settings",
    )
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.test import Client

    figures = _archive(Path(scratch), args.articles)
    client = Client()
    figures.update(_searches(client))
    editor = User.objects.create_user("bench-editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    admin = Client()
    admin.force_login(editor)
    figures.update(_quote_dense_uploads(admin))
    figures.update(_page_cache(client))
    figures.update(_dripping_page(admin))
    print(json.dumps(figures, indent=1))


def _archive(scratch: Path, articles: int) -> dict:
    """The seeds and `articles` corpus articles (or invented ones without the corpus), ingested."""
    from django.conf import settings
    from django.core.management import call_command

    from archive.models import Article

    call_command("migrate", verbosity=0)
    sample = scratch / "sample.jsonl"
    with sample.open("w", encoding="utf-8") as out:
        if CORPUS.exists():
            with CORPUS.open(encoding="utf-8") as corpus:
                for _, line in zip(range(articles), corpus, strict=False):
                    out.write(line)
        else:
            for n in range(articles):
                text = f"“Any escalation will meet a response,” Vladimir Putin said of missiles {n}."
                out.write(json.dumps({"id": str(n), "title": f"Warning {n}", "text": text}) + "\n")
    started = time.monotonic()
    call_command("ingest", str(ROOT / "seeds"), str(sample), verbosity=0)
    return {
        "articles": Article.objects.count(),
        "setup_seconds": round(time.monotonic() - started, 1),
        "search_budget_seconds": settings.REDLINE_SEARCH_SECONDS,
    }


def _searches(client) -> dict:
    """Each ordinary and hostile query once on /search/ and /api/quotes/: the page cache has none of them."""
    figures = {}
    for path in ("/search/", "/api/quotes/"):
        for kind, queries in (("ordinary", ORDINARY_QUERIES), ("hostile", HOSTILE_QUERIES)):
            rows = []
            for query in queries:
                response, wall, cpu = _timed(lambda path=path, query=query: client.get(path, {"q": query}))
                rows.append({"q": query[:40], "status": response.status_code, "wall_ms": wall, "cpu_ms": cpu})
            figures[f"{kind} {path}"] = {
                "max_wall_ms": max(row["wall_ms"] for row in rows),
                "max_cpu_ms": max(row["cpu_ms"] for row in rows),
                "statuses": sorted({row["status"] for row in rows}),
                "partial": sum(1 for query in queries if client.get(path, {"q": query}).has_header("X-Search-Partial")),
                "each": rows,
            }
    return figures


def _quote_dense_uploads(admin) -> dict:
    """Quote-dense uploads through the admin (stored and indexed), then the store alone without the cap."""
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile

    from archive import services
    from archive.ingest.records import ArticleInput
    from archive.models import Article

    uploads = []
    for size in (50_000, 100_000, 200_000):
        upload = SimpleUploadedFile(f"dense-{size}.txt", _quote_dense(size).encode())
        response, wall, cpu = _timed(
            lambda upload=upload: admin.post("/admin/archive/article/add/", {"upload": upload})
        )
        article = Article.objects.order_by("-pk").first()
        uploads.append(
            {
                "bytes": size,
                "status": response.status_code,
                "wall_ms": wall,
                "cpu_ms": cpu,
                "quotes": article.quotes.count(),
            }
        )
    cap = settings.REDLINE_MAX_QUOTES_PER_ARTICLE
    settings.REDLINE_MAX_QUOTES_PER_ARTICLE = 1_000_000  # every quote stored, coded and grouped
    growth = []
    for size in (25_000, 200_000):
        text = _quote_dense(size).replace("respond", "answer")  # not the uploads' text again
        result, wall, cpu = _timed(lambda text=text: services.ingest_article(ArticleInput(raw_text=text), index=False))
        growth.append({"bytes": size, "quotes": result.article.quotes.count(), "wall_ms": wall, "cpu_ms": cpu})
    settings.REDLINE_MAX_QUOTES_PER_ARTICLE = cap
    return {
        "quote-dense admin uploads (stored and indexed)": uploads,
        "quote-dense store without the cap (no indexing)": growth,
    }


def _page_cache(client) -> dict:
    """A 5 MB article asked for with 1,000 different query strings."""
    from archive.caching import page_cache
    from archive.ingest.pipeline import sha256
    from archive.models import Article

    paragraph = "Officials met again on Tuesday to discuss the border, and nobody was quoted at any length. "
    body = "\n\n".join(paragraph * 4 for _ in range(15_000))[: 5 * 1024 * 1024]
    big = Article.objects.create(
        title="Long", raw_text=body, raw_sha256=sha256(body), body=body, body_sha256=sha256(body)
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    walls = []
    for n in range(1_000):
        _, wall, _ = _timed(lambda n=n: client.get(f"/articles/{big.pk}/", {"x": n}))
        walls.append(wall)
    cache = page_cache()
    return {
        "5 MB article, 1,000 query strings": {
            "page_cache_bytes": cache.size,
            "page_cache_bound": cache.max_bytes,
            "pages_kept": len(cache.pages),
            "peak_rss_growth_mb": round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024, 1),
            "max_wall_ms": max(walls),
            "median_wall_ms": sorted(walls)[len(walls) // 2],
        }
    }


def _dripping_page(admin) -> dict:
    """A page sending a byte a second, given to the admin's add form."""
    from django.conf import settings

    from archive.services.ingest import FETCH_TIMEOUT_SECONDS

    sys.path.insert(0, str(ROOT))
    from tests.web_server import dripping_server

    with dripping_server(stage="body", seconds=40, interval=1) as (base, _):
        response, wall, _ = _timed(lambda: admin.post("/admin/archive/article/add/", {"url": base + "/slow"}))
    return {
        "page sending a byte a second, through the admin": {
            "status": response.status_code,
            "wall_ms": wall,
            "deadline_seconds": getattr(settings, "REDLINE_FETCH_TIMEOUT", FETCH_TIMEOUT_SECONDS),
            "form_error": "did not arrive within" in response.content.decode(),
        }
    }


if __name__ == "__main__":
    main()
