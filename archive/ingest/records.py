"""Typed records that the ingestion pipeline produces: plain data, no Django."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


class UnreadableInput(ValueError):
    """The input is not text an article can be made of."""


@dataclass(frozen=True, kw_only=True)
class ArticleInput:
    """Raw text and what its container says about it (a JSONL record's fields, an
    editor's form); what the container says wins over what the text says."""

    raw_text: str
    label: str = "text"  # where it came from, for messages: "seeds/a.txt", "corpus.jsonl:12"
    title: str | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None
    published: str | None = None
    url: str | None = None
    raw_html: str | None = None  # the page as received, when the text was extracted from HTML
    captured_at: datetime.datetime | None = None  # when the page was fetched


# How a quote's speaker was found. "named": the name is in the attribution
# ("Starmer said"); "pronoun": "he said", resolved to an earlier name; "title":
# "the Russian president said", resolved through a role; "anonymous": a
# description that is never a named person ("a UK government official");
# "unattributed": nobody in the text is given as the speaker.
ATTRIBUTION_KINDS = ("named", "pronoun", "title", "anonymous", "unattributed")
SPEAKER_KINDS = ("person", "organisation")
# What joins an article's clean paragraphs into its body.
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True, kw_only=True)
class Quote:
    """One direct quote. Offsets are into the text the extractor was given
    (a paragraph for `extract_quotes`, the clean body for an article); they
    exclude the quotation marks, so text == given_text[start:end]."""

    start: int
    end: int
    text: str
    attribution: str  # one of ATTRIBUTION_KINDS
    speaker: str | None = None  # canonical name when resolved to a person or organisation
    speaker_kind: str | None = None  # one of SPEAKER_KINDS when speaker is set
    source_description: str | None = None  # "a UK government official" when anonymous
    mention_start: int | None = None  # the mention the attribution relies on
    mention_end: int | None = None
    cue: str | None = None  # the speech verb: "said", "warned", ":"...
    partial: bool = False  # a fragment inside paraphrase rather than the whole statement
    # How sure the speaker is, in [0, 1]: of quotes given 0.9 or more, at least nine in
    # ten have the right speaker (BENCHMARKS.md); 0.0 when unattributed.
    confidence: float = 0.0


@dataclass(frozen=True, kw_only=True)
class SpeakerRecord:
    """A person or organisation quoted in an article, as the article names them."""

    name: str  # canonical: the fullest form the article gives ("Vladimir Putin")
    kind: str = "person"
    aliases: tuple[str, ...] = ()  # other forms seen ("Putin", "Russian President Vladimir Putin")
    roles: tuple[str, ...] = ()  # "Russian President", "Kremlin spokesperson"


@dataclass(frozen=True, kw_only=True)
class ArticleRecord:
    """What ingesting one raw article yields."""

    raw_text: str
    body: str  # clean paragraphs joined by "\n\n"
    title: str
    title_derived: bool = False
    standfirst: str = ""
    section: str = ""
    authors: tuple[str, ...] = ()
    photo_credit: str = ""
    source: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[SpeakerRecord, ...] = field(default=())
