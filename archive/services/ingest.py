"""Ingest: raw article text (a file, a record, an upload, a web page) in, an article
with its quotes and speakers stored in one transaction.

The ingest command, the admin and the seeds all go through `ingest_article`.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass

from django import db
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from ..ingest.article import clean_article
from ..ingest.escalation import code_quotes
from ..ingest.files import text_input
from ..ingest.pipeline import extract_article, sha256, within_quote_cap
from ..ingest.pool import Extracted, ExtractionPool
from ..ingest.records import ArticleInput, ArticleRecord, SpeakerRecord, UnreadableInput
from ..ingest.webpage import fetch_page, read_html
from ..models import Article, Quote
from .escalation import apply_code
from .indexing import reindex_after_commit
from .lineage import join_quote_groups, place_article
from .speakers import ArchiveLookups


@dataclass(frozen=True, kw_only=True)
class IngestResult:
    article: Article
    created: bool
    quotes_left_out: int = 0  # quotes found beyond settings.REDLINE_MAX_QUOTES_PER_ARTICLE, not stored
    roles: tuple[str, ...] = ()  # the titles its speakers were given: what a run learns of roles from it

    def quote_cap_message(self) -> str | None:
        """What to tell the editor when the text held more quotes than an article may."""
        if not self.quotes_left_out:
            return None
        cap = settings.REDLINE_MAX_QUOTES_PER_ARTICLE
        return (
            f"The text holds {cap + self.quotes_left_out:,} quotes; an article keeps at most {cap:,}, so the last "
            f"{self.quotes_left_out:,} were not extracted. Split the text into several articles to keep them all."
        )


# What find_duplicate asks of every article ingested: in SQL, since the ORM took 30 times
# longer to build the query (0.6 ms) than SQLite to answer it. Rows in the model's order
# (Article.Meta.ordering), as `.first()` finds them.
HELD_SQL = (
    "SELECT id, {matches} FROM " + Article._meta.db_table + " WHERE {where} ORDER BY published DESC, created DESC"
)


def find_duplicate(*, raw_text: str | None = None, url: str | None = None, body: str | None = None) -> Article | None:
    """The article already held with this text or this URL, if any: one with the same
    raw text, else the same clean body (pasted text loses its trailing newline and gains
    CRs that a file of it does not have), else the same URL. One query for all three.
    """
    if raw_text and body is None:
        body = clean_article(ArticleInput(raw_text=raw_text)).body
    wanted = {
        field: value
        for field, value in (
            ("raw_sha256", sha256(raw_text) if raw_text else None),
            ("body_sha256", sha256(body) if body else None),
            ("url", url),
        )
        if value
    }
    if not wanted:
        return None
    matches = ", ".join(f"{field} = %s" for field in wanted)  # a column for each: does the row match it
    with connection.cursor() as cursor:
        cursor.execute(HELD_SQL.format(matches=matches, where=matches.replace(", ", " OR ")), [*wanted.values()] * 2)
        held = cursor.fetchall()
    for n in range(1, len(wanted) + 1):  # the same raw text first, then body, then URL
        for row in held:
            if row[n]:
                return Article.objects.get(pk=row[0])
    return None


def ingest_article(
    item: ArticleInput,
    *,
    index: bool = True,
    lookups: ArchiveLookups | None = None,
    extracted: Extracted | None = None,
) -> IngestResult:
    """Turn what a file, a record, an upload or a web page gave into an article with
    its quotes and speakers, in one transaction.

    `extracted` is the item's extraction made elsewhere (a worker process of a bulk
    ingest, with the roles `lookups` knew then); without it the item is extracted here.

    For a web page, raw_text is its extracted main text and raw_html the page as received.
    The same text (or the same URL) gives back the article already held.
    With index=True the search index is updated once the transaction commits;
    bulk callers pass index=False and index in batches (`index_articles`).
    """
    if "\x00" in item.raw_text or "\x00" in (
        item.raw_html or ""
    ):  # no article holds one, and PostgreSQL cannot store it
        raise UnreadableInput("The text holds NUL characters: it is binary data, not an article.")
    if extracted is None or extracted.failure is not None:
        # Before extracting, or reporting a failure: the same text already held is no failure.
        existing = Article.objects.filter(raw_sha256=sha256(item.raw_text)).first()
        if existing is not None:
            return IngestResult(article=existing, created=False)

    lookups = lookups or ArchiveLookups()
    if extracted is None:
        record, quotes_left_out = _within_quote_cap(extract_article(item, known_roles=lookups.known_roles()))
        codes = None
        existing = find_duplicate(body=record.body, url=item.url)
    elif extracted.failure is not None:
        raise (UnreadableInput if extracted.unreadable else IngestFailed)(extracted.failure)
    else:
        record, quotes_left_out, codes = extracted.record, extracted.quotes_left_out, extracted.codes
        existing = find_duplicate(raw_text=item.raw_text, body=record.body, url=item.url)
    if existing is not None:
        return IngestResult(article=existing, created=False)
    try:
        with transaction.atomic():
            article = _save_article(record, lookups, raw_html=item.raw_html, captured_at=item.captured_at, codes=codes)
            if index:
                reindex_after_commit([article.pk])
    except Exception:
        lookups.forget()  # what it remembered may have been rolled back with the article
        raise
    roles = tuple(title.lower()[:300] for speaker in record.speakers for title in speaker.roles)
    return IngestResult(article=article, created=True, quotes_left_out=quotes_left_out, roles=roles)


class ParallelExtraction:
    """A bulk ingest's extraction in worker processes, its articles stored here in input
    order (`ingest_article(item, extracted=...)`), so that the archive is the one ingesting
    them one by one makes. What storing teaches about roles goes to the workers with their
    next batch (`stored`); an article that asked about a role learned after it was sent is
    extracted again here. Use it as a context manager: leaving stops the workers."""

    def __init__(self, processes: int, lookups: ArchiveLookups):
        self._lookups = lookups
        self.extracted_again = 0  # articles a role learned after they were sent sent back here
        self._roles = lookups.known_roles()
        lexicon = lookups.escalation_lexicon()
        connection = db.connections["default"]
        if not connection.in_atomic_block and not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
            # The workers never touch the database; closing first means they hold no connection
            # of this process at all. (In a test's transaction they inherit it unused, and end
            # without closing it: os._exit.)
            db.connections.close_all()
        self._pool = ExtractionPool(
            processes, roles=self._roles, lexicon=lexicon, quote_cap=settings.REDLINE_MAX_QUOTES_PER_ARTICLE
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._pool.close()

    def extracted(self, items):
        """(item, its extraction, or None where it is to be extracted here), in input order."""
        for item, extracted in self._pool.extracted(items):
            roles = self._lookups.known_roles()
            if roles is not self._roles:  # a rollback made the lookups read the roles again
                self._roles = roles
                self._pool.rebase(roles)
            if extracted is not None and not self._pool.fresh(extracted):
                self.extracted_again += 1
                extracted = None
            yield item, extracted

    def stored(self, result: IngestResult) -> None:
        self._pool.learned(result.roles)


class IngestFailed(Exception):
    """Extraction failed in a worker process; the message is the error's there."""


