"""The only way to write to the archive: ingest an article, index it, merge speakers.

The ingest command, the admin and the seeds all go through `ingest_article`.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import datetime
import multiprocessing
import os
import re
import signal
import sys
from dataclasses import dataclass

from django import db
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils.text import slugify
from haystack import connections

from .ingest import lineage
from .ingest.article import clean_article
from .ingest.escalation import Lexicon, code_quote
from .ingest.files import ArticleInput, UnreadableInput, text_input
from .ingest.pipeline import extract_article, sha256
from .ingest.records import ArticleRecord, SpeakerRecord
from .ingest.speakers import speaker_key
from .ingest.webpage import fetch_page, read_html
from .models import (
    Article,
    ArticleGroup,
    EscalationTerm,
    IndexQueue,
    Quote,
    QuoteGroup,
    Source,
    Speaker,
    SpeakerAlias,
    SpeakerRole,
)


class DuplicateArticle(Exception):
    """The text or URL is already in the archive."""

    def __init__(self, article: Article, reason: str):
        super().__init__(f"Already in the archive as article {article.pk} ({reason}): {article.title}")
        self.article = article
        self.reason = reason


@dataclass(frozen=True, kw_only=True)
class IngestResult:
    article: Article
    created: bool


def find_duplicate(*, raw_text: str | None = None, url: str | None = None, body: str | None = None) -> Article | None:
    """The article already held with this text or this URL, if any.

    The same text is the same raw text, or the same clean body (pasted text
    loses its trailing newline and gains CRs that a file of it does not have).
    """
    article = Article.objects.filter(raw_sha256=sha256(raw_text)).first() if raw_text else None
    if article is None and raw_text and body is None:
        body = clean_article(raw_text).body
    if article is None and body:
        article = Article.objects.filter(body_sha256=sha256(body)).first()
    if article is None and url:
        article = Article.objects.filter(url=url).first()
    return article


def ingest_article(
    *,
    raw_text: str,
    title: str | None = None,
    authors: tuple[str, ...] | list[str] = (),
    source: str | None = None,
    published: str | None = None,
    url: str | None = None,
    raw_html: str | None = None,
    captured_at: datetime.datetime | None = None,
    index: bool = True,
    lookups: ArchiveLookups | None = None,
) -> IngestResult:
    """Turn raw text into an article with its quotes and speakers, in one transaction.

    For a web page, raw_text is its extracted main text and raw_html the page as received.
    The same text (or the same URL) gives back the article already held.
    With index=True the search index is updated once the transaction commits;
    bulk callers pass index=False and index in batches (`index_articles`).
    """
    if "\x00" in raw_text:  # no article holds one, and PostgreSQL cannot store it
        raise UnreadableInput("The text holds NUL characters: it is binary data, not an article.")
    existing = Article.objects.filter(raw_sha256=sha256(raw_text)).first()
    if existing is not None:
        return IngestResult(article=existing, created=False)

    lookups = lookups or ArchiveLookups()
    record = extract_article(
        raw_text,
        title=title,
        authors=tuple(authors),
        source=source,
        published=published,
        url=url,
        known_roles=lookups.known_roles(),
    )
    existing = find_duplicate(body=record.body, url=url)
    if existing is not None:
        return IngestResult(article=existing, created=False)
    try:
        with transaction.atomic():
            article = _save_article(record, lookups, raw_html=raw_html, captured_at=captured_at)
            if index:
                reindex_after_commit([article.pk])
    except Exception:
        lookups.forget()  # what it remembered may have been rolled back with the article
        raise
    return IngestResult(article=article, created=True)


def ingest_input(item: ArticleInput, *, index: bool = True, lookups: ArchiveLookups | None = None) -> IngestResult:
    """Ingest what a file, a record, an upload or a web page gave (see archive.ingest.files)."""
    return ingest_article(
        raw_text=item.raw_text,
        title=item.title,
        authors=item.authors,
        source=item.source,
        published=item.published,
        url=item.url,
        raw_html=item.raw_html,
        captured_at=item.captured_at,
        index=index,
        lookups=lookups,
    )


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
    return ingest_input(read_web_page(url), index=index, lookups=lookups)


def reingest_article(article: Article, *, index: bool = True) -> Article:
    """Run extraction again over an article's raw text, replacing its extracted quotes.

    An editor's decisions stay: corrected and rejected quotes are kept as they
    are, and an extracted quote overlapping one of them is not added again.
    """
    lookups = ArchiveLookups()
    record = extract_article(
        article.raw_text,
        title=article.title if not article.title_derived else None,
        authors=tuple(article.authors),
        source=article.source.name if article.source else None,
        published=article.published.isoformat() if article.published else None,
        url=article.url or None,
        known_roles=lookups.known_roles(),
    )
    with transaction.atomic():
        kept = list(Quote.all_objects.filter(article=article).filter(Q(corrected=True) | Q(rejected=True)))
        Quote.all_objects.filter(article=article).exclude(pk__in=[quote.pk for quote in kept]).delete()
        _fill_article(article, record, lookups)
        article.save()
        for quote in kept:
            _follow_body(quote, article.body)
        _save_quotes(article, record, lookups, keep_clear_of=kept)
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
    record: ArticleRecord, lookups: ArchiveLookups, *, raw_html: str | None = None, captured_at=None
) -> Article:
    article = Article()
    _fill_article(article, record, lookups)
    if raw_html:
        article.raw_html = raw_html
        article.raw_html_sha256 = sha256(raw_html)
        article.captured_at = captured_at
    # The duplicate checks were made before saving; the unique constraint on the
    # hash guards against a concurrent ingest of the same text.
    article.full_clean(validate_unique=False)
    article.save()
    _save_quotes(article, record, lookups)
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


def _save_quotes(article: Article, record: ArticleRecord, lookups: ArchiveLookups, *, keep_clear_of=()) -> None:
    """Store the extracted quotes, except any overlapping an editor's span in keep_clear_of."""
    speakers = {speaker.name: lookups.speaker(speaker, article.published) for speaker in record.speakers}
    taken = [(kept.start, kept.end) for kept in keep_clear_of]
    quotes = []
    for quote in record.quotes:
        if any(quote.start < end and start < quote.end for start, end in taken):
            continue
        speaker = speakers.get(quote.speaker) if quote.speaker else None
        if quote.speaker and speaker is None:
            # The extractor named a speaker it did not list: resolve it alone.
            speaker = speakers[quote.speaker] = lookups.speaker(
                SpeakerRecord(name=quote.speaker, kind=quote.speaker_kind or "person"), article.published
            )
        stored = Quote(
            article=article,
            start=quote.start,
            end=quote.end,
            text=quote.text,
            speaker=speaker,
            source_description=(quote.source_description or "")[:300],
            cue=(quote.cue or "")[:100],
            attribution=quote.attribution,
        )
        code_escalation(stored, lexicon=lookups.escalation_lexicon())
        quotes.append(stored)
    join_quote_groups(quotes)
    Quote.all_objects.bulk_create(quotes, ignore_conflicts=True)
    join_article_group(article, [*quotes, *keep_clear_of])


