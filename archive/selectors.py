"""Reads that the pages, the API, the feeds and the exports share: results as objects,
copies collapsed, a quote's lineage, pages of results, and one serialiser per model.

The API's nested shape is each serialiser's output; the exports' flat columns are a
declared projection of the same output (QUOTE_COLUMNS, ARTICLE_COLUMNS), so a field is
written once and both follow it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from haystack.query import SearchQuerySet

from .caching import per_archive_version
from .ingest.lineage import wording_differences
from .ingest.names import first_name_key
from .ingest.speakers import fold_accents, speaker_key
from .models import Article, Quote, Speaker, SpeakerAlias, SpeakerRedirect, SpeakerRole
from .search import archive_index
from .search.analysis import index_words

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


def moved_filter(request, form) -> HttpResponsePermanentRedirect | None:
    """A 301 to the same address with the speaker's slug of today, when a filter was given the
    old slug of a speaker merged or renamed since (form.moved); None otherwise."""
    if not getattr(form, "moved", None):
        return None
    query = request.GET.copy()
    for name, slug in form.moved.items():
        query[name] = slug
    return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")


# -- the list of speakers ---------------------------------------------------------------------


@per_archive_version
def speaker_quote_counts() -> dict[int, int]:
    """Every speaker's count of shown quotes, most quoted first (then by name): read once per
    archive version in each worker, not once per page. Two plain queries, quotes counted by
    their speaker column and every speaker's name, take about 60% of the time of one query
    joining the two (50 ms against 84 at 5,000 articles)."""
    counts = dict(Quote.objects.order_by().values_list("speaker_id").annotate(n=Count("pk")))
    ranked = sorted((-counts.get(pk, 0), name, pk) for pk, name in Speaker.objects.values_list("pk", "name"))
    return {pk: -negative for negative, _, pk in ranked}


def matching_speakers(text: str):
    """Speakers any of whose names has a word starting with what was typed ("put" finds
    Putin, "zelenskiy" Zelenskyy: the text is a speaker_key), or whose slug it is. One
    word typed may be a first name too, keyed as in a full name: "joe" finds Joe Biden,
    whose key is "joseph biden", and "volodymyr" Volodymyr Zelenskyy ("vladimir zelenski")."""
    key = speaker_key(text)
    if not key:
        return Speaker.objects.none()
    keys = {key}
    if " " not in key:
        keys.add(first_name_key(fold_accents(text).casefold().strip()))
    matches = Q()
    for typed in keys:
        matches |= Q(key__startswith=typed) | Q(key__contains=f" {typed}")
    aliases = SpeakerAlias.objects.filter(matches)
    return Speaker.objects.filter(Q(pk__in=aliases.values("speaker_id")) | Q(slug=text.strip().lower()))


def listed_speakers(*, q: str = "", sort: str = "") -> Sequence[int]:
    """The ids of the speakers a list shows, in its order: most quoted first, or by name;
    only those matching `q` when given."""
    if sort == "name":
        speakers = matching_speakers(q) if q else Speaker.objects.all()
        return speakers.order_by("name", "pk").values_list("pk", flat=True)
    ordered = speaker_quote_counts()
    if not q:
        return list(ordered)
    matching = set(matching_speakers(q).values_list("pk", flat=True))
    return [pk for pk in ordered if pk in matching]


def speakers_in_order(ids) -> list[Speaker]:
    """These speakers, in this order, each with its `quote_count` and its roles read."""
    counts = speaker_quote_counts()
    speakers = Speaker.objects.filter(pk__in=list(ids)).prefetch_related("roles").in_bulk()
    found = [speakers[pk] for pk in ids if pk in speakers]
    for speaker in found:
        speaker.quote_count = counts.get(speaker.pk, 0)
    return found


# -- roles ------------------------------------------------------------------------------------

POSSESSIVE = re.compile(r"['’]s\b")
NOT_A_WORD = re.compile(r"[^\w]+")


def _role_fold(title: str) -> str:
    """A role's words without case, accents, possessives, punctuation or a leading "the":
    "Russia's President", "russia president" and "the Russia President" are one role."""
    words = NOT_A_WORD.sub(" ", POSSESSIVE.sub("", fold_accents(title).casefold())).split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def _days(role) -> int | None:
    return (role.end - role.start).days if role.start and role.end else None


def _held_by_another(role, others) -> bool:
    """A role this speaker was seen in only while another speaker, seen in it longer, held it:
    a misreading of a sentence that named both ("Putin met Russia's defence minister")."""
    days = _days(role)
    if days is None:
        return False
    return any(
        _days(other) is not None and other.start <= role.start and role.end <= other.end and _days(other) > days
        for other in others
    )


def shown_roles(speakers) -> dict[int, list[str]]:
    """Each speaker's roles as pages show them, longest held first (one query beyond the
    speakers' prefetched roles). The extractor learns a role from every sentence that puts a
    title beside a name, and some sentences put someone else's title there. Five rules:

    1. variants of one role (case, accents, possessives, punctuation, a leading "the") show
       once, as the variant seen over the longest time;
    2. a role that names the speaker ("Putin's spokesman" on Putin's page) is someone else's;
    3. a role relating someone to one of the speaker's own titles ("aide to President" on the
       page of a speaker who is "President") is that someone's;
    4. a title of two words or more that another speaker was seen in over a longer time,
       including every date this speaker was, is that speaker's;
    5. a speaker seen in some role on more than one day is not shown the roles seen on one
       day only: most often one sentence misread.
    """
    roles = {speaker.pk: list(speaker.roles.all()) for speaker in speakers}
    keys = {role.key for held in roles.values() for role in held if " " in _role_fold(role.title)}
    holders: dict[str, list[HeldRole]] = {}
    if keys:
        # Plain rows, unordered: Putin's titles are held, rightly or not, by 40 others.
        others = SpeakerRole.objects.filter(key__in=keys).order_by().values_list("key", "speaker_id", "start", "end")
        for key, *held in others:
            holders.setdefault(key, []).append(HeldRole(*held))
    return {speaker.pk: _roles_shown(speaker, roles[speaker.pk], holders) for speaker in speakers}


class HeldRole(NamedTuple):
    """Another speaker's span in a role, for rule 4 of shown_roles."""

    speaker_id: int
    start: datetime.date | None
    end: datetime.date | None


