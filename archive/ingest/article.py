"""The text step of ingestion: raw article text plus optional hints (from a
JSONL record or an editor's form) to clean body paragraphs and metadata."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from archive.ingest.metadata import derive_title, parse_date, read_header, split_authors
from archive.ingest.records import PARAGRAPH_SEPARATOR, ArticleInput
from archive.ingest.text import clean_paragraphs, normalise_text, split_paragraphs


@dataclass(frozen=True, kw_only=True)
class CleanArticle:
    """A cleaned article. The body is "\\n\\n".join(paragraphs); the standfirst,
    when there is one, is its first paragraph."""

    paragraphs: tuple[str, ...]
    title: str
    title_derived: bool = False
    standfirst: str = ""
    section: str = ""
    authors: tuple[str, ...] = ()
    photo_credit: str = ""
    source: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None

    @property
    def body(self) -> str:
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)


def _hint(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


def _hinted_authors(authors: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(authors, str):  # a record's "author" field passed as is
        authors = (authors,)
    names: list[str] = []
    for value in authors:
        for name in split_authors(" ".join(value.split())) if value else ():
            if name not in names:
                names.append(name)
    return tuple(names)


def clean_article(item: ArticleInput) -> CleanArticle:
    """Clean raw article text and read its header. What the input's container
    says (title, authors, outlet, date, URL) wins over anything read from the text."""
    title = _hint(item.title)
    paragraphs = split_paragraphs(normalise_text(item.raw_text))
    header = read_header(paragraphs, title_hint=title)
    body_paragraphs = paragraphs[header.body_start :]
    if header.standfirst:
        body_paragraphs = [header.standfirst, *body_paragraphs]
    body = clean_paragraphs(body_paragraphs)

    hinted_authors = _hinted_authors(item.authors)
    credit = header.photo_credit
    if hinted_authors and not credit:
        # A name under the standfirst that the byline does not list is the picture's.
        credit = next((name for name in header.names if name not in hinted_authors), "")

    derived_title = title or header.title
    return CleanArticle(
        paragraphs=body,
        title=derived_title or (derive_title(body[0]) if body else ""),
        title_derived=not derived_title and bool(body),
        standfirst=header.standfirst if header.standfirst in body[:1] else "",
        section=header.section,
        authors=hinted_authors or header.authors,
        photo_credit=credit,
        source=_hint(item.source),
        published=parse_date(item.published) or header.published,
        url=_hint(item.url),
    )