# -- escalation coding and lineage --------------------------------------------


def escalation_lexicon() -> Lexicon:
    """The default lexicon extended by the editors' terms."""
    return Lexicon(term.as_term() for term in EscalationTerm.objects.all())


def code_escalation(quote: Quote, *, lexicon: Lexicon) -> Quote:
    """Set a quote's act, weapons, targets and condition from its words and its sentence (not saved)."""
    body = quote.article.body
    coded = code_quote(
        body[quote.start : quote.end], body=body, start=quote.start, end=quote.end, cue=quote.cue, lexicon=lexicon
    )
    quote.act = coded.act
    quote.weapons = list(coded.weapons)
    quote.targets = list(coded.targets)
    quote.conditional = coded.conditional
    return quote


CANDIDATES_PER_LOOKUP = (
    100  # quotes compared per new quote: the same speaker's latest, and the latest sharing its probe
)


# The latest held quotes sharing the probe, then the speaker's latest: two index
# range scans in one statement. Written in SQL because the ORM took longer to
# build these queries, twice per new quote, than the database took to answer them.
CANDIDATES_SQL = f"""
SELECT part, id, text, group_id FROM (
    SELECT 0 AS part, id, text, group_id FROM {Quote._meta.db_table}
    WHERE probe = %s AND group_id IS NOT NULL AND id <> %s ORDER BY id DESC LIMIT {CANDIDATES_PER_LOOKUP}
) AS by_probe
UNION ALL
SELECT part, id, text, group_id FROM (
    SELECT 1 AS part, id, text, group_id FROM {Quote._meta.db_table}
    WHERE speaker_id = %s AND group_id IS NOT NULL AND id <> %s ORDER BY id DESC LIMIT {CANDIDATES_PER_LOOKUP}
) AS by_speaker
ORDER BY part, id DESC
"""


