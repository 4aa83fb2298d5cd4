"""Ingesting the two seed articles yields exactly what seeds/expected.json says."""

import json

import pytest

from archive.models import Article, Quote, Speaker

from .conftest import SEEDS

EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
EXPECTED_ARTICLES = {entry["file"]: entry for entry in EXPECTED["articles"]}


def _article(file_name):
    raw_text = (SEEDS / file_name).read_text(encoding="utf-8")
    return Article.objects.get(raw_text=raw_text)


@pytest.mark.parametrize("file_name", sorted(EXPECTED_ARTICLES))
def test_seed_metadata(seeded, file_name):
    expected = EXPECTED_ARTICLES[file_name]["metadata"]
    article = _article(file_name)
    if expected["title"] is None:
        assert article.title_derived and article.title
    else:
        assert article.title == expected["title"] and not article.title_derived
    assert article.authors == expected["authors"]
    assert (article.source.name if article.source else None) == expected["source"]
    assert article.published == expected["published"]
    for field in ("section", "standfirst", "photo_credit"):
        if field in expected:
            assert getattr(article, field) == expected[field]
    if expected.get("standfirst"):
        assert article.body.count(expected["standfirst"]) == 1


@pytest.mark.parametrize("file_name", sorted(EXPECTED_ARTICLES))
def test_seed_body_leaves_out_boilerplate(seeded, file_name):
    body = _article(file_name).body
    for boilerplate in EXPECTED_ARTICLES[file_name]["must_not_appear_in_body"]:
        assert boilerplate not in body


@pytest.mark.parametrize("file_name", sorted(EXPECTED_ARTICLES))
def test_seed_quotes_and_speakers(seeded, file_name):
    article = _article(file_name)
    found = [
        (q.text, q.speaker.name if q.speaker else None, q.source_description or None)
        for q in article.quotes.select_related("speaker").order_by("start")
    ]
    expected = [(q["text"], q["speaker"], q.get("source")) for q in EXPECTED_ARTICLES[file_name]["quotes"]]
    assert found == expected
    for quote in article.quotes.all():
        assert article.body[quote.start : quote.end] == quote.text


@pytest.mark.parametrize("file_name", sorted(EXPECTED_ARTICLES))
def test_seed_roles_and_non_speakers(seeded, file_name):
    entry = EXPECTED_ARTICLES[file_name]
    for name, role in entry["speakers_with_roles"].items():
        speaker = Speaker.objects.get(name=name)
        assert role.lower() in [title.lower() for title in speaker.role_titles()]
    for name in entry["named_but_not_speakers"]:
        assert not Speaker.objects.filter(name=name).exists()


def test_archive_after_both_seeds(seeded):
    expected = EXPECTED["archive_after_both"]
    assert sorted(Speaker.objects.values_list("name", flat=True)) == sorted(expected["speakers"])
    counts = {s.name: s.quote_count for s in Speaker.objects.with_quote_count()}
    assert counts == expected["quotes_by_speaker"]
    assert Quote.objects.filter(attribution="anonymous").count() == expected["anonymous_quotes"]
    assert Quote.objects.filter(attribution="unattributed").count() == expected["unattributed_quotes"]
    assert Quote.objects.count() == expected["total_quotes"]
