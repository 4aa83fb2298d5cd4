"""Highlighted snippets of search results: the query's words marked, the text escaped first."""

from __future__ import annotations

import functools
import html
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from whoosh.analysis import Token
from whoosh.highlight import BasicFragmentScorer, ContextFragmenter, HtmlFormatter, highlight

from .search.analysis import TEXT_ANALYZER as _analyzer  # the index's own: "Zelenskiy" marks "Zelenskyy"

SNIPPET_LENGTH = 400
TERM_CLASSES = 5  # marked terms are numbered term0 to term4, then again from term0


def highlighted(text, query):
    """The parts of `text` around the words of `query`, with the words marked.

    Whoosh's HtmlFormatter escapes the text it returns; with no hit the text
    is escaped here and cut to a snippet.
    """
    text = text or ""
    terms = _query_terms(query or "")
    if terms and len(text) > 4 * SNIPPET_LENGTH:
        text = _window(text, terms)
    if not terms:
        snippet = ""
    elif len(text) <= SNIPPET_LENGTH:
        snippet = _marked_whole(text, terms)  # a quote is shown whole
    else:
        # An article body as the passages around the hits. A formatter of its own numbers the
        # marked terms (class "term0"...) within this snippet alone: one kept for the process
        # numbered them by every query it had seen before.
        formatter = HtmlFormatter(tagname="mark", classname="hit", between=" … ", maxclasses=TERM_CLASSES)
        fragmenter = ContextFragmenter(maxchars=SNIPPET_LENGTH, surround=80)
        snippet = highlight(text, terms, _words_as_indexed, fragmenter, formatter, top=2, scorer=_earliest_first)
    if not snippet:
        snippet = escape(text[:SNIPPET_LENGTH] + ("…" if len(text) > SNIPPET_LENGTH else ""))
    return mark_safe(snippet)


def _marked_whole(text: str, terms) -> str:
    """The whole text, escaped, with the words the index reads as query terms marked: what
    Whoosh's highlight() draws with a WholeFragmenter and the formatter above, without its
    token, fragment and scoring objects (two thirds of the time of a quote's snippet). ""
    when no word is a term, as highlight() answers."""
    pieces, index, numbers = [], 0, {}
    for match in WORD.finditer(text):
        if _as_indexed(match.group())[0] not in terms:
            continue
        start, end = match.span()
        if start > index:
            pieces.append(html.escape(text[index:start], quote=False))
        word = html.escape(text[start:end], quote=False)
        number = numbers.setdefault(word, len(numbers) % TERM_CLASSES)  # by first appearance, as Whoosh
        pieces.append(f'<mark class="hit term{number}">{word}</mark>')
        index = end
    if not pieces:
        return ""
    pieces.append(html.escape(text[index:], quote=False))
    return "".join(pieces)


@functools.lru_cache(maxsize=256)
def _query_terms(query: str) -> frozenset[str]:
    """The query's words as the index holds them: read once for the page's twenty snippets."""
    return frozenset(token.text for token in _analyzer(query))


def _window(text, terms):
    """The stretch of a long text around the first word that starts like a query
    term: highlighting re-reads every word it is given, so give it a few hundred."""
    # A stem's first letters: the index folds endings ("zelenski" marks "Zelenskyy").
    starts = sorted({term[: max(4, len(term) - 2)] for term in terms})
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(start) for start in starts) + ")", re.IGNORECASE)
    match = pattern.search(text)
    start = max(0, match.start() - SNIPPET_LENGTH // 2) if match else 0
    return text[start : start + 2 * SNIPPET_LENGTH]


# The index's analyser is a tokenizer and then filters that each read one word alone
# (lower-case, fold, stop, stem: archive/search/analysis.py), so a word reads the same
# wherever it stands: each distinct word goes through them once, not once a snippet.
# Through Whoosh's chain of generators they were two thirds of the highlighting time.
_TOKENIZER, *_FILTERS = _analyzer.items
WORD = _TOKENIZER.expression


@functools.lru_cache(maxsize=50_000)
def _as_indexed(word: str) -> tuple[str, bool]:
    """A word as the index reads it, and whether it is a stop word (kept, never marked)."""
    token = Token(chars=False, removestops=False, mode="query")
    token.text, token.boost, token.stopped = word, 1.0, False
    tokens = iter([token])
    for step in _FILTERS:
        tokens = step(tokens)
    read = next(tokens)
    return read.text, read.stopped


def _words_as_indexed(text, chars=True, mode="", removestops=False, **_):
    """The tokens of `text` as the index's analyser gives them to highlight()."""
    token = Token(chars=True, removestops=removestops, mode=mode)
    for match in WORD.finditer(text):
        token.text, token.stopped = _as_indexed(match.group(0))
        token.boost = 1.0
        token.startchar, token.endchar = match.start(), match.end()
        yield token


_score = BasicFragmentScorer()


def _earliest_first(fragment) -> float:
    """Whoosh's passage score, the earlier of two equal passages ahead: Whoosh ranks equal
    passages by where the objects sit in memory, so each worker could show another one.
    Scores are whole numbers (marked words x distinct terms x 100); the tie-break is under 1."""
    return _score(fragment) + 1 / (fragment.startchar + 2)
