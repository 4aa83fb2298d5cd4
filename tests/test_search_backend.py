"""Redline's Whoosh backend: serialised writers across processes, whole-value filters."""

import os
import subprocess
import sys

import pytest
from haystack.query import SearchQuerySet

from archive.ingest.records import ArticleInput
from archive.models import Quote

from .conftest import ROOT

WRITER = r"""
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
django.setup()
from haystack import connections
from archive.models import Article, Quote, Source
from archive.search_indexes import QuoteIndex

worker, count = int(sys.argv[1]), int(sys.argv[2])
backend = connections["default"].get_backend()
source = Source(name="Wire", slug="wire")
for n in range(count):
    pk = worker * 100_000 + n
    article = Article(pk=pk, title=f"Article {pk}", body="body", source=source)
    quote = Quote(pk=pk, article=article, start=0, end=4, text=f"escalation number {pk}", attribution="unattributed")
    backend.update(QuoteIndex(), [quote])  # one commit per document: the worst case for the lock
print("ok")
"""


def test_concurrent_writers_queue_instead_of_failing(tmp_path):
    """Four processes committing at once: no LockError, no lost document."""
    env = dict(os.environ, REDLINE_VAR_DIR=str(tmp_path), REDLINE_INDEX_DIR=str(tmp_path / "index"))
    workers, per_worker = 4, 40
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(w), str(per_worker)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(workers)
    ]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0 and "LockError" not in err, err
    from whoosh.filedb.filestore import FileStorage

    index = FileStorage(str(tmp_path / "index"), supports_mmap=False).open_index()
    assert index.doc_count() == workers * per_worker


@pytest.mark.django_db
def test_filters_match_whole_values_not_stemmed_words(seeded):
    # "dmitry-peskov" is one term: neither "dmitry" nor "peskov" alone matches the speaker field.
    assert SearchQuerySet().models(Quote).filter(speaker="dmitry-peskov").count() == 2
    assert SearchQuerySet().models(Quote).filter(speaker="peskov").count() == 0
    facets = SearchQuerySet().models(Quote).facet("speaker").facet_counts()["fields"]["speaker"]
    assert ("vladimir-putin", 4) in facets


@pytest.mark.django_db
def test_remove_is_not_lost(seeded):
    quote = Quote.objects.first()
    seeded.remove(quote)
    assert SearchQuerySet().models(Quote).count() == 12


@pytest.mark.django_db
def test_date_bounds_and_date_order_in_full_text_search(search_index, django_capture_on_commit_callbacks):
    from archive import services
    from archive.forms import ArchiveSearchForm, QuoteSearchForm

    with django_capture_on_commit_callbacks(execute=True):
        for day, words in [("2022-03-01", "early"), ("2022-05-15", "middle"), ("2022-09-30", "late")]:
            services.ingest_article(ArticleInput(raw_text=f"“Missiles are {words},” said Ann Smith.", published=day))
        services.ingest_article(
            ArticleInput(raw_text="“Missiles are undated,” said Ann Smith.")
        )  # no date: outside every bound

    def found(form_class, **data):
        return [r.object.text if r.model_name == "quote" else r.object.body for r in form_class(data).search()]

    assert found(QuoteSearchForm, q="missiles", since="2022-04-01") == [
        "Missiles are middle,",
        "Missiles are late,",
    ] or sorted(found(QuoteSearchForm, q="missiles", since="2022-04-01")) == [
        "Missiles are late,",
        "Missiles are middle,",
    ]
    assert found(QuoteSearchForm, q="missiles", until="2022-05-15") in (
        ["Missiles are early,", "Missiles are middle,"],
        ["Missiles are middle,", "Missiles are early,"],
    )
    assert found(QuoteSearchForm, q="missiles", since="2022-05-01", until="2022-05-31") == ["Missiles are middle,"]
    assert found(QuoteSearchForm, q="missiles", sort="newest")[:3] == [
        "Missiles are late,",
        "Missiles are middle,",
        "Missiles are early,",
    ]
    assert found(QuoteSearchForm, q="missiles", sort="oldest")[:3] == [
        "Missiles are early,",
        "Missiles are middle,",
        "Missiles are late,",
    ]
    assert len(found(QuoteSearchForm, q="missiles")) == 4
    assert len(found(ArchiveSearchForm, q="missiles", since="2022-09-01")) == 2  # the article and its quote


