"""Quote and article lineage: copies of one quote across outlets share a group,
and so do near-duplicate articles (wire copies)."""

from __future__ import annotations

from collections import defaultdict, deque

from django.db import connection, transaction
from django.db.models import F, Q

from ..ingest import lineage
from ..models import Article, ArticleGroup, Quote, QuoteGroup

CANDIDATES_PER_LOOKUP = (
    100  # quotes compared per new quote: the same speaker's latest, and the latest sharing its probe
)


# The latest held quotes sharing a probe, and a speaker's latest: index range scans,
# one per probe and one per speaker of an article's new quotes, all in one statement. Written in
# SQL because the ORM took longer to build these queries than the database took to answer
# them. `n` says which lookup a row answers, `part` which half (0 probe, 1 speaker).
CANDIDATES_SQL = f"""
SELECT * FROM (
    SELECT {{n}} AS n, {{part}} AS part, id, text, group_id FROM {Quote._meta.db_table}
    WHERE {{column}} = %s AND group_id IS NOT NULL AND id <> %s ORDER BY id DESC LIMIT {CANDIDATES_PER_LOOKUP}
) AS lookup_{{n}}_{{part}}"""
LOOKUPS_PER_STATEMENT = 400  # SQLite allows 500 terms in a compound SELECT

# Held quotes with one of the texts (newest first), and the held article with the same
# normalised body in the model's order (Article.Meta.ordering), as `.first()` finds it:
# in SQL for the reason above, since ingest asks both of every article.
EXACT_SQL = (
    f"SELECT text_key, speaker_id, group_id FROM {Quote._meta.db_table} "
    "WHERE text_key IN ({keys}) AND group_id IS NOT NULL{but} ORDER BY id DESC"
)
SAME_BODY_SQL = (
    f"SELECT group_id FROM {Article._meta.db_table} WHERE text_key = %s AND group_id IS NOT NULL AND id <> %s "
    "ORDER BY published DESC, created DESC LIMIT 1"
)


def join_quote_groups(quotes) -> frozenset[int]:
    """Give each new quote the group of an exact or near copy already held, else a new group;
    return the groups made (no held article is in them).

    One lookup by normalised-text hash, then a bounded check of candidates that
    share the speaker or the quote's longest word: never a pass over the archive.
    """
    for quote in quotes:
        quote.text_key = lineage.text_key(quote.text)
        quote.probe = lineage.probe(quote.text)
    # Exact copies for all of them in one query; newest first, so the dict keeps
    # the earliest held quote's group. A phrase is a copy only of its speaker's.
    phrases = {quote.text_key for quote in quotes if lineage.is_phrase(quote.text)}
    exact: dict[tuple, int] = {
        _copy_key(text_key, speaker_id, text_key in phrases): group_id
        for text_key, speaker_id, group_id in _held_copies(quotes)
        if text_key not in phrases or speaker_id is not None
    }
    # This article's quotes so far, with their groups: a held group's id, or a new
    # group, created with the others in one statement at the end.
    earlier = _EarlierQuotes()
    held = _held_candidates(quotes, exact)
    for quote in quotes:
        group = _copy_group(quote, earlier, exact.get(_copy_key_of(quote)), held)
        earlier.add(quote, QuoteGroup(key=quote.text_key) if group is None else group)
    made = QuoteGroup.objects.bulk_create(
        list({id(group): group for _, group in earlier.groups if isinstance(group, QuoteGroup)}.values())
    )
    for quote, group in earlier.groups:
        quote.group_id = group.pk if isinstance(group, QuoteGroup) else group
    return frozenset(group.pk for group in made)


def _held_copies(quotes) -> list[tuple[str, int | None, int]]:
    """(text key, speaker id, group id) of the held quotes with the same normalised text
    as one of `quotes` (not themselves), newest first."""
    keys = list(dict.fromkeys(quote.text_key for quote in quotes))
    if not keys:
        return []
    own = [quote.pk for quote in quotes if quote.pk]
    sql = EXACT_SQL.format(
        keys=", ".join(["%s"] * len(keys)), but=f" AND id NOT IN ({', '.join(['%s'] * len(own))})" if own else ""
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*keys, *own])
        return cursor.fetchall()


def _copy_key(text_key: str, speaker_id: int | None, phrase: bool) -> tuple:
    """What exact copies share: the normalised text, and for a phrase its speaker too
    (an unattributed phrase repeated within its article is one quote, never a held one)."""
    return (text_key, speaker_id) if phrase else (text_key,)


def _copy_key_of(quote: Quote) -> tuple:
    return _copy_key(quote.text_key, quote.speaker_id, lineage.is_phrase(quote.text))


