"""Management commands: ingest, extract_quotes, rebuild_index."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from haystack.query import SearchQuerySet

from archive.models import Article, IndexQueue, Quote
from archive.search.writes import INDEX_PROCESSES

from .conftest import SEEDS, SHARED
from .live import environment, manage

pytestmark = pytest.mark.django_db


def _ingest(*paths):
    out, err = StringIO(), StringIO()
    call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_ingest_directory_is_idempotent(search_index):
    out, _ = _ingest(SEEDS)
    assert "Ingested 2 new articles, 0 already held, 0 failed" in out
    out, _ = _ingest(SEEDS)
    assert "Ingested 0 new articles, 2 already held" in out
    assert Article.objects.count() == 2 and Quote.objects.count() == 13
    assert SearchQuerySet().models(Quote).count() == 13


def test_ingest_jsonl_records_with_metadata(search_index, tmp_path):
    records = [
        {
            "id": "a",
            "title": "Kremlin warns West",
            "text": "Peskov said: “This is a red line.”",
            "source": "Test Wire",
            "author": "Ann Writer",
            "published": "2024-09-13",
            "url": "https://example.org/a",
        },
        {
            "id": "b",
            "title": "Second",
            "text": "“We will respond,” the minister said.",
            "source": "Test Wire",
            "author": None,
            "published": None,
            "url": None,
        },
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out, _ = _ingest(path)
    assert "Ingested 2 new articles" in out
    article = Article.objects.get(title="Kremlin warns West")
    assert article.source.name == "Test Wire" and article.authors == ["Ann Writer"]
    assert str(article.published) == "2024-09-13" and article.url == "https://example.org/a"
    assert article.quotes.get().speaker.name == "Peskov"


def test_one_bad_file_is_reported_and_the_rest_go_on(search_index, tmp_path):
    (tmp_path / "a_binary.txt").write_bytes(b"\x00\x01\x02 binary junk")
    (tmp_path / "b_empty.txt").write_bytes(b"   \n")
    (tmp_path / "c_latin1.txt").write_bytes(
        "Le ministre a déclaré : « Nous répondrons. » C’était à Genève, où l'été est chaud.".encode("cp1252")
    )
    (tmp_path / "d_bad.jsonl").write_text('{"text": "Good record one, said Ann."}\nnot json\n', encoding="utf-8")
    (tmp_path / "e_good.txt").write_text("“Hello there,” said Ann Smith.", encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="4 inputs failed"):  # exit status 1
        call_command("ingest", str(tmp_path), str(tmp_path / "missing.txt"), stdout=out, stderr=err)
    out, err = out.getvalue(), err.getvalue()
    assert "binary file" in err and "empty" in err and "not a JSON record" in err and "no such file" in err
    assert "Ingested 3 new articles" in out and "4 failed" in out
    assert Article.objects.filter(raw_text__contains="déclaré").exists()


def test_one_ingest_run_resolves_the_speakers_of_its_earlier_articles(search_index, tmp_path):
    # The slip comes first: when it was stored, nobody was known by the other spelling.
    texts = ["“We hold the line,” said Serhiy Gaidai."] + [
        f"“Shelling number {n},” said Serhiy Haidai." for n in range(4)
    ]
    records = [{"id": str(n), "title": f"Luhansk {n}", "text": text} for n, text in enumerate(texts)]
    path = tmp_path / "luhansk.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    out, _ = _ingest(path)
    assert "1 folded into another, 1 quotes moved in 1 article(s)" in out
    (speaker,) = {quote.speaker for quote in Quote.objects.select_related("speaker")}
    assert speaker.name == "Serhiy Haidai" and speaker.quotes.count() == 5
    assert SearchQuerySet().models(Quote).filter(speaker=speaker.slug).count() == 5  # reindexed


def test_ingest_of_nothing_readable_fails(search_index, tmp_path):
    (tmp_path / "x.txt").write_bytes(b"\x00\x00")
    with pytest.raises(CommandError):
        _ingest(tmp_path / "x.txt")


def test_ingest_exit_status_and_quiet_summary(tmp_path):
    """Run as a script would: 0 when every input was ingested or already held, 1 (saying how
    many failed) when any failed; -v 0 prints no summary."""
    env = environment(tmp_path / "var")
    manage(env, "migrate", "--noinput", "-v0")
    good = tmp_path / "good.txt"
    good.write_text("“We will not back down,” said Ann Smith.", encoding="utf-8")
    first = manage(env, "ingest", str(good), "--no-index", check=False)
    assert first.returncode == 0 and "Ingested 1 new article, 0 already held, 0 failed" in first.stdout
    again = manage(env, "ingest", str(good), "--no-index", "-v", "0", check=False)
    assert again.returncode == 0 and again.stdout == "" and again.stderr == ""
    mixed = manage(env, "ingest", str(good), str(tmp_path / "missing.txt"), "--no-index", "-v", "0", check=False)
    assert mixed.returncode == 1 and mixed.stdout == ""
    assert "no such file" in mixed.stderr and "1 input failed" in mixed.stderr


def test_extract_quotes_streams_the_contract(tmp_path):
    records = [
        {"id": "d1/p0", "doc_id": "d1", "text": "Kremlin spokesman Dmitry Peskov spoke on Friday."},
        {"id": "d1/p1", "doc_id": "d1", "text": "“We will respond,” he said."},
        {"id": "single", "text": "“No comment,” said a senior US official."},
    ]
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    call_command("extract_quotes", str(source), str(target), stderr=StringIO())
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["d1/p0", "d1/p1", "single"]
    assert lines[0]["quotes"] == []
    (quote,) = lines[1]["quotes"]
    assert set(quote) == {"start", "end", "speaker", "speaker_start", "speaker_end", "confidence", "escalation"}
    # Coded as ingest codes it: "We will respond" is a threat the coder is sure of.
    assert quote["escalation"] == {
        "act": "threat",
        "weapons": [],
        "targets": [],
        "conditional": False,
        "confidence": quote["escalation"]["confidence"],
    }
    assert quote["escalation"]["confidence"] >= 0.6
    assert records[1]["text"][quote["start"] : quote["end"]] == "We will respond,"
    assert quote["speaker"] == "Dmitry Peskov"
    assert records[1]["text"][quote["speaker_start"] : quote["speaker_end"]] == "he"
    (anonymous,) = lines[2]["quotes"]
    assert anonymous["speaker"] == "a senior US official"
    # `he said` right after the quote is surer than a description nobody is named in
    assert 0.9 <= quote["confidence"] <= 1.0
    assert 0.0 < anonymous["confidence"] < quote["confidence"]


def test_extract_quotes_codes_escalation_in_context(tmp_path):
    """A fragment takes the act of its sentence; weapons come from the sentence; the condition governs it."""
    text = (
        "Putin said that if the West sends Tomahawk missiles to Kyiv, Russia would “respond decisively”. "
        "“The weather is fine,” he added."
    )
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": "p", "text": text}), encoding="utf-8")
    call_command("extract_quotes", str(source), str(target), stderr=StringIO())
    (line,) = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    fragment, plain = line["quotes"]
    assert text[fragment["start"] : fragment["end"]] == "respond decisively"
    assert fragment["escalation"]["act"] == "threat" and fragment["escalation"]["weapons"] == ["tomahawk"]
    assert fragment["escalation"]["targets"] == ["the-west"] and fragment["escalation"]["conditional"] is True
    assert plain["escalation"]["act"] == "other" and plain["escalation"]["weapons"] == []


def test_extract_quotes_rejects_malformed_input(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "ok"}\n{broken\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("extract_quotes", str(source), str(tmp_path / "out.jsonl"), stderr=StringIO())


def test_rebuild_index_restores_search_from_the_database(seeded):
    seeded.clear()
    assert SearchQuerySet().models(Quote).count() == 0
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert SearchQuerySet().models(Quote).count() == 13
    assert SearchQuerySet().filter(speaker="dmitry-peskov").count() == 2


def test_rebuild_index_commits_once_and_takes_on_the_queue(seeded):
    """One commit writes one segment per indexing process, not one per batch of
    documents (which Whoosh then merged again and again); edits queued while the
    rebuild held the index are indexed after it."""
    article = Article.objects.first()
    Article.objects.filter(pk=article.pk).update(title="Retitled while the index was busy")
    IndexQueue.objects.create(article_id=article.pk)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_index", stdout=out)
    assert "1 article update(s) queued for the index" in out.getvalue()

    call_command("rebuild_index", interactive=False, verbosity=0, batchsize=5)
    assert not IndexQueue.objects.exists()
    segments = list(seeded.index.refresh()._segments())
    assert 1 <= len(segments) <= INDEX_PROCESSES
    call_command("check_index", stdout=StringIO())  # raises CommandError if they differ


@pytest.mark.skipif(not (SHARED / "corpus" / "conflict-news.jsonl").exists(), reason="../shared/corpus is absent")
def test_ingest_real_corpus_sample(search_index, tmp_path):
    sample = tmp_path / "sample.jsonl"
    with (SHARED / "corpus" / "conflict-news.jsonl").open(encoding="utf-8") as corpus:
        sample.write_text("".join(line for _, line in zip(range(60), corpus)), encoding="utf-8")
    out, err = _ingest(sample)
    assert "Ingested 60 new articles" in out, err
    for quote in Quote.objects.select_related("article")[:500]:
        assert quote.article.body[quote.start : quote.end] == quote.text
    assert Quote.objects.exclude(speaker=None).count() > 100


@pytest.mark.django_db
def test_the_migrations_describe_the_models():
    """A model change without its migration (help text included) fails here, not on a deployment."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