def join_quote_groups(quotes) -> None:
    """Give each new quote the group of an exact or near copy already held, else a new group.

    One lookup by normalised-text hash, then a bounded check of candidates that
    share the speaker or the quote's longest word: never a pass over the archive.
    """
    for quote in quotes:
        quote.text_key = lineage.text_key(quote.text)
        quote.probe = lineage.probe(quote.text)
    # Exact copies for all of them in one query; newest first, so the dict keeps
    # the earliest held quote's group.
    exact: dict[str, int] = dict(
        Quote.all_objects.filter(text_key__in={quote.text_key for quote in quotes}, group__isnull=False)
        .exclude(pk__in=[quote.pk for quote in quotes if quote.pk])
        .order_by("-pk")
        .values_list("text_key", "group_id")
    )
    # This article's quotes so far, with their groups: a held group's id, or a new
    # group, created with the others in one statement at the end.
    earlier: list[tuple[Quote, int | QuoteGroup]] = []
    for quote in quotes:
        group = _copy_group(quote, earlier, exact.get(quote.text_key))
        earlier.append((quote, QuoteGroup(key=quote.text_key) if group is None else group))
    QuoteGroup.objects.bulk_create(
        list({id(group): group for _, group in earlier if isinstance(group, QuoteGroup)}.values())
    )
    for quote, group in earlier:
        quote.group_id = group.pk if isinstance(group, QuoteGroup) else group


def _copy_group(quote: Quote, earlier, exact_copy: int | None) -> int | QuoteGroup | None:
    """The group of an earlier quote of this article or of a held quote that this
    quote copies; None if it copies nothing."""
    for other, group in earlier:
        if other.text_key == quote.text_key:
            return group
    if exact_copy:
        return exact_copy
    candidates = [(other.text, group) for other, group in earlier]
    with connection.cursor() as cursor:
        # NULL matches nothing: a quote without a probe or a speaker skips that lookup.
        cursor.execute(
            CANDIDATES_SQL,
            [quote.probe or None, quote.pk or 0, quote.speaker_id, quote.pk or 0],
        )
        candidates += [(text, group_id) for _, _, text, group_id in cursor.fetchall()]
    for text, group_id in candidates:
        if lineage.near_copy(quote.text, text):
            return group_id
    return None


ARTICLE_CANDIDATES = 20


def join_article_group(article: Article, quotes) -> None:
    """Put an article with the articles it copies (the same normalised body, or a
    near-duplicate among the articles carrying copies of its quotes), else alone."""
    article.text_key = lineage.article_key(article.body)
    group_id = (
        Article.objects.filter(text_key=article.text_key, group__isnull=False)
        .exclude(pk=article.pk)
        .values_list("group_id", flat=True)
        .first()
    )
    if group_id is None:
        quote_groups = {quote.group_id for quote in quotes if quote.group_id}
        candidates = (
            Article.objects.filter(quotes__group_id__in=quote_groups, group__isnull=False)
            .exclude(pk=article.pk)
            .distinct()
            .order_by("-pk")
            .values_list("body", "group_id")[:ARTICLE_CANDIDATES]
        )
        for body, candidate_group in candidates:
            if lineage.article_similarity(article.body, body) >= lineage.ARTICLE_SIMILARITY:
                group_id = candidate_group
                break
    if group_id is None and article.group_id is not None:
        group_id = article.group_id  # re-extraction: the article stays where it was
    if group_id is None:
        group_id = ArticleGroup.objects.create(key=article.text_key).pk
    article.group_id = group_id
    Article.objects.filter(pk=article.pk).update(text_key=article.text_key, group_id=group_id)