def _within_quote_cap(record: ArticleRecord) -> tuple[ArticleRecord, int]:
    """The record with its first REDLINE_MAX_QUOTES_PER_ARTICLE quotes (and their speakers), and how many
    it left out: storing, coding and grouping each quote costs a database row and an index document."""
    return within_quote_cap(record, cap=settings.REDLINE_MAX_QUOTES_PER_ARTICLE)


# -- web pages and uploads ----------------------------------------------------
# Reading is separate from storing, so the admin can show a bad page or file
# as a form error before anything is written.

FETCH_TIMEOUT_SECONDS = 15.0
UPLOAD_SUFFIXES = (".txt", ".html", ".htm")


def read_web_page(url: str) -> ArticleInput:
    """Fetch a page and extract its article. Raises UnreadableInput with an editor-facing message.

    Private and loopback addresses are refused unless settings.REDLINE_ALLOW_PRIVATE_URLS.
    """
    page = fetch_page(
        url,
        allow_private=settings.REDLINE_ALLOW_PRIVATE_URLS,
        timeout=getattr(settings, "REDLINE_FETCH_TIMEOUT", FETCH_TIMEOUT_SECONDS),
        max_bytes=settings.REDLINE_MAX_UPLOAD_BYTES,
    )
    item = read_html(page.html, url=page.final_url, label=url)
    return dataclasses.replace(item, captured_at=page.captured_at)


def read_upload(name: str, data: bytes) -> ArticleInput:
    """An uploaded .txt or .html file. Raises UnreadableInput for a wrong type, a file over
    settings.REDLINE_MAX_UPLOAD_BYTES, a binary file or one in no detectable charset."""
    limit = settings.REDLINE_MAX_UPLOAD_BYTES
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        raise UnreadableInput(f"{name}: upload a .txt or .html file.")
    if len(data) > limit:
        raise UnreadableInput(f"{name}: the file is larger than the {limit / (1024 * 1024):g} MB limit.")
    item = text_input(data, name=name, label=name)
    if not item.raw_text.strip():
        raise UnreadableInput(f"{name}: the file holds no text.")
    return item


def ingest_web_page(url: str, *, index: bool = True, lookups: ArchiveLookups | None = None) -> IngestResult:
    """Fetch a page and ingest its article, keeping the HTML; a URL already held is not fetched."""
    existing = find_duplicate(url=url)
    if existing is not None:
        return IngestResult(article=existing, created=False)
    return ingest_article(read_web_page(url), index=index, lookups=lookups)


