"""Reads that the pages, the API, the feeds and the exports share: results as objects,
copies collapsed, a quote's lineage, pages of results, and one serialiser per model.

The API's nested shape is each serialiser's output; the exports' flat columns are a
declared projection of the same output (QUOTE_COLUMNS, ARTICLE_COLUMNS), so a field is
written once and both follow it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse

from .ingest.lineage import wording_differences
from .models import Article, Quote, Speaker, SpeakerRedirect

# Makes a site path absolute: request.build_absolute_uri.
Absolute = Callable[[str], str]


def speaker_by_slug(slug: str) -> tuple[Speaker | None, bool]:
    """The speaker a slug names, and whether it came through a redirect (the slug of a
    speaker since merged into another, or renamed)."""
    speaker = Speaker.objects.filter(slug=slug).first()
    if speaker is not None:
        return speaker, False
    redirect = SpeakerRedirect.objects.select_related("speaker").filter(old_slug=slug).first()
    return (redirect.speaker, True) if redirect else (None, False)


def moved_speaker(request, view_name: str, speaker: Speaker) -> HttpResponsePermanentRedirect:
    """A 301 from an old speaker address to the same page of the speaker who holds its quotes now."""
    query = request.GET.urlencode()
    response = HttpResponsePermanentRedirect(reverse(view_name, args=[speaker.slug]) + (f"?{query}" if query else ""))
    response["Cache-Control"] = "max-age=86400"  # browsers keep a 301 for ever unless told: a merge can be undone
    return response


# -- results -------------------------------------------------------------------------------


def results_as_objects(page_items) -> list:
    """Search results and model instances alike, as model instances, in order."""
    objects = []
    for item in page_items:
        obj = getattr(item, "object", item) if hasattr(item, "model_name") else item
        if obj is not None:  # the index may briefly hold a document the database just deleted
            objects.append(obj)
    return objects


def each_result(results, chunk_size: int) -> Iterable:
    """Every object of a search (SearchQuerySet) or a browse (QuerySet), read in chunks."""
    if hasattr(results, "iterator") and not hasattr(results, "load_all"):
        yield from results.iterator(chunk_size=chunk_size)
        return
    start = 0
    while True:
        chunk = list(results[start : start + chunk_size])
        if not chunk:
            return
        yield from results_as_objects(chunk)
        start += chunk_size


def collapse_copies(objects) -> list:
    """A page of results with each group of copies shown once, at its first
    appearance; each shown object gets `copies`, how many others its group holds."""
    shown, seen = [], set()
    for obj in objects:
        key = (obj._meta.model_name, obj.group_id)
        if obj.group_id is None or key not in seen:
            seen.add(key)
            shown.append(obj)
    for model in (Quote, Article):
        group_ids = {obj.group_id for obj in shown if isinstance(obj, model) and obj.group_id}
        sizes = {}
        if group_ids:
            sizes = dict(model.objects.filter(group_id__in=group_ids).values_list("group_id").annotate(n=Count("pk")))
        for obj in shown:
            if isinstance(obj, model):
                obj.copies = max(sizes.get(obj.group_id, 1) - 1, 0)
    return shown


def quote_lineage(quote: Quote) -> list[dict] | None:
    """Every outlet that carried a quote, earliest first, with where each copy's wording differs
    from the earliest; None when no other article carried it."""
    if quote.group_id is None:
        return None
    copies = list(Quote.objects.with_related().filter(group_id=quote.group_id).earliest_first())
    if len(copies) < 2:
        return None
    earliest = copies[0]
    return [
        {
            "quote": copy,
            "earliest": copy == earliest,
            "pieces": None
            if copy == earliest or copy.text == earliest.text
            else wording_differences(earliest.text, copy.text),
        }
        for copy in copies
    ]


def page_of(items, number, per_page: int, *, strict: bool = False) -> Page:
    """One page of items. Pages show the nearest page for a number out of range or not a
    number; `strict` (the API) raises Django's InvalidPage instead."""
    paginator = Paginator(items, per_page)
    return paginator.page(number or 1) if strict else paginator.get_page(number)


