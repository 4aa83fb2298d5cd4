"""Highlighted snippets of search results: the query's words marked, the text escaped first."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from whoosh.highlight import ContextFragmenter, HtmlFormatter, WholeFragmenter, highlight

from .search.analysis import TEXT_ANALYZER as _analyzer  # the index's own: "Zelenskiy" marks "Zelenskyy"

_formatter = HtmlFormatter(tagname="mark", classname="hit", between=" … ")
SNIPPET_LENGTH = 400


def highlighted(text, query):
    """The parts of `text` around the words of `query`, with the words marked.

    Whoosh's HtmlFormatter escapes the text it returns; with no hit the text
    is escaped here and cut to a snippet.
    """
    text = text or ""
    terms = {token.text for token in _analyzer(query or "")}
    if terms and len(text) > 4 * SNIPPET_LENGTH:
        text = _window(text, terms)
    # A quote is shown whole; an article body as the passages around the hits.
    fragmenter = (
        WholeFragmenter() if len(text) <= SNIPPET_LENGTH else ContextFragmenter(maxchars=SNIPPET_LENGTH, surround=80)
    )
    snippet = highlight(text, terms, _analyzer, fragmenter, _formatter, top=2) if terms else ""
    if not snippet:
        snippet = escape(text[:SNIPPET_LENGTH] + ("…" if len(text) > SNIPPET_LENGTH else ""))
    return mark_safe(snippet)


def _window(text, terms):
    """The stretch of a long text around the first word that starts like a query
    term: highlighting re-reads every word it is given, so give it a few hundred."""
    # A stem's first letters: the index folds endings ("zelenski" marks "Zelenskyy").
    starts = sorted({term[: max(4, len(term) - 2)] for term in terms})
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(start) for start in starts) + ")", re.IGNORECASE)
    match = pattern.search(text)
    start = max(0, match.start() - SNIPPET_LENGTH // 2) if match else 0
    return text[start : start + 2 * SNIPPET_LENGTH]