def reingest_article(article: Article, *, index: bool = True) -> Article:
    """Run extraction again over an article's raw text, replacing its extracted quotes.

    An editor's decisions stay: corrected, rejected and reviewed quotes, and quotes whose
    codes an editor set, are kept as they are, and an extracted quote overlapping one of them
    is not added again.
    """
    lookups = ArchiveLookups()
    held = ArticleInput(
        raw_text=article.raw_text,
        label=f"article {article.pk}",
        title=article.title if not article.title_derived else None,
        authors=tuple(article.authors),
        source=article.source.name if article.source else None,
        published=article.published.isoformat() if article.published else None,
        url=article.url or None,
    )
    record, _ = _within_quote_cap(extract_article(held, known_roles=lookups.known_roles()))
    with transaction.atomic():
        kept = list(
            Quote.all_objects.filter(article=article).filter(
                Q(corrected=True) | Q(rejected=True) | Q(codes_corrected=True) | Q(reviewed_at__isnull=False)
            )
        )
        Quote.all_objects.filter(article=article).exclude(pk__in=[quote.pk for quote in kept]).delete()
        _fill_article(article, record, lookups)
        for quote in kept:
            _follow_body(quote, article.body)
        _save_with_quotes(article, record, lookups, keep_clear_of=kept)
        if index:
            reindex_after_commit([article.pk])
    return article


def _follow_body(quote: Quote, body: str) -> None:
    """Keep an editor's quote on its words when re-cleaning moved the body's offsets."""
    if body[quote.start : quote.end] == quote.text:
        return
    candidates = [match.start() for match in re.finditer(re.escape(quote.text), body)] if quote.text else []
    if candidates:
        start = min(candidates, key=lambda i: abs(i - quote.start))
        quote.start, quote.end = start, start + len(quote.text)
        quote.save(update_fields=["start", "end", "text"])


def _save_article(
    record: ArticleRecord, lookups: ArchiveLookups, *, raw_html: str | None = None, captured_at=None, codes=None
) -> Article:
    article = Article()
    _fill_article(article, record, lookups)
    if raw_html:
        article.raw_html = raw_html
        article.raw_html_sha256 = sha256(raw_html)
        article.captured_at = captured_at
    # The duplicate checks were made before saving; the unique constraint on the
    # hash guards against a concurrent ingest of the same text. The source is one the
    # lookups read or made in this transaction: checking that it exists is a query an article.
    article.full_clean(exclude=["source"], validate_unique=False)
    _save_with_quotes(article, record, lookups, codes=codes)
    return article


def _fill_article(article: Article, record: ArticleRecord, lookups: ArchiveLookups) -> None:
    article.source = lookups.source(record.source)
    article.title = record.title[:500]
    article.title_derived = record.title_derived
    article.standfirst = record.standfirst
    article.section = record.section[:200]
    article.authors = list(record.authors)
    article.photo_credit = record.photo_credit[:300]
    article.published = datetime.date.fromisoformat(record.published) if record.published else None
    article.url = record.url or ""
    article.raw_text = record.raw_text
    article.raw_sha256 = sha256(record.raw_text)
    article.body = record.body
    article.body_sha256 = sha256(record.body)


def _save_with_quotes(
    article: Article, record: ArticleRecord, lookups: ArchiveLookups, *, keep_clear_of=(), codes=None
) -> None:
    """Save the article, new or held, with its extracted quotes, except any overlapping an
    editor's span in keep_clear_of; both placed in their lineage groups before they are
    written, so each is one write. `codes` are the quotes' codes when extraction made them already."""
    quotes = _extracted_quotes(article, record, lookups, keep_clear_of=keep_clear_of, codes=codes)
    made = join_quote_groups(quotes)
    place_article(article, [*quotes, *keep_clear_of], new_groups=made)
    article.save()
    for quote in quotes:
        quote.article = article
    Quote.all_objects.bulk_create(quotes, ignore_conflicts=True)


def _extracted_quotes(
    article: Article, record: ArticleRecord, lookups: ArchiveLookups, *, keep_clear_of=(), codes=None
) -> list[Quote]:
    """The record's quotes as unsaved rows, their speakers resolved and their codes applied."""
    speakers = {speaker.name: lookups.speaker(speaker, article.published) for speaker in record.speakers}
    taken = [(kept.start, kept.end) for kept in keep_clear_of]
    # Every quote is coded among all the article's quotes: what extract_quotes writes too.
    if codes is None:
        codes = code_quotes(record.body, record.quotes, lexicon=lookups.escalation_lexicon())
    quotes = []
    for quote, coded in zip(record.quotes, codes):
        if any(quote.start < end and start < quote.end for start, end in taken):
            continue
        speaker = speakers.get(quote.speaker) if quote.speaker else None
        if quote.speaker and speaker is None:
            # The extractor named a speaker it did not list: resolve it alone.
            speaker = speakers[quote.speaker] = lookups.speaker(
                SpeakerRecord(name=quote.speaker, kind=quote.speaker_kind or "person"), article.published
            )
        stored = Quote(
            start=quote.start,
            end=quote.end,
            text=quote.text,
            speaker=speaker,
            source_description=(quote.source_description or "")[:300],
            cue=(quote.cue or "")[:100],
            attribution=quote.attribution,
            confidence=quote.confidence,
        )
        apply_code(stored, coded)
        quotes.append(stored)
    return quotes