def recode_escalation(quotes=None, *, lexicon: Lexicon | None = None, batch_size: int = 500):
    """Code (again) every quote, or those given, with the current lexicon. Yields
    the ids of articles whose quotes changed, for reindexing; the caller indexes."""
    lexicon = lexicon or escalation_lexicon()
    quotes = Quote.all_objects.all() if quotes is None else quotes
    fields = ["act", "weapons", "targets", "conditional"]
    changed, batch = set(), []
    for quote in (
        quotes.select_related("article")
        .only("id", "start", "end", "cue", "article_id", "article__body", *fields)
        .iterator(chunk_size=batch_size)
    ):
        before = [getattr(quote, field) for field in fields]
        code_escalation(quote, lexicon=lexicon)
        if [getattr(quote, field) for field in fields] != before:
            batch.append(quote)
            changed.add(quote.article_id)
        if len(batch) >= batch_size:
            Quote.all_objects.bulk_update(batch, fields)
            batch = []
    if batch:
        Quote.all_objects.bulk_update(batch, fields)
    return changed


def group_copies() -> set[int]:
    """Group the quotes and articles not yet grouped (held before lineage existed),
    oldest article first, the way ingest would have. Returns the articles changed."""
    changed = set()
    for article in (
        Article.objects.filter(Q(group__isnull=True) | Q(quotes__group__isnull=True))
        .distinct()
        .order_by(F("published").asc(nulls_last=True), "created")
        .defer("raw_html")
        .iterator(chunk_size=200)
    ):
        with transaction.atomic():
            quotes = list(Quote.all_objects.filter(article=article, group__isnull=True).order_by("start"))
            join_quote_groups(quotes)
            Quote.all_objects.bulk_update(quotes, ["text_key", "probe", "group"])
            join_article_group(article, list(Quote.all_objects.filter(article=article)))
        changed.add(article.pk)
    return changed


