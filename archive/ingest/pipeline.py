"""The ingestion pipeline as a short list of steps: clean, find quotes, attribute them.

`extract_article` serves the ingest service; `quotes_for_records` serves the
`extract_quotes` command. Both run the same extraction code.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import groupby

from .article import clean_article
from .attribution import attribute_quotes
from .escalation import Escalation, code_quotes
from .quotes import find_quotes
from .records import PARAGRAPH_SEPARATOR, ArticleInput, ArticleRecord, Quote


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def extract_article(item: ArticleInput, *, known_roles: Mapping[str, str] | None = None) -> ArticleRecord:
    """Raw article text in; clean body, metadata, quotes and speakers out."""
    clean = clean_article(item)
    marked = find_quotes(clean.paragraphs)
    quotes_per_paragraph, speakers = attribute_quotes(clean.paragraphs, marked, known_roles=known_roles)
    quotes = tuple(_filed(quote) for quote in _into_body(clean.paragraphs, quotes_per_paragraph))
    named = {quote.speaker for quote in quotes}
    return ArticleRecord(
        raw_text=item.raw_text,
        body=PARAGRAPH_SEPARATOR.join(clean.paragraphs),
        title=clean.title,
        title_derived=clean.title_derived,
        standfirst=clean.standfirst,
        section=clean.section,
        authors=tuple(clean.authors),
        photo_credit=clean.photo_credit,
        source=clean.source,
        published=clean.published,
        url=clean.url,
        quotes=quotes,
        speakers=tuple(speaker for speaker in speakers if speaker.name in named),
    )


# The confidence from which the archive files a quote under its speaker. Below it the
# speaker is a guess (whom the article is talking about, a pronoun carried past its
# paragraph), right about three times in ten by the calibration table in BENCHMARKS.md;
# from it, two times in three or more. A researcher reading someone's page should not
# meet the other seven: the archive keeps such a quote, unattributed, for editors to
# attribute. `extract_quotes` still writes the guess with its confidence.
FILED_FROM_CONFIDENCE = 0.5


def _filed(quote: Quote) -> Quote:
    if quote.speaker is None or quote.confidence >= FILED_FROM_CONFIDENCE:
        return quote
    return dataclasses.replace(
        quote,
        attribution="unattributed",
        speaker=None,
        speaker_kind=None,
        source_description=None,
        mention_start=None,
        mention_end=None,
        cue=None,
        confidence=0.0,
    )


def within_quote_cap(record: ArticleRecord, *, cap: int) -> tuple[ArticleRecord, int]:
    """The record with its first `cap` quotes (and their speakers), and how many it left out."""
    if len(record.quotes) <= cap:
        return record, 0
    kept = record.quotes[:cap]
    names = {quote.speaker for quote in kept}
    speakers = tuple(speaker for speaker in record.speakers if speaker.name in names)
    return dataclasses.replace(record, quotes=kept, speakers=speakers), len(record.quotes) - cap


def _into_body(paragraphs: Sequence[str], quotes_per_paragraph: Sequence[Sequence[Quote]]) -> Iterator[Quote]:
    """Move paragraph offsets into offsets of the joined body."""
    offset = 0
    for paragraph, quotes in zip(paragraphs, quotes_per_paragraph):
        for quote in quotes:
            yield dataclasses.replace(
                quote,
                start=quote.start + offset,
                end=quote.end + offset,
                mention_start=None if quote.mention_start is None else quote.mention_start + offset,
                mention_end=None if quote.mention_end is None else quote.mention_end + offset,
            )
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)


def quotes_for_records(records: Iterable[dict]) -> Iterator[dict]:
    """Stream evaluation records ({"id", "text", "doc_id"?}) to predictions.

    Consecutive records with the same doc_id are one article's paragraphs, in
    order; a record without doc_id is an article of its own. Only one article
    is held in memory at a time.
    """
    for _, group in groupby(records, key=lambda record: record.get("doc_id") or object()):
        article = list(group)
        paragraphs = [record["text"] for record in article]
        quotes_per_paragraph, _ = attribute_quotes(paragraphs, find_quotes(paragraphs))
        for record, quotes in zip(article, quotes_per_paragraph):
            # Coded as ingest codes them: the same function, each quote in its paragraph.
            codes = code_quotes(record["text"], quotes)
            yield {"id": record["id"], "quotes": [prediction(quote, code) for quote, code in zip(quotes, codes)]}


def prediction(quote: Quote, escalation: Escalation | None = None) -> dict:
    """A quote as the scorer and `extract_quotes` read it."""
    return {
        "start": quote.start,
        "end": quote.end,
        "speaker": quote.speaker or quote.source_description,
        "speaker_start": quote.mention_start,
        "speaker_end": quote.mention_end,
        "confidence": quote.confidence,
        **({} if escalation is None else {"escalation": escalation_codes(escalation)}),
    }


def escalation_codes(escalation: Escalation) -> dict:
    return {
        "act": escalation.act,
        "weapons": list(escalation.weapons),
        "targets": list(escalation.targets),
        "conditional": escalation.conditional,
        "confidence": escalation.confidence,
    }
