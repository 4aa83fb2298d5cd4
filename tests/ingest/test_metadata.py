"""Header metadata, hints and the seed articles' expected metadata."""

import json
from pathlib import Path

import pytest

from archive.ingest.article import CleanArticle, clean_article
from archive.ingest.metadata import derive_title, parse_date, read_header, split_authors
from archive.ingest.records import ArticleInput

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-12", "2022-01-12"),
        ("2022-01-12T08:30:00Z", "2022-01-12"),
        ("2022/1/5", "2022-01-05"),
        ("12 January 2022", "2022-01-12"),
        ("Wed 12 Jan 2022 08.30 GMT", "2022-01-12"),
        ("January 12, 2022", "2022-01-12"),
        ("Jan. 12, 2022 at 8:30 a.m.", "2022-01-12"),
        ("Sept 3 2024", "2024-09-03"),
        ("3rd of March, 2024", "2024-03-03"),
        ("2022-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Jane Roe", ("Jane Roe",)),
        ("By Jane Roe and John Doe, Reuters", ("Jane Roe", "John Doe")),
        ("Jane Roe, John Doe & Ana de la Cruz", ("Jane Roe", "John Doe", "Ana de la Cruz")),
        ("by JANE ROE", ("JANE ROE",)),
        ("Jane Roe", ("Jane Roe",)),
    ],
)
def test_split_authors(value, expected):
    assert split_authors(value) == expected


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Harbour wall to be rebuilt. Work starts in May.", "Harbour wall to be rebuilt"),
        ("Mr. Doe said the U.S. plan was late. Others agreed.", "Mr. Doe said the U.S. plan was late"),
        (
            "The harbour board, meeting late on a stormy Tuesday evening in the old customs house, "
            "voted to rebuild the sea wall before winter.",
            "The harbour board, meeting late on a stormy Tuesday evening in the old customs house,…".replace(",…", "…"),
        ),
    ],
)
def test_derive_title(lead, expected):
    title = derive_title(lead)
    assert title == expected
    assert len(title) <= 91


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # section, headline, standfirst printed twice, photographer then author
        (
            [
                "Coastal Affairs",
                "Harbour wall gives way",
                "Storm surge floods the old town.",
                "Storm surge floods the old town.",
                "Jane Roe",
                "John Doe",
                "Update:",
                "Body starts here.",
            ],
            dict(
                section="Coastal Affairs",
                title="Harbour wall gives way",
                standfirst="Storm surge floods the old town.",
                authors=("John Doe",),
                photo_credit="Jane Roe",
                body_start=7,
            ),
        ),
        # explicit cues: "By" and a labelled credit, plus a date line
        (
            [
                "Harbour wall gives way",
                "Storm surge floods the old town.",
                "Photo: Jane Roe/AP",
                "By John Doe and Ann Poe",
                "Published 3 May 2024",
                "Body.",
            ],
            dict(
                section="",
                title="Harbour wall gives way",
                standfirst="Storm surge floods the old town.",
                authors=("John Doe", "Ann Poe"),
                photo_credit="Jane Roe/AP",
                published="2024-05-03",
                body_start=5,
            ),
        ),
        # a name line beside an explicit byline is the picture's
        (
            ["Harbour wall gives way", "Storm surge floods the old town.", "Jane Roe", "By John Doe", "Body."],
            dict(authors=("John Doe",), photo_credit="Jane Roe", body_start=4),
        ),
        # one name only: the author
        (
            ["Harbour wall gives way", "Storm surge floods the old town.", "John Doe", "Body."],
            dict(authors=("John Doe",), photo_credit="", body_start=3),
        ),
        # headline, no standfirst cue: the next paragraph is the lead, part of the body
        (
            ["Harbour wall gives way", "Storm surge floods the old town.", "More rain is due."],
            dict(title="Harbour wall gives way", standfirst="", body_start=1),
        ),
        # no headline: a text that starts with its lead
        (
            ["The storm surge flooded the old town overnight, officials said.", "More rain is due."],
            dict(title="", standfirst="", authors=(), body_start=0),
        ),
        # a byline at the very top
        (["By Jane Roe", "The storm surge flooded the old town."], dict(title="", authors=("Jane Roe",), body_start=1)),
        # "By" starting a sentence is no byline
        (["By noon the water had gone.", "Roads reopened."], dict(title="", authors=(), body_start=0)),
    ],
)
def test_read_header(paragraphs, expected):
    header = read_header(paragraphs)
    for field, value in expected.items():
        assert getattr(header, field) == value, field