@pytest.mark.django_db
def test_a_result_names_its_object_and_score_and_loads_it(seeded):
    results = list(SearchQuerySet().models(Quote).auto_query("escalation").load_all())
    assert len(results) == 2 and all(result.score > 0 for result in results)
    for result in results:
        assert (result.app_label, result.model_name) == ("archive", "quote")
        assert result.object == Quote.objects.get(pk=result.pk) and "scalation" in result.object.text
    facets = SearchQuerySet().models(Quote).auto_query("escalation").facet("speaker").facet_counts()
    assert sum(count for _, count in facets["fields"]["speaker"]) == 2  # facets still go haystack's way


@pytest.mark.django_db
def test_search_sees_a_write_from_another_process(seeded, tmp_path):
    """The cached searcher refreshes when any writer commits."""
    assert SearchQuerySet().models(Quote).auto_query("escalation").count() == 2
    quote = Quote.objects.filter(text__contains="escalation").first()
    seeded.remove(quote)
    assert SearchQuerySet().models(Quote).auto_query("escalation").count() == 1


def _server_schema(engine, **options):
    from haystack import connections
    from haystack.utils.loading import import_class

    fields = connections["default"].get_unified_index().all_searchfields()
    return import_class(engine).backend("server", **options).build_schema(fields)[1]


def test_a_search_server_keeps_whole_value_fields_whole():
    """On Solr or Elasticsearch a filter field must not be analysed text: speaker=vladimir-putin
    would then match the words of another speaker's slug. Built without a server: the schema
    is what `build_solr_schema` writes and what Elasticsearch is given as its mapping."""
    whole = {"article_id", "source", "speaker", "speakers", "attribution", "act", "weapons", "targets", "group"}

    mapping = _server_schema(
        "archive.search.servers.RedlineElasticsearchEngine", URL="http://127.0.0.1:9200", INDEX_NAME="redline"
    )
    assert {name for name, field in mapping.items() if field["type"] == "keyword"} >= whole
    assert mapping["text"] == {"type": "text", "analyzer": "snowball"}
    assert mapping["published"] == {"type": "date"}

    schema = {
        field["field_name"]: field
        for field in _server_schema(
            "archive.search.servers.RedlineSolrEngine", URL="http://127.0.0.1:8983/solr/redline"
        )
    }
    assert {name for name, field in schema.items() if field["type"] == "string"} >= whole
    assert schema["weapons"]["multi_valued"] == "true" and schema["speaker"]["multi_valued"] == "false"
    assert schema["text"]["type"] == "text_en"


def test_only_redlines_own_index_offers_the_services_interface(search_index):
    """The services lock, replace articles' documents and list the index only where the
    backend is Redline's Whoosh one; the server backends declare they lack it."""
    from haystack.utils.loading import import_class

    from archive.search import ArchiveIndex, archive_index

    assert archive_index() is search_index and isinstance(search_index, ArchiveIndex)
    for engine, options in (
        ("archive.search.servers.RedlineElasticsearchEngine", {"URL": "http://127.0.0.1:9200", "INDEX_NAME": "r"}),
        ("archive.search.servers.RedlineSolrEngine", {"URL": "http://127.0.0.1:8983/solr/redline"}),
    ):
        assert not isinstance(import_class(engine).backend("server", **options), ArchiveIndex), engine


def test_postings_skip_to_the_first_document_at_or_past_the_target(tmp_path):
    """Skipping by bisection within a block (archive/search/reads.py) lands where stepping did."""
    from whoosh import fields
    from whoosh.filedb.filestore import FileStorage
    from whoosh.query import And, Term

    import archive.search.reads  # noqa: F401  (patches Whoosh's block reader)

    index = FileStorage(str(tmp_path)).create_index(fields.Schema(body=fields.TEXT))
    writer = index.writer()
    for n in range(1000):  # eight blocks of postings for "every", one in three holds "third"
        writer.add_document(body="every" + (" third" if n % 3 == 0 else ""))
    writer.commit()
    with index.searcher() as searcher:
        held = list(searcher.postings("body", "third").all_ids())
        for target in [0, 1, 2, 3, 128, 129, 383, 384, 385, 700, 998, 999]:
            matcher = searcher.postings("body", "third")
            matcher.skip_to(target)
            expected = [docnum for docnum in held if docnum >= target]
            assert (matcher.id() if matcher.is_active() else None) == (expected[0] if expected else None)
        matcher = searcher.postings("body", "every")  # skips in turn, within and across blocks
        for target in [5, 5, 130, 131, 600, 999]:
            matcher.skip_to(target)
            assert matcher.id() == target
        both = searcher.search(And([Term("body", "every"), Term("body", "third")]), limit=None)
        assert sorted(hit.docnum for hit in both) == held
