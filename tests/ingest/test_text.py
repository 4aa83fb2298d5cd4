"""Text cleaning: normalisation, paragraphs, boilerplate, repeats; and a
robustness check over the shared real-article corpus when it is present."""

import json
from pathlib import Path

import pytest

from archive.ingest.article import clean_article
from archive.ingest.files import record_input
from archive.ingest.text import (
    clean_paragraphs,
    clean_text,
    is_boilerplate,
    normalise_text,
    photo_credit,
    split_paragraphs,
    strip_inline_boilerplate,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CONFLICT_NEWS = SHARED / "corpus" / "conflict-news.jsonl"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("One.\r\nTwo.\rThree.", "One.\nTwo.\nThree."),
        ("  Padded line \t\n\n\n\nNext  ", "Padded line\n\n\n\nNext"),
        ("Non\xa0breaking\u2009and\u3000wide spaces", "Non breaking and wide spaces"),
        ("Zero\u200bwidth, soft\u00adhyphen, \ufeffBOM", "Zerowidth, softhyphen, BOM"),
        ("Bell\x07 and escape\x1b gone", "Bell and escape gone"),
        ("Line\u2028separator\u2029paragraph", "Line\nseparator\nparagraph"),
        ("Keep “curly” quotes — and dashes – verbatim’s", "Keep “curly” quotes — and dashes – verbatim’s"),
        ("Too    many   spaces", "Too many spaces"),
    ],
)
def test_normalise_text(raw, expected):
    assert normalise_text(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("First para.\n\nSecond para.", ["First para.", "Second para."]),
        ("One a line.\nAnother line.\nA third.", ["One a line.", "Another line.", "A third."]),
        (
            "Block one.\n\nName Line\nOther Name\nUpdate:\n\nBody.",
            ["Block one.", "Name Line", "Other Name", "Update:", "Body."],
        ),
        (
            "The council met on a wet Tuesday evening to argue about the\n"
            "budget for the harbour wall, which nobody wanted to pay for\n"
            "in full.\n\nNext paragraph.",
            [
                "The council met on a wet Tuesday evening to argue about the budget for the harbour wall, "
                "which nobody wanted to pay for in full.",
                "Next paragraph.",
            ],
        ),
        ("", []),
        ("\n\n \n", []),
    ],
)
def test_split_paragraphs(text, expected):
    assert split_paragraphs(normalise_text(text)) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Get your game on! Whether you follow curling or darts, our app has it all.",
        "Stream every match and more – Download now for all-access coverage, wherever you are.",
        "Tagged in:",
        "Comments",
        "Rules",
        "Related stories",
        "Related articles",
        "Update:",
        "Updated: 3 May 2024",
        "Complete your personal details to comment",
        "We recommend these for you in Latest news",
        "Sign up for our morning briefing",
        "Sign up to Morning Mail, our free daily newsletter – every weekday at 6am",
        "Read more: Harbour wall talks collapse",
        "READ MORE: Why the ferry timetable changed",
        "Click here to follow our coverage",
        "Share this article",
        "Share on Facebook",
        "Advertisement",
        "Interactive",
        "Photograph: Jane Roe/Getty Images",
        "Photo: Jane Roe/dpa",
        "Getty Images",
        "(Photo by Jane Roe/Getty Images)",
        "(AP Photo/Jane Roe, File)",
        "Jane Roe/AFP via Getty Images",
        "Watch: the ferry leaves port",
        "12 comments",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Rules on fishing quotas were tightened on Monday, the minister said.",
        "Comments by the mayor drew a sharp response from the harbour board.",
        "Read more widely, the report suggests the council was warned twice.",
        "Sign up rates for the scheme fell by a third, officials said.",
        "Related stories had appeared in the local press for weeks.",
        "The photograph showed a ferry stranded on the rocks.",
        "Photos by residents showed water pouring through the wall.",
        "“Download now or lose it,” the minister joked about the data.",
        "Update the register, she told the clerk, before the vote.",
        "Harbour talks stall",
        "Jane Roe",
        "Share prices fell sharply after the announcement.",
        # One run-together article must never count as a boilerplate line.
        "Read more " + "about the harbour wall and its long history of repairs. " * 10,
    ],
)
def test_real_sentences_are_not_boilerplate(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Photograph: Jane Roe/Getty Images", "Jane Roe/Getty Images"),
        ("Photo: Jane Roe", "Jane Roe"),
        ("(Photo by Jane Roe/AP)", "Jane Roe/AP"),
        ("(AP Photo/Jane Roe)", "Jane Roe"),
        ("Jane Roe/Reuters", "Jane Roe/Reuters"),
        ("Getty Images", ""),
        ("Jane Roe", None),
        ("The minister said so.", None),
    ],
)
def test_photo_credit(line, credit):
    assert photo_credit(line) == credit


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "The ferry sank in calm water. (AP Photo/Jane Roe) Divers reached it by noon.",
            "The ferry sank in calm water. Divers reached it by noon.",
        ),
        (
            "Crowds gathered at the quay. Photograph: Jane Roe/AFP/Getty Images The mayor spoke first.",
            "Crowds gathered at the quay. The mayor spoke first.",
        ),
        (
            "The vote was close. Get all the latest news sent to your inbox. Sign up for the free Harbour "
            "newsletter The count took hours.",
            "The vote was close. The count took hours.",
        ),
        (
            "Storms hit the coast. Click here to follow our live blog with the latest updates Roads closed.",
            "Storms hit the coast. Roads closed.",
        ),
        (
            "Photographs show the wall gave way. A photo by a resident went viral.",
            "Photographs show the wall gave way. A photo by a resident went viral.",
        ),
    ],
)
def test_strip_inline_boilerplate(paragraph, expected):
    assert strip_inline_boilerplate(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["Summary line.", "Summary line.", "Body."], ("Summary line.", "Body.")),
        (["A.", "Update:", "A.", "B."], ("A.", "B.")),
        (["A.", "B.", "A."], ("A.", "B.", "A.")),  # only repeats in a row
        (
            ["Lead.", "Second.", "Boats moored in the old harbour.", "Photograph: Jane Roe/Reuters", "Third."],
            ("Lead.", "Second.", "Third."),  # the caption goes with its labelled credit
        ),
        (["Lead.", "Photograph: Jane Roe/Reuters", "Second."], ("Lead.", "Second.")),  # the lead is no caption
        (
            ["Lead.", "“We will rebuild,” she said.", "Photograph: Jane Roe/Reuters"],
            ("Lead.", "“We will rebuild,” she said."),
        ),
        (["Body.", "Related stories", "Comments", "Rules"], ("Body.",)),
    ],
)
def test_clean_paragraphs(paragraphs, expected):
    assert clean_paragraphs(paragraphs) == expected


def test_clean_text_keeps_quotes_verbatim():
    raw = "“We will rebuild the wall,” the mayor said.\n\nTagged in:\nComments\n"
    assert clean_text(raw) == ("“We will rebuild the wall,” the mayor said.",)


def _corpus_records(limit):
    if not CONFLICT_NEWS.is_file():
        pytest.skip(f"shared corpus not present at {CONFLICT_NEWS}")
    with CONFLICT_NEWS.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number >= limit:
                break
            yield json.loads(line)


def test_corpus_cleaning_keeps_the_articles():
    """Over real articles: never crash, never empty an article, keep >= 90 %
    of its characters (boilerplate residue is a small share)."""
    checked = 0
    for record in _corpus_records(500):
        raw = normalise_text(record["text"])
        article = clean_article(record_input(json.dumps(record), label=record["id"]))
        if raw:
            assert article.paragraphs, record["id"]
            assert len(article.body) >= 0.9 * len(raw), record["id"]
        if record.get("published"):
            assert article.published == record["published"], record["id"]
        assert article.title == " ".join(record["title"].split()), record["id"]
        checked += 1
    assert checked == 500