def test_title_hint_keeps_a_short_first_line_in_the_body():
    # Sports fixtures and wire datelines start with short lines that are body, not headline.
    paragraphs = ["Riverside Park", "Tuesday, 1 March", "Kick-off at 7pm."]
    assert read_header(paragraphs, title_hint="Rovers v United").body_start == 0
    assert read_header(["Harbour wall gives way", "Body."], title_hint="Harbour Wall Gives Way").title


def test_hints_win_over_the_text():
    raw = "Local News\n\nHarbour wall gives way\n\nStorm surge floods the old town.\nJane Roe\nJohn Doe\n\nBody."
    article = clean_article(
        ArticleInput(
            raw_text=raw,
            title="  Sea wall collapses ",
            authors=("By Ann Poe",),
            source="Harbour Gazette",
            published="May 3, 2024",
            url="https://example.org/wall",
        )
    )
    assert article == CleanArticle(
        paragraphs=("Storm surge floods the old town.", "Body."),
        title="Sea wall collapses",
        title_derived=False,
        standfirst="Storm surge floods the old town.",
        section="Local News",
        authors=("Ann Poe",),
        photo_credit="Jane Roe",
        source="Harbour Gazette",
        published="2024-05-03",
        url="https://example.org/wall",
    )


@pytest.mark.parametrize(
    ("raw", "title", "derived"),
    [
        (
            "The storm surge flooded the old town overnight. Roads closed.",
            "The storm surge flooded the old town overnight",
            True,
        ),
        ("", "", False),
        ("Tagged in:\nComments", "", False),
    ],
)
def test_derived_title(raw, title, derived):
    article = clean_article(ArticleInput(raw_text=raw))
    assert (article.title, article.title_derived) == (title, derived)


def test_author_string_hint_is_split():
    assert clean_article(ArticleInput(raw_text="Body.", authors=("Jane Roe and John Doe",))).authors == (
        "Jane Roe",
        "John Doe",
    )


def _seed_cases():
    expected = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["file"]) for case in expected["articles"]]


@pytest.mark.parametrize("case", _seed_cases())
def test_seed_articles(case):
    raw = (SEEDS / case["file"]).read_text(encoding="utf-8")
    article = clean_article(ArticleInput(raw_text=raw))
    metadata = case["metadata"]
    body = article.body

    if metadata["title"] is None:
        assert article.title_derived
        assert 20 <= len(article.title) <= 101
        assert body.startswith(article.title.rstrip("…"))
    else:
        assert (article.title, article.title_derived) == (metadata["title"], False)
    assert list(article.authors) == metadata["authors"]
    assert article.source == metadata["source"]
    assert article.published == metadata["published"]
    for field in ("section", "standfirst", "photo_credit"):
        if field in metadata:
            assert getattr(article, field) == metadata[field], field
    if article.standfirst:
        assert article.paragraphs[0] == article.standfirst
        assert body.count(article.standfirst) == 1
    for text in case["must_not_appear_in_body"]:
        assert text not in body, text
    for quote in case["quotes"]:
        assert quote["text"] in body, quote["text"]
    for name in (metadata.get("title") or "", metadata.get("section") or "", metadata.get("photo_credit") or ""):
        if name:
            assert name not in article.paragraphs, name