RELATION = re.compile(r"\b(?:to|for|of)\s+(?:the\s+)?(?P<title>.+)$")


def _roles_shown(speaker, roles, holders) -> list[str]:
    surname = (_role_fold(speaker.name).split() or [""])[-1]
    own = {_role_fold(role.title) for role in roles}
    variants: dict[str, list] = {}
    for role in roles:
        folded = _role_fold(role.title)
        relation = RELATION.search(folded)
        if not folded or surname in folded.split() or (relation and relation.group("title") in own):
            continue  # rules 2 and 3
        others = [other for other in holders.get(role.key, ()) if other.speaker_id != speaker.pk]
        if " " in folded and _held_by_another(role, others):
            continue  # rule 4
        variants.setdefault(folded, []).append(role)
    best = [
        max(group, key=lambda role: (_days(role) or 0, sum(map(str.isupper, role.title))))
        for group in variants.values()
    ]
    if any(_days(role) for role in best):  # rule 5
        best = [role for role in best if _days(role) or _days(role) is None]
    best.sort(key=lambda role: (-(_days(role) or 0), role.title.casefold()))
    return [role.title for role in best]


# -- results -------------------------------------------------------------------------------


def results_as_objects(page_items) -> list:
    """Search results and model instances alike, as model instances, in order."""
    objects = []
    for item in page_items:
        obj = getattr(item, "object", item) if hasattr(item, "model_name") else item
        if obj is not None:  # the index may briefly hold a document the database just deleted
            objects.append(obj)
    return objects


# What a quote card shows (templates/includes/quote_card.html and what it includes): a page
# listing quotes reads these and no more; its quotes' whole rows took a third longer to load.
QUOTE_CARD_FIELDS = (
    "start",
    "text",
    "attribution",
    "source_description",
    "act",
    "act_confidence",
    "codes_corrected",
    "conditional",
    "weapons",
    "targets",
    "group",
    "speaker__name",
    "speaker__slug",
    "article__title",
    "article__published",
    "article__source__name",
)


class _QuoteCards(SearchQuerySet):
    """A search whose quotes are loaded as their cards show them."""

    def _load_model_objects(self, model, pks):
        if model is Quote:
            return Quote.objects.with_related().only(*QUOTE_CARD_FIELDS).order_by().in_bulk(pks)
        return super()._load_model_objects(model, pks)