class ArchiveLookups:
    """Outlets, speakers and roles that ingestion looks up, remembered for a run.

    One instance per bulk run (the ingest command keeps one) saves the same
    queries for every article; a fresh one per call gives single ingests the
    same results. Full names match on their normalised key; a bare surname
    matches only when exactly one speaker carries it, so two Browns stay apart.
    """

    def __init__(self):
        self.forget()

    def forget(self) -> None:
        """Drop everything remembered: after a rollback, rows it remembers may not exist."""
        self._sources: dict[str, Source] = {}
        self._speaker_ids: dict[str, int | None] = {}  # alias key -> speaker id (None: no such speaker)
        self._speakers: dict[int, Speaker] = {}
        self._alias_names: dict[int, set[str]] = {}
        self._roles: dict[tuple[int, str], SpeakerRole] = {}
        self._known_roles: dict[str, str] | None = None  # role key -> speaker name
        self._role_last_seen: dict[str, datetime.date | None] = {}
        self._lexicon: Lexicon | None = None

    def escalation_lexicon(self) -> Lexicon:
        """The escalation lexicon with the editors' terms, compiled once per run."""
        if self._lexicon is None:
            self._lexicon = escalation_lexicon()
        return self._lexicon

    def known_roles(self) -> dict[str, str]:
        """Roles learned across the archive: "russian president" -> "Vladimir Putin".

        A role held by several speakers goes to the one seen in it most recently.
        """
        if self._known_roles is None:
            self._known_roles = {}
            rows = SpeakerRole.objects.order_by(F("end").asc(nulls_first=True)).values_list(
                "key", "speaker__name", "end"
            )
            for key, name, end in rows:  # ordered so the latest holder wins
                self._known_roles[key] = name
                self._role_last_seen[key] = end
        return self._known_roles

    def source(self, name: str | None) -> Source | None:
        if not name:
            return None
        folded = name.casefold()
        if folded not in self._sources:
            source = Source.objects.filter(name__iexact=name).first()
            if source is None:
                source = Source.objects.create(name=name, slug=_unique_slug(Source, name))
            self._sources[folded] = source
        return self._sources[folded]

    def speaker(self, record: SpeakerRecord, seen_on: datetime.date | None) -> Speaker:
        """The archive's speaker for an article's speaker, created when new."""
        names = [record.name, *record.aliases]
        keys = [key for key in dict.fromkeys(speaker_key(name) for name in names) if key]
        full_keys = [key for key in keys if " " in key]
        speaker_id = None
        if full_keys:
            self._load_keys(full_keys)
            found = [self._speaker_ids[key] for key in full_keys if self._speaker_ids[key] is not None]
            speaker_id = min(found) if found else None
        elif keys:
            speaker_id = self._by_surname(keys[0])
        if speaker_id is None:
            speaker = Speaker.objects.create(
                name=record.name, slug=_unique_slug(Speaker, record.name), kind=record.kind
            )
            self._speakers[speaker.pk] = speaker
            self._alias_names[speaker.pk] = set()
        else:
            speaker = self._speaker(speaker_id)
        self._add_aliases(speaker, names)
        for title in record.roles:
            self._add_role(speaker, title, seen_on)
        return speaker

    def _load_keys(self, keys):
        missing = [key for key in keys if key not in self._speaker_ids]
        if not missing:
            return
        for key in missing:
            self._speaker_ids[key] = None
        for key, speaker_id in (
            SpeakerAlias.objects.filter(key__in=missing).order_by("-speaker_id").values_list("key", "speaker_id")
        ):
            self._speaker_ids[key] = speaker_id  # ordered so the oldest speaker wins

    def _by_surname(self, key: str) -> int | None:
        cache_key = f"surname:{key}"
        if cache_key not in self._speaker_ids:
            ids = set(SpeakerAlias.objects.filter(key=key).values_list("speaker_id", flat=True)[:2])
            if not ids:  # no one was called by the bare surname yet: look at full names ending in it
                ids = {
                    speaker_id
                    for alias_key, speaker_id in SpeakerAlias.objects.filter(key__endswith=f" {key}").values_list(
                        "key", "speaker_id"
                    )
                }
            self._speaker_ids[cache_key] = ids.pop() if len(ids) == 1 else None
        return self._speaker_ids[cache_key]

    def _speaker(self, speaker_id: int) -> Speaker:
        if speaker_id not in self._speakers:
            self._speakers[speaker_id] = Speaker.objects.get(pk=speaker_id)
        return self._speakers[speaker_id]

    def _add_aliases(self, speaker: Speaker, names) -> None:
        known = self._alias_names.get(speaker.pk)
        if known is None:
            known = self._alias_names[speaker.pk] = set(speaker.aliases.values_list("name", flat=True))
        new = [
            SpeakerAlias(speaker=speaker, name=name[:300], key=speaker_key(name)[:300])
            for name in dict.fromkeys(names)
            if name[:300] not in known and speaker_key(name)
        ]
        if new:
            SpeakerAlias.objects.bulk_create(new, ignore_conflicts=True)
            for alias in new:
                known.add(alias.name)
                self._speaker_ids[alias.key] = self._speaker_ids.get(alias.key) or speaker.pk
                self._speaker_ids.pop(f"surname:{alias.key.split()[-1]}", None)

    def _add_role(self, speaker: Speaker, title: str, seen_on: datetime.date | None) -> None:
        key = title.lower()[:300]
        role = self._roles.get((speaker.pk, key))
        if role is None:
            role, _ = SpeakerRole.objects.get_or_create(
                speaker=speaker, key=key, defaults={"title": title[:300], "start": seen_on, "end": seen_on}
            )
            self._roles[(speaker.pk, key)] = role
        if seen_on and (role.start is None or seen_on < role.start or role.end is None or seen_on > role.end):
            role.start = min(filter(None, [role.start, seen_on]))
            role.end = max(filter(None, [role.end, seen_on]))
            role.save(update_fields=["start", "end"])
        if self._known_roles is not None:
            last_seen = self._role_last_seen.get(key)
            if key not in self._known_roles or last_seen is None or (seen_on and seen_on >= last_seen):
                self._known_roles[key] = speaker.name
                self._role_last_seen[key] = seen_on


def _unique_slug(model, name: str) -> str:
    base = slugify(name)[:180] or "item"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# Changing any of these makes a quote the editor's: re-extraction keeps it as it is.
CORRECTED_FIELDS = frozenset({"start", "end", "speaker", "attribution", "source_description"})


