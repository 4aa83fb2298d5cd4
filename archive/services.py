"""The only way to write to the archive: ingest an article, index it, merge speakers.

The ingest command, the admin and the seeds all go through `ingest_article`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from haystack import connections

from .ingest.pipeline import extract_article, sha256
from .ingest.records import ArticleRecord, SpeakerRecord
from .ingest.speakers import speaker_key
from .models import Article, Quote, Source, Speaker, SpeakerAlias, SpeakerRole


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


def find_duplicate(*, raw_text: str, url: str | None = None) -> Article | None:
    article = Article.objects.filter(raw_sha256=sha256(raw_text)).first()
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
    index: bool = True,
) -> IngestResult:
    """Turn raw text into an article with its quotes and speakers, in one transaction.

    The same text (or the same URL) gives back the article already held.
    With index=True the search index is updated once the transaction commits;
    bulk callers pass index=False and index in batches (`index_articles`).
    """
    existing = find_duplicate(raw_text=raw_text, url=url)
    if existing is not None:
        return IngestResult(article=existing, created=False)

    record = extract_article(
        raw_text,
        title=title,
        authors=tuple(authors),
        source=source,
        published=published,
        url=url,
        known_roles=known_roles(),
    )
    with transaction.atomic():
        article = _save_article(record)
        if index:
            transaction.on_commit(lambda: index_articles([article.pk]))
    return IngestResult(article=article, created=True)


def reingest_article(article: Article, *, index: bool = True) -> Article:
    """Run extraction again over an article's raw text, replacing its quotes.

    Used when an editor changes the raw text or metadata in the admin.
    """
    record = extract_article(
        article.raw_text,
        title=article.title if not article.title_derived else None,
        authors=tuple(article.authors),
        source=article.source.name if article.source else None,
        published=article.published.isoformat() if article.published else None,
        url=article.url or None,
        known_roles=known_roles(),
    )
    with transaction.atomic():
        article.quotes.all().delete()
        _fill_article(article, record)
        article.save()
        _save_quotes(article, record)
        if index:
            transaction.on_commit(lambda: index_articles([article.pk]))
    return article


def _save_article(record: ArticleRecord) -> Article:
    article = Article()
    _fill_article(article, record)
    article.full_clean()
    article.save()
    _save_quotes(article, record)
    return article


def _fill_article(article: Article, record: ArticleRecord) -> None:
    article.source = _source(record.source)
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


def _save_quotes(article: Article, record: ArticleRecord) -> None:
    speakers = {speaker.name: _speaker(speaker, article.published) for speaker in record.speakers}
    quotes = []
    for quote in record.quotes:
        speaker = speakers.get(quote.speaker) if quote.speaker else None
        if quote.speaker and speaker is None:
            # The extractor named a speaker it did not list: resolve it alone.
            speaker = speakers[quote.speaker] = _speaker(
                SpeakerRecord(name=quote.speaker, kind=quote.speaker_kind or "person"), article.published
            )
        quotes.append(
            Quote(
                article=article,
                start=quote.start,
                end=quote.end,
                text=quote.text,
                speaker=speaker,
                source_description=(quote.source_description or "")[:300],
                cue=(quote.cue or "")[:100],
                attribution=quote.attribution,
            )
        )
    Quote.objects.bulk_create(quotes, ignore_conflicts=True)


def _source(name: str | None) -> Source | None:
    if not name:
        return None
    source = Source.objects.filter(name__iexact=name).first()
    if source is None:
        source = Source.objects.create(name=name, slug=_unique_slug(Source, name))
    return source


def _speaker(record: SpeakerRecord, seen_on: datetime.date | None) -> Speaker:
    """Find the archive's speaker for an article's speaker, or create one.

    Full names match on their normalised key; a bare surname matches only when
    exactly one speaker in the archive carries it, so two Browns stay apart.
    """
    names = [record.name, *record.aliases]
    keys = [key for key in dict.fromkeys(speaker_key(name) for name in names) if key]
    speaker = None
    full_keys = [key for key in keys if " " in key]
    if full_keys:
        speaker = Speaker.objects.filter(aliases__key__in=full_keys).order_by("pk").first()
    if speaker is None and not full_keys and keys:
        candidates = list(Speaker.objects.filter(aliases__key__endswith=keys[0]).distinct()[:2])
        candidates = [c for c in candidates if any(a.key.split()[-1] == keys[0] for a in c.aliases.all())]
        if len(candidates) == 1:
            speaker = candidates[0]
    if speaker is None:
        speaker = Speaker.objects.create(name=record.name, slug=_unique_slug(Speaker, record.name), kind=record.kind)
    known_aliases = set(speaker.aliases.values_list("name", flat=True))
    SpeakerAlias.objects.bulk_create(
        [
            SpeakerAlias(speaker=speaker, name=name[:300], key=speaker_key(name)[:300])
            for name in dict.fromkeys(names)
            if name not in known_aliases and speaker_key(name)
        ],
        ignore_conflicts=True,
    )
    for title in record.roles:
        role, created = SpeakerRole.objects.get_or_create(
            speaker=speaker, key=title.lower()[:300], defaults={"title": title[:300], "start": seen_on, "end": seen_on}
        )
        if not created and seen_on:
            role.start = min(filter(None, [role.start, seen_on]))
            role.end = max(filter(None, [role.end, seen_on]))
            role.save(update_fields=["start", "end"])
    return speaker


def _unique_slug(model, name: str) -> str:
    base = slugify(name)[:180] or "item"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def known_roles() -> dict[str, str]:
    """Roles learned across the archive: "russian president" -> "Vladimir Putin".

    A role held by several speakers goes to the one seen in it most recently.
    """
    roles = SpeakerRole.objects.select_related("speaker").order_by(
        "key", "end"
    ).values_list("key", "speaker__name")
    return dict(roles)


def merge_speakers(target: Speaker, others) -> Speaker:
    """Fold duplicate speakers into one: their quotes move, their names stay as aliases."""
    others = [other for other in others if other.pk != target.pk]
    with transaction.atomic():
        article_ids = set(Quote.objects.filter(speaker__in=others).values_list("article_id", flat=True))
        for other in others:
            Quote.objects.filter(speaker=other).update(speaker=target)
            for alias in other.aliases.all():
                SpeakerAlias.objects.get_or_create(speaker=target, name=alias.name, defaults={"key": alias.key})
            SpeakerAlias.objects.get_or_create(speaker=target, name=other.name, defaults={"key": speaker_key(other.name)})
            for role in other.roles.all():
                SpeakerRole.objects.get_or_create(
                    speaker=target, key=role.key, defaults={"title": role.title, "start": role.start, "end": role.end}
                )
            other.delete()
        transaction.on_commit(lambda: index_articles(sorted(article_ids)))
    return target


# -- the search index -------------------------------------------------------
# Every index write goes through these functions, and the Whoosh backend
# (archive/search_backend.py) serialises writers across processes with a file
# lock, so web workers and bulk ingests queue rather than collide.


def index_articles(article_ids, *, batch_size: int = 500) -> int:
    """(Re)index articles and their quotes in batches; deleted ones leave the index."""
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