def as_cards(results):
    """Results of a search or a browse, their quotes loaded with only what a page's cards show."""
    if isinstance(results, SearchQuerySet):
        return results._clone(klass=_QuoteCards)
    if isinstance(results, QuerySet) and results.model is Quote:
        return results.only(*QUOTE_CARD_FIELDS)
    return results


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
            # Unordered: the models' default order would join every row to its article for nothing.
            counted = model.objects.filter(group_id__in=group_ids).order_by().values_list("group_id")
            sizes = dict(counted.annotate(n=Count("pk")))
        for obj in shown:
            if isinstance(obj, model):
                obj.copies = max(sizes.get(obj.group_id, 1) - 1, 0)
    return shown


def quote_lineage(quote: Quote) -> list[dict] | None:
    """Every outlet that carried a quote, earliest first, with where each copy's wording differs
    from the earliest; None when no other article carried it."""
    if quote.group_id is None:
        return None
    # Most quotes are in a group of their own: asking whether another article carried it costs
    # a fifth of reading the group in date order (0.3 ms against 1.4).
    if not Quote.objects.filter(group_id=quote.group_id).exclude(pk=quote.pk).order_by().exists():
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


def page_of(items, number, per_page: int, *, strict: bool = False, count: int | None = None) -> Page:
    """One page of items. Pages show the nearest page for a number out of range or not a
    number; `strict` (the API) raises Django's InvalidPage instead. `count`, when the caller
    knows how many items there are, spares counting them again."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    return paginator.page(number or 1) if strict else paginator.get_page(number)


# -- serialisers ------------------------------------------------------------------------


def speaker_data(speaker: Speaker, absolute: Absolute, *, roles: list[str]) -> dict:
    """A speaker as the API gives it, with its roles as shown_roles gives them
    (`quote_count` when the queryset counted them)."""
    return {
        "name": speaker.name,
        "slug": speaker.slug,
        "roles": roles,
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
    rows = Quote.objects.filter(article_id__in=list(article_ids)).order_by().values_list("article_id")
    rows = rows.annotate(n=Count("pk"))  # unordered, as collapse_copies counts
    return dict(rows)


# -- did you mean ---------------------------------------------------------------------------

FEW_RESULTS = 3  # a search finding fewer than this is offered a spelling, when one finds more
RARE = 5  # a query word held by more documents than this is no slip
MORE_BY = 10  # a rare word is a likely slip for one a slip away that this many times more documents hold
HELD_BY = 2  # and at least this many: one document's own slip is no better
QUERY_WORD = re.compile(r"(?<![\w-])(-?)(\w+)")


def did_you_mean(query: str) -> str | None:
    """The query with each word the index barely holds replaced by the word a slip away
    that it holds far more ("stoltenburg" -> "Stoltenberg"), or None. Read from the index's
    own word list; the pages ask only when a search finds little (FEW_RESULTS)."""
    index = archive_index()
    if index is None:
        return None
    changed, pieces, cursor = False, [], 0
    for match in QUERY_WORD.finditer(query):
        typed, words = match.group(2), index_words(match.group(2))
        if match.group(1) or len(words) != 1:  # a word left out, a stop word, or several
            continue
        held = index.word_frequency(words[0])
        if held > RARE:
            continue
        likelier = [word for word, _, n in index.similar_words(words[0]) if n >= max(HELD_BY, held * MORE_BY)]
        surface = _as_written(index, likelier[0], typed) if likelier else None
        if surface:
            pieces += [query[cursor : match.start(2)], surface]
            cursor, changed = match.end(2), True
    return "".join([*pieces, query[cursor:]]) if changed else None


def _as_written(index, word: str, typed: str) -> str | None:
    """An index word (folded and stemmed) as documents write it, the form most like what
    was typed: "negoti" is "negotiations" for "negotiatons"."""
    written = set()
    documents = sorted(index.documents_with(word, limit=3), key=lambda document: not document[0].endswith(".quote"))
    for content_type, pk in documents:  # quotes first: shorter to read
        model = Quote if content_type.endswith(".quote") else Article
        row = model.objects.filter(pk=pk).values_list("text" if model is Quote else "body", flat=True).first()
        for candidate in set(re.findall(r"\w+", row or "")):
            if fold_accents(candidate[:1]).lower() == word[:1] and index_words(candidate) == [word]:
                written.add(candidate)
    if not written:
        return None
    return max(sorted(written), key=lambda candidate: SequenceMatcher(None, typed.lower(), candidate.lower()).ratio())