def save_quote(quote: Quote, *, changed=(), index: bool = True) -> Quote:
    """Store a quote an editor added, corrected or marked as not a quote (`rejected`).

    An added quote, or a change to its span, speaker or attribution, marks it
    `corrected`. A speaker given to an unattributed quote makes it "named".
    """
    changed = set(changed)
    if quote.pk is None or CORRECTED_FIELDS & changed:
        quote.corrected = True
    if (
        "speaker" in changed
        and "attribution" not in changed
        and quote.speaker_id
        and quote.attribution in (Quote.Attribution.UNATTRIBUTED, Quote.Attribution.ANONYMOUS)
    ):
        quote.attribution = Quote.Attribution.NAMED
    with transaction.atomic():
        # clean() checks the span against every quote, rejected ones too; save() sets the text.
        quote.full_clean(exclude=["text"], validate_constraints=False)
        quote.save()
        if index:
            reindex_after_commit([quote.article_id])
    return quote


def merge_speakers(target: Speaker, others) -> Speaker:
    """Fold duplicate speakers into one: their quotes move, their names stay as aliases."""
    others = [other for other in others if other.pk != target.pk]
    with transaction.atomic():
        article_ids = set(Quote.all_objects.filter(speaker__in=others).values_list("article_id", flat=True))
        for other in others:
            Quote.all_objects.filter(speaker=other).update(speaker=target)
            for alias in other.aliases.all():
                SpeakerAlias.objects.get_or_create(speaker=target, name=alias.name, defaults={"key": alias.key})
            SpeakerAlias.objects.get_or_create(
                speaker=target, name=other.name, defaults={"key": speaker_key(other.name)}
            )
            for role in other.roles.all():
                SpeakerRole.objects.get_or_create(
                    speaker=target, key=role.key, defaults={"title": role.title, "start": role.start, "end": role.end}
                )
            other.delete()
        reindex_after_commit(sorted(article_ids))
    return target


# -- the search index -------------------------------------------------------
# Every index write goes through these functions, and the Whoosh backend
# (archive/search_backend.py) serialises writers across processes with a file
# lock, so web workers and bulk ingests queue rather than collide.


class IndexUnavailable(Exception):
    """The search index cannot be written: a full disk, a read-only or unwritable
    directory, or a writer that never let go. The database is not affected."""

    def __init__(self, error: BaseException):
        path = connections["default"].options.get("PATH") or connections["default"].options.get("URL", "")
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        super().__init__(
            f"The search index at {path} cannot be written ({reason}). Everything else is saved in the database; "
            "once this is fixed, `manage.py check_index --repair` brings the index up to date."
        )


@contextlib.contextmanager
def index_writes():
    """Turn an index write's OSError or LockError into IndexUnavailable, with a plain message."""
    from whoosh.index import LockError

    try:
        yield
    except (OSError, LockError) as error:
        raise IndexUnavailable(error) from error


WEB_INDEX_WAIT_SECONDS = 10  # well inside gunicorn's 30 s request timeout
QUEUE_BATCH = 500


def index_articles(article_ids, *, batch_size: int = 500) -> int:
    """(Re)index articles and their quotes in batches, then whatever is queued;
    deleted articles leave the index. Waits for the index as long as it takes."""
    with index_writes(), _index_lock(wait=None):
        return _index_articles(article_ids, batch_size=batch_size) + _index_queue()


class BatchIndexer:
    """Indexes a bulk ingest's batches: in a forked process while the ingest goes on,
    so that Whoosh (pure Python, about a quarter of the work: BENCHMARKS.md) runs on
    another core, or here when a child could not see the articles.

    The child dies with the ingest (kill -9 included). If it stops early, the batches
    it was handed are indexed here again, which reports why if that fails too.
    Use it as a context manager: leaving stops the child.
    """

    def __init__(self):
        self.handed_over: list[int] = []
        self._process = self._sender = None
        connection = db.connections["default"]
        if connection.in_atomic_block or (connection.vendor == "sqlite" and connection.is_in_memory_db()):
            return  # a forked child would not see the rows: an open transaction, a database in memory (tests)
        db.connections.close_all()  # the child opens its own connections, never shares these
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        try:
            process = context.Process(target=_index_batches, args=(receiver, sender, os.getpid()), daemon=True)
            process.start()
        except OSError:
            sender.close()
            return  # no process to spare: index here
        finally:
            receiver.close()
        self._process, self._sender = process, sender

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._stop()

    def add(self, article_ids) -> None:
        """Index these articles: hand them to the child, or index them here."""
        article_ids = list(article_ids)
        if not article_ids:
            return
        if self._process is not None:
            try:
                self._sender.send(article_ids)
                self.handed_over.extend(article_ids)
                return
            except OSError:  # the child has stopped
                self._take_over()
        index_articles(article_ids)

    def finish(self) -> None:
        """Wait for the child to index all it was handed; index here what it could not."""
        if self._process is not None and not self._stop():
            self._take_over()

    def _stop(self) -> bool:
        """End the child once it has indexed what it holds; True if it indexed all of it."""
        process, self._process = self._process, None
        if process is None:
            return True
        with contextlib.suppress(OSError):
            self._sender.send(None)
        self._sender.close()
        process.join()
        return process.exitcode == 0

    def _take_over(self) -> None:
        self._stop()
        ids, self.handed_over = self.handed_over, []
        index_articles(ids)  # replacing documents again is harmless