# -- serialisers ------------------------------------------------------------------------


def speaker_data(speaker: Speaker, absolute: Absolute) -> dict:
    """A speaker as the API gives it (`quote_count` when the queryset counted them)."""
    return {
        "name": speaker.name,
        "slug": speaker.slug,
        "roles": speaker.role_titles(),
        "quote_count": getattr(speaker, "quote_count", None),
        "url": absolute(speaker.get_absolute_url()),
    }


def article_data(article: Article, absolute: Absolute) -> dict:
    """An article: `url` is its page here, `original_url` where it was published."""
    return {
        "id": article.pk,
        "title": article.title,
        "url": absolute(article.get_absolute_url()),
        "original_url": article.url or None,
        "source": article.source.name if article.source else None,
        "authors": article.authors,
        "published": article.published.isoformat() if article.published else None,
        "section": article.section or None,
        "group": article.group_id,
    }


# What a quote says of its article and speaker (the API's nested shape).
QUOTE_ARTICLE_FIELDS = ("id", "title", "url", "original_url", "source", "published")
QUOTE_SPEAKER_FIELDS = ("name", "slug")


def quote_data(quote: Quote, absolute: Absolute) -> dict:
    """A quote with its escalation codes, its speaker and its article."""
    article = article_data(quote.article, absolute)
    return {
        "id": quote.pk,
        "text": quote.text,
        "speaker": {"name": quote.speaker.name, "slug": quote.speaker.slug} if quote.speaker else None,
        "source_description": quote.source_description or None,
        "attribution": quote.attribution,
        "confidence": None if quote.confidence is None else round(quote.confidence, 3),
        "escalation": {
            "act": quote.shown_act,
            "confidence": round(quote.act_confidence, 3),
            "guess": quote.act,
            "corrected": quote.codes_corrected,
            "weapons": quote.weapons,
            "targets": quote.targets,
            "conditional": quote.conditional,
        },
        "group": quote.group_id,
        "article": {name: article[name] for name in QUOTE_ARTICLE_FIELDS},
        "url": absolute(quote.get_absolute_url()),
    }


@dataclass(frozen=True, kw_only=True)
class Column:
    """One flat export column: where its value sits in the serialiser's output."""

    name: str
    path: tuple[str, ...]


def _columns(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(name=name, path=tuple(path.split("."))) for name, path in pairs)


# The exports' columns, in order: a fixed contract (README), each a path into quote_data.
QUOTE_COLUMNS = _columns(
    ("id", "id"),
    ("text", "text"),
    ("speaker", "speaker.name"),
    ("speaker_slug", "speaker.slug"),
    ("source_description", "source_description"),
    ("attribution", "attribution"),
    ("confidence", "confidence"),
    ("act", "escalation.act"),
    ("act_confidence", "escalation.confidence"),
    ("act_guess", "escalation.guess"),
    ("codes_corrected", "escalation.corrected"),
    ("weapons", "escalation.weapons"),
    ("targets", "escalation.targets"),
    ("conditional", "escalation.conditional"),
    ("group", "group"),
    ("article_id", "article.id"),
    ("article_title", "article.title"),
    ("source", "article.source"),
    ("published", "article.published"),
    ("article_url", "article.original_url"),
    ("url", "url"),
)
ARTICLE_COLUMNS = _columns(
    ("id", "id"),
    ("title", "title"),
    ("source", "source"),
    ("authors", "authors"),
    ("published", "published"),
    ("section", "section"),
    ("group", "group"),
    ("article_url", "original_url"),
    ("url", "url"),
)


def flat(data: dict, columns: tuple[Column, ...]) -> dict:
    """The serialiser's output as one flat row of these columns (None where a step is missing)."""
    row = {}
    for column in columns:
        value = data
        for step in column.path:
            value = value.get(step) if isinstance(value, dict) else None
        row[column.name] = value
    return row


def quote_counts(article_ids) -> dict[int, int]:
    """How many shown quotes each of these articles holds: one query for a page of articles."""
    rows = Quote.objects.filter(article_id__in=list(article_ids)).values_list("article_id").annotate(n=Count("pk"))
    return dict(rows)
