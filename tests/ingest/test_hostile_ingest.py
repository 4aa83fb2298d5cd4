"""Hostile input to the pure pipeline (issue 18): editors' patterns that backtrack for
minutes, quote-dense text, pages that arrive a byte at a time, NUL characters."""

import re

import pytest

from archive.ingest.escalation import DEFAULT_TERMS, InvalidTerm, Lexicon, Term, compile_term
from archive.ingest.files import record_input, text_input
from archive.ingest.records import UnreadableInput
from archive.ingest.text import decode_text
from archive.ingest.webpage import PageError, fetch_page, read_html

from ..web_server import dripping_server

# -- editors' escalation patterns ---------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        r"(\w+\s?)+x",  # the issue's: a 30-letter quote took 30 s
        r"(a+)+b",
        r"(?:\w+\s?)*end",
        r"(.*,)+x",
        r"(\w+\s?){1,30}x",  # a bounded repeat is no safer when its bound is large
        r"((ab)*)*c",
    ],
)
def test_a_pattern_that_backtracks_catastrophically_is_refused(pattern):
    with pytest.raises(InvalidTerm, match="repeated group"):
        compile_term(Term(kind="weapon", label="Trap", pattern=pattern))


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:\w+ )+missiles",  # a word cannot swallow the space that ends it
        r"(?: [\w-]+){0,3} strikes?",
        r"(?:\w+\s+)+drones",
        r"flamingos?",
        r"storm(?:-| )shadows?",
    ],
)
def test_patterns_whose_repetitions_are_fenced_are_accepted(pattern):
    compile_term(Term(kind="weapon", label="Fine", pattern=pattern))


def test_the_default_lexicon_passes_the_check():
    from archive.ingest.backtracking import backtracking_risk

    assert [term.label for term in DEFAULT_TERMS if backtracking_risk(term.pattern, re.IGNORECASE)] == []
    Lexicon()  # compiles every default term through compile_term


# -- quote-dense text ---------------------------------------------------------


# -- pages that arrive a byte at a time ------------------------------------------


@pytest.mark.parametrize("stage", ["headers", "body"])
def test_a_page_dripping_bytes_is_cut_off_at_one_deadline(stage):
    # The server would go on for 20 s, a byte every 0.1 s (each read well within any
    # per-read timeout); the fetch has one second in all.
    with dripping_server(stage=stage, seconds=20, interval=0.1) as (base, server):
        with pytest.raises(PageError, match="within 1 seconds"):
            fetch_page(base + "/", allow_private=True, timeout=1)
        assert server.hung_up.wait(10), "the fetch did not hang up"
    assert server.bytes_sent < 100, "the fetch went on reading past its deadline"


# -- NUL characters -------------------------------------------------------------


def test_a_nul_byte_anywhere_in_a_file_is_refused():
    text = ("“We will respond,” Putin said. " * 400).encode()
    data = text + b"\x00" + b" and more text"
    assert len(text) > 8192
    with pytest.raises(UnreadableInput, match=f"binary file.*NUL byte at byte {len(text):,}"):
        decode_text(data, label="long.txt")
    with pytest.raises(UnreadableInput, match="NUL"):
        text_input(b"<html><body><p>" + data + b"</p></body></html>", name="page.html", label="page.html")


def test_a_page_holding_a_nul_character_is_refused():
    html = "<html><body><article><p>" + "Officials met on Tuesday to discuss the border. " * 10 + "\x00</p>"
    with pytest.raises(PageError, match="NUL character"):
        read_html(html + "</article></body></html>", label="page")


def test_a_record_with_a_nul_character_in_any_field_is_refused():
    with pytest.raises(UnreadableInput, match="NUL character"):
        record_input('{"text": "A text.", "title": "A \\u0000 title"}', label="records.jsonl:3")