def _index_batches(receiver, sender, parent_pid) -> None:
    """The child's loop: index each batch the ingest sends until it sends None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the ingest, which then stops this process
    sender.close()  # only the ingest sends: once it is gone, recv() ends
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:
        sys.exit(1)  # the ingest died before the line above
    connections.reload("default")  # no searcher or open file shared with the ingest
    try:
        for article_ids in iter(receiver.recv, None):
            index_articles(article_ids)
    except (IndexUnavailable, EOFError):
        sys.exit(1)  # the ingest indexes these itself, and reports why if it cannot
    except Exception as error:
        sys.stderr.write(f"Background indexing stopped ({type(error).__name__}: {error}); the ingest goes on.\n")
        sys.exit(1)
    finally:
        db.connections.close_all()


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def reindex_after_commit(article_ids) -> None:
    """Queue these articles for the index within the current transaction, and
    index them once it commits, waiting a few seconds at most for the index:
    if a rebuild or a bulk ingest holds it, that writer takes the queue on."""
    article_ids = sorted(set(article_ids))
    IndexQueue.objects.bulk_create([IndexQueue(article_id=pk) for pk in article_ids])
    # A request indexes its own articles and one batch of any backlog at most: a long
    # backlog (the index was down) is for the next bulk writer or `check_index --repair`.
    transaction.on_commit(lambda: index_queued(wait=WEB_INDEX_WAIT_SECONDS, first=article_ids, batches=1))


def index_queued(*, wait: float | None = None, first=(), batches: int | None = None) -> int | None:
    """Index the queued articles: those in `first`, then the oldest, all of them
    or `batches` batches. None if the index stayed busy for `wait` seconds."""
    with index_writes(), _index_lock(wait=wait) as held:
        if not held:
            return None
        count = (_index_queued_rows(IndexQueue.objects.filter(article_id__in=first)) or 0) if first else 0
        return count + _index_queue(batches=batches)


def _index_lock(*, wait):
    backend = connections["default"].get_backend()
    if hasattr(backend, "write_lock"):
        return backend.write_lock(wait=wait)
    return contextlib.nullcontext(True)  # Solr and Elasticsearch take concurrent writes


def _index_queue(*, batches: int | None = None) -> int:
    count, done = 0, 0
    while batches is None or done < batches:
        rows = IndexQueue.objects.order_by("pk")[:QUEUE_BATCH]
        indexed = _index_queued_rows(rows)
        if indexed is None:
            break
        count += indexed
        done += 1
    return count


def _index_queued_rows(rows) -> int | None:
    """Index the articles of these queue rows and drop the rows; None if there are none."""
    rows = list(rows.values_list("pk", "article_id"))
    if not rows:
        return None
    count = _index_articles(sorted({article_id for _, article_id in rows}), batch_size=QUEUE_BATCH)
    # By primary key, not "up to the last one read": a row committed late with a lower key stays.
    IndexQueue.objects.filter(pk__in=[pk for pk, _ in rows]).delete()
    return count


def _index_articles(article_ids, *, batch_size: int) -> int:
    from .search_indexes import ArticleIndex, QuoteIndex

    backend = connections["default"].get_backend()
    article_ids = list(article_ids)
    count = 0
    for i in range(0, len(article_ids), batch_size):
        batch = article_ids[i : i + batch_size]
        articles = list(ArticleIndex().index_queryset().filter(pk__in=batch))
        quotes = list(QuoteIndex().index_queryset().filter(article_id__in=batch))
        if hasattr(backend, "replace_articles"):
            backend.replace_articles(batch, [(ArticleIndex(), articles), (QuoteIndex(), quotes)])
        else:  # Solr and Elasticsearch: documents are replaced by id; deleted articles removed.
            for pk in set(batch) - {article.pk for article in articles}:
                backend.remove(f"archive.article.{pk}")
            backend.update(ArticleIndex(), articles)
            backend.update(QuoteIndex(), quotes)
        count += len(articles) + len(quotes)
    return count


def unindexed_articles(article_ids) -> list[int]:
    """Those of these articles that the index does not hold: an ingest stopped
    (killed, or the disk full) after storing them and before indexing them."""
    backend = connections["default"].get_backend()
    if not hasattr(backend, "indexed_identifiers"):
        return []
    with index_writes():
        indexed = {pk for ct, pk in backend.indexed_identifiers() if ct == "archive.article"}
    return [pk for pk in article_ids if str(pk) not in indexed]


@dataclass(frozen=True, kw_only=True)
class IndexDifference:
    """Where the search index and the database disagree. Identifiers are
    haystack's ("archive.quote.12")."""

    missing: frozenset[str]  # in the database, not in the index
    extra: frozenset[str]  # in the index, gone from the database
    stale: frozenset[str]  # in both, but the index holds an older version
    article_ids: frozenset[int]  # reindexing these articles mends the differences...
    strays: frozenset[str]  # ...but these extra documents, which name no article
    documents: int  # documents in the index when checked
    queued: int = 0  # articles queued for the index (IndexQueue) and not yet indexed

    @property
    def agrees(self) -> bool:
        return not (self.missing or self.extra or self.stale or self.queued)