class _EarlierQuotes:
    """An article's quotes so far with their groups, looked up the way held quotes are:
    by normalised text, else among the latest 100, and the latest 100 sharing the probe
    or the speaker. An article of up to 100 quotes compares each with all before it; a
    quote-dense text costs each quote the same few comparisons, not one per quote before it."""

    def __init__(self):
        self.groups: list[tuple[Quote, int | QuoteGroup]] = []
        self.by_text_key: dict[tuple, int | QuoteGroup] = {}
        self.latest: deque = deque(maxlen=CANDIDATES_PER_LOOKUP)
        self.by_probe: dict[str, deque] = defaultdict(lambda: deque(maxlen=CANDIDATES_PER_LOOKUP))
        self.by_speaker: dict[int, deque] = defaultdict(lambda: deque(maxlen=CANDIDATES_PER_LOOKUP))

    def add(self, quote: Quote, group: int | QuoteGroup) -> None:
        position = len(self.groups)
        self.groups.append((quote, group))
        self.by_text_key.setdefault(_copy_key_of(quote), group)
        self.latest.append(position)
        if quote.probe:
            self.by_probe[quote.probe].append(position)
        if quote.speaker_id is not None:
            self.by_speaker[quote.speaker_id].append(position)

    def candidates(self, quote: Quote) -> list[tuple[str, int | QuoteGroup]]:
        """(text, group) of the earlier quotes to compare, in the article's order: for a
        phrase, only its speaker's."""
        if lineage.is_phrase(quote.text):
            positions = set(self.by_speaker.get(quote.speaker_id, ())) if quote.speaker_id is not None else set()
        else:
            positions = set(self.latest)
            if quote.probe:
                positions.update(self.by_probe.get(quote.probe, ()))
            if quote.speaker_id is not None:
                positions.update(self.by_speaker.get(quote.speaker_id, ()))
        return [(self.groups[n][0].text, self.groups[n][1]) for n in sorted(positions)]


def _candidate_key(quote: Quote) -> tuple:
    return (quote.probe or None, quote.speaker_id, quote.pk or 0)


def _held_candidates(quotes, exact: dict) -> dict[tuple, list[tuple[int, str, int]]]:
    """The held candidates of every quote that will look for them (one not copying an
    earlier quote of its article or a held quote word for word), by `_candidate_key`:
    (part, text, group id), the probe's latest first, then the speaker's. Quotes sharing
    a probe or a speaker share that half of the lookup."""
    keys, seen = [], set()
    for quote in quotes:
        copy_key = _copy_key_of(quote)
        if copy_key not in seen and not exact.get(copy_key):
            keys.append(_candidate_key(quote))
        seen.add(copy_key)
    # NULL matches nothing: a quote without a probe or a speaker skips that half.
    halves = list(
        dict.fromkeys(
            (part, value, pk)
            for probe, speaker_id, pk in keys
            for part, value in ((0, probe), (1, speaker_id))
            if value is not None
        )
    )
    found: dict[tuple, list] = {half: [] for half in halves}
    for start in range(0, len(halves), LOOKUPS_PER_STATEMENT):
        lookups, params = [], []
        for n, (part, value, pk) in enumerate(halves[start : start + LOOKUPS_PER_STATEMENT], start=start):
            lookups.append(CANDIDATES_SQL.format(n=n, part=part, column=("probe", "speaker_id")[part]))
            params += [value, pk]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(lookups), params)
            for n, part, _, text, group_id in sorted(cursor.fetchall(), key=lambda row: (row[0], -row[2])):
                found[halves[n]].append((part, text, group_id))
    return {
        (probe, speaker_id, pk): [*found.get((0, probe, pk), ()), *found.get((1, speaker_id, pk), ())]
        for probe, speaker_id, pk in keys
    }


def _copy_group(quote: Quote, earlier: _EarlierQuotes, exact_copy: int | None, held: dict) -> int | QuoteGroup | None:
    """The group of an earlier quote of this article or of a held quote that this
    quote copies; None if it copies nothing. `held` is `_held_candidates`."""
    same_words = earlier.by_text_key.get(_copy_key_of(quote))
    if same_words is not None:
        return same_words
    if exact_copy:
        return exact_copy
    # A phrase is compared with its speaker's quotes only (part 1 of the lookup).
    phrase = lineage.is_phrase(quote.text)
    candidates = [(text, group_id) for part, text, group_id in held[_candidate_key(quote)] if part == 1 or not phrase]
    for text, group_id in [*earlier.candidates(quote), *candidates]:
        if lineage.near_copy(quote.text, text):
            return group_id
    return None


ARTICLE_CANDIDATES = 20


def join_article_group(article: Article, quotes) -> None:
    """Put a saved article with the articles it copies (`place_article`) and write where."""
    place_article(article, quotes)
    Article.objects.filter(pk=article.pk).update(text_key=article.text_key, group_id=article.group_id)


def place_article(article: Article, quotes, *, new_groups: frozenset[int] = frozenset()) -> None:
    """Give an article, saved or not, the group of the articles it copies (the same
    normalised body, or a near-duplicate among the articles carrying copies of its
    quotes), else a new group; it is the caller's to save. `new_groups` are quote groups
    just made, which no other article is in: quotes in nothing else need no lookup."""
    article.text_key = lineage.article_key(article.body)
    with connection.cursor() as cursor:
        cursor.execute(SAME_BODY_SQL, [article.text_key, article.pk or 0])
        row = cursor.fetchone()
    group_id = row[0] if row else None
    quote_groups = {quote.group_id for quote in quotes if quote.group_id} - new_groups
    if group_id is None and quote_groups:
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
