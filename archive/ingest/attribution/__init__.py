"""Attribute each direct quote of an article to its speaker.

The passes, one module each: `tokens` (words, punctuation and whole quotes;
sentences), `mentions` (names, pronouns, descriptions), `clauses` and `cues`
(a speech verb and its subject next to a quote), `sieves` (the cue rules as a
table, most precise first), `memory` and `resolution` (a mention to a speaker
within the article), `carry` (a quote with no cue takes a neighbour's speaker),
`article` (the run over an article in reading order).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from archive.ingest.quotes import MarkedSpans, QuoteSpan, find_quotes
from archive.ingest.records import Quote, SpeakerRecord
from archive.ingest.speakers import settle_speakers

from .article import ArticleAttribution
from .carry import Attribution
from .memory import ArticleMemory

__all__ = ["attribute_quotes", "attribute_article", "article_speakers", "extract_quotes", "Attribution"]


def attribute_quotes(
    paragraphs: Sequence[str], marked: Sequence[MarkedSpans], *, known_roles: Mapping[str, str] | None = None
) -> tuple[list[list[Quote]], list[SpeakerRecord]]:
    """The quotes found in each paragraph (offsets into it) attributed, and the speakers
    they are attributed to."""
    run = ArticleAttribution(paragraphs, marked, known_roles)
    quotes = [[as_quote(text, found) for found in attributed] for text, attributed in zip(paragraphs, run.run())]
    quotes = settle_speakers(paragraphs, quotes, run.memory.register)  # every speaker a name, or none
    return quotes, _speaker_records(run.memory, quotes)


def attribute_article(
    paragraphs: Sequence[str], *, known_roles: Mapping[str, str] | None = None
) -> tuple[list[list[Quote]], list[SpeakerRecord]]:
    """Find the quotes of an article's paragraphs and attribute them."""
    return attribute_quotes(paragraphs, find_quotes(paragraphs), known_roles=known_roles)


def extract_quotes(paragraphs: Sequence[str], *, known_roles: Mapping[str, str] | None = None) -> list[list[Quote]]:
    """One list of Quote per paragraph, offsets into that paragraph."""
    return attribute_article(paragraphs, known_roles=known_roles)[0]


def article_speakers(paragraphs: Sequence[str], quotes: list[list[Quote]]) -> list[SpeakerRecord]:
    """The speakers quoted, with canonical name, aliases and roles seen in the text."""
    run = ArticleAttribution(paragraphs, find_quotes(paragraphs), None)
    run.run()
    return _speaker_records(run.memory, quotes)


def _speaker_records(memory: ArticleMemory, quotes: list[list[Quote]]) -> list[SpeakerRecord]:
    # In the order they are first quoted, not a set's: the archive's speakers are made in
    # this order, and a set's differs from one process to the next.
    quoted = dict.fromkeys(q.speaker for para in quotes for q in para if q.speaker)
    kinds = {q.speaker: q.speaker_kind for para in quotes for q in para if q.speaker}
    records = {r.name: r for r in memory.register.records(set(quoted))}
    for name in quoted:
        if name not in records:
            records[name] = SpeakerRecord(name=name, kind=kinds.get(name) or "person")
    return [replace(r, kind=kinds.get(r.name) or r.kind) for r in records.values()]


def as_quote(text: str, found: Attribution) -> Quote:
    """The record of an attributed quote; offsets into its paragraph's text."""
    span, speaker = found.span, found.speaker
    mention = speaker.mention
    return Quote(
        start=span.start,
        end=span.end,
        text=text[span.start : span.end],
        attribution=speaker.attribution,
        speaker=speaker.speaker,
        speaker_kind=speaker.speaker_kind if speaker.speaker else None,
        source_description=speaker.description if speaker.speaker is None else None,
        mention_start=mention[0] if mention else None,
        mention_end=mention[1] if mention else None,
        cue=found.verb,
        confidence=found.confidence,
        partial=span.start > len(span.mark) + 1
        and text[span.start - len(span.mark) - 1 : span.start - len(span.mark)].isalnum() is False
        and not _starts_statement(text, span),
    )


def _starts_statement(text: str, span: QuoteSpan) -> bool:
    opening = span.start - len(span.mark)
    before = text[max(0, opening - 40) : opening].rstrip()
    return not before or before[-1] in ".:!?" or before.endswith(("said", "says", ","))