def index_difference(*, compare_content: bool = True) -> IndexDifference:
    """Compare every article and quote in the database with the search index.

    With compare_content, each document is also prepared afresh and compared
    field by field with what the index stores, so a lost update (a corrected
    speaker still indexed under the old one) shows up, not only a lost add or
    delete. Writes that commit while this runs can show as differences: run
    it again, or repair, which always reads the database afresh.
    """
    from haystack.constants import ID

    from .search_indexes import ArticleIndex, QuoteIndex

    backend = connections["default"].get_backend()
    with index_writes():  # opening a missing index creates it
        stored = {fields[ID]: fields for fields in backend.indexed_documents()}
    missing, stale, article_ids = set(), set(), set()
    seen = set()
    for search_index, article_of in ((ArticleIndex(), lambda obj: obj.pk), (QuoteIndex(), lambda obj: obj.article_id)):
        for obj in search_index.index_queryset().iterator(chunk_size=500):
            document = search_index.full_prepare(obj)
            identifier = document[ID]
            seen.add(identifier)
            fields = stored.get(identifier)
            if fields is None:
                missing.add(identifier)
                article_ids.add(article_of(obj))
            elif compare_content and _differs(backend, document, fields):
                stale.add(identifier)
                article_ids.add(article_of(obj))
    extra = set(stored) - seen
    strays = set()
    for identifier in extra:
        article_id = str(stored[identifier].get("article_id") or "")
        if article_id.isdigit():
            article_ids.add(int(article_id))
        else:
            strays.add(identifier)
    return IndexDifference(
        missing=frozenset(missing),
        extra=frozenset(extra),
        stale=frozenset(stale),
        article_ids=frozenset(article_ids),
        strays=frozenset(strays),
        documents=len(stored),
        queued=IndexQueue.objects.count(),
    )


def _differs(backend, document: dict, stored_fields: dict) -> bool:
    for key, value in document.items():
        if key == "boost":
            continue
        expected = backend._from_python(value) if hasattr(backend, "_from_python") else value
        if stored_fields.get(key, expected) != expected:
            return True
    return False


def repair_index(difference: IndexDifference) -> int:
    """Mend what `index_difference` found: reindex the articles concerned (which
    drops their deleted quotes too) and the queue, and remove any other stray document."""
    count = index_articles(sorted(difference.article_ids))
    if difference.strays:
        backend = connections["default"].get_backend()
        with index_writes():
            for identifier in sorted(difference.strays):
                backend.remove(identifier)
    return count
