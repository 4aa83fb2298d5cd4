"""What a person types in a filter, as the archive's speakers, outlets and codebook terms.

A speaker is typed as a slug, a name, a surname or an alias, in any case, with or without
accents, in any transliteration: the text becomes a `speaker_key` (the one normaliser of
names, archive.ingest.speakers) and is matched against the aliases' keys. An outlet is
typed as its name or slug; a weapon or target as the codebook's name, slug, or any word
its pattern knows ("SCALP", "US"). What a text names is a `Found`: one match, or the
several it could be, or, for a text that names nothing, the closest names.

The lists a form offers as one types (the most-quoted speakers, every outlet, the
codebook's terms) are read once per archive version in each worker (caching.per_archive_version).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.text import slugify

from .caching import per_archive_version
from .ingest.escalation import slug_of
from .ingest.names import first_name_key
from .ingest.speakers import fold_accents, speaker_key
from .models import Source, Speaker, SpeakerAlias
from .selectors import shown_roles, speaker_by_slug, speaker_quote_counts, speakers_in_order

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A surname alone is the person who holds at least this share of the quotes of everyone
# the archive knows by it, and this many times the next one's ("Putin" is Vladimir Putin).
DOMINANT_SHARE = 0.75
DOMINANT_RATIO = 3.0
NAMESAKES_READ = 200  # aliases read for one surname: more people than any page lists
CANDIDATES_SHOWN = 8  # people an ambiguous name lists
CLOSEST_SHOWN = 5  # names offered for a name the archive does not hold
CLOSEST_RATIO = 0.75  # how alike a held name must be to be offered (difflib's ratio)
SUGGESTED_SPEAKERS = 100  # the most-quoted names a page offers as one types, without JavaScript
SUGGESTED_SOURCES = 300


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """One of the people (or outlets, or terms) a typed text could mean, or the closest to it."""

    value: str  # what to type (or put in the address) to mean this one: a slug
    label: str  # its name
    detail: str = ""  # roles, counts: what tells namesakes apart
    url: str = ""  # its own page, when it has one


@dataclass(frozen=True, kw_only=True)
class Found:
    """What a typed text names: `match` when it names one, else `candidates`: the ones it
    could mean (`ambiguous`) or the closest ones held (the text names nothing)."""

    kind: str  # "speaker", "source", "weapon" or "target": for messages
    text: str
    match: object | None = None
    moved: bool = False  # the text is the old slug of a speaker merged or renamed since
    ambiguous: bool = False
    candidates: tuple[Candidate, ...] = ()
    note: str = ""  # how a loose match was read: "“Putin”: Vladimir Putin (also: …)"

    @property
    def message(self) -> str:
        if self.ambiguous:
            return f"“{self.text}” could be any of these {len(self.candidates)}: choose one."
        closest = ", ".join(candidate.label for candidate in self.candidates)
        return f"No {self.kind} “{self.text}” in the archive." + (f" Closest: {closest}." if closest else "")


# -- speakers -------------------------------------------------------------------------------


def find_speaker(text: str) -> Found:
    """The speaker a typed slug, name, surname or alias names."""
    text = " ".join(text.split())
    if SLUG.fullmatch(text):
        speaker, moved = speaker_by_slug(text)
        if speaker is not None:
            return Found(kind="speaker", text=text, match=speaker, moved=moved)
    key = speaker_key(text)
    ids = _speakers_named(text, key) if key else set()
    if not ids:
        return Found(kind="speaker", text=text, candidates=_closest_speakers(key))
    counted = _by_quote_count(ids)
    if len(counted) == 1:
        return Found(kind="speaker", text=text, match=counted[0][0])
    top, top_count = counted[0]
    total, runner_up = sum(count for _, count in counted), counted[1][1]
    if top_count >= DOMINANT_SHARE * total and top_count >= DOMINANT_RATIO * runner_up:
        others = ", ".join(speaker.name for speaker, _ in counted[1:4])
        note = f"“{text}” is read as {top.name}, who holds most of its quotes (also so named: {others})."
        return Found(kind="speaker", text=text, match=top, note=note)
    return Found(kind="speaker", text=text, ambiguous=True, candidates=_speaker_candidates(counted[:CANDIDATES_SHOWN]))


def _speakers_named(text: str, key: str) -> set[int]:
    """Speakers whose name or an alias has this key; else, for a surname (or a first name
    and a surname), the speakers whose full names end in it and whose first names agree."""
    ids = set(SpeakerAlias.objects.filter(key=key).values_list("speaker_id", flat=True)[:NAMESAKES_READ])
    if not ids:  # a speaker an editor renamed may have no alias of the new name yet
        ids = set(Speaker.objects.filter(name__iexact=text).values_list("pk", flat=True)[:NAMESAKES_READ])
    if ids:
        return ids
    tokens = key.split()
    surname = tokens[-1]
    rows = SpeakerAlias.objects.filter(Q(key=surname) | Q(key__endswith=f" {surname}")).values_list(
        "key", "speaker_id"
    )[:NAMESAKES_READ]
    if len(tokens) > 1:  # "V. Putin", "Vlad Putin": the first names must agree
        first = tokens[0]
        rows = [(alias, pk) for alias, pk in rows if alias.split()[0].startswith(first) or first.startswith(alias)]
    ids = {pk for _, pk in rows}
    if not ids and len(tokens) == 1:  # a first name alone: everyone called so ("joe": "joseph biden")
        first = first_name_key(fold_accents(text).casefold())
        ids = set(
            SpeakerAlias.objects.filter(key__startswith=f"{first} ").values_list("speaker_id", flat=True)[
                :NAMESAKES_READ
            ]
        )
    return ids


def _by_quote_count(ids) -> list[tuple[Speaker, int]]:
    """These speakers, most quoted first: one query."""
    speakers = Speaker.objects.filter(pk__in=ids).with_quote_count().prefetch_related("roles")
    return sorted(((speaker, speaker.quote_count) for speaker in speakers), key=lambda pair: (-pair[1], pair[0].name))


def _speaker_candidates(counted) -> tuple[Candidate, ...]:
    roles = shown_roles([speaker for speaker, _ in counted])
    return tuple(
        Candidate(
            value=speaker.slug,
            label=speaker.name,
            detail="; ".join([*roles[speaker.pk][:2], f"{count} quote{'' if count == 1 else 's'}"]),
            url=speaker.get_absolute_url(),
        )
        for speaker, count in counted
    )


def _closest_speakers(key: str) -> tuple[Candidate, ...]:
    """The held names most like a name the archive does not hold: aliases sharing the
    first or last three letters of its longest word, ranked by how alike they are."""
    words = key.split()
    if not words:
        return ()
    word = max(words, key=len)
    pieces = {word[:3], word[-3:]}
    condition = Q()
    for piece in pieces:
        condition |= Q(key__contains=piece)
    best: dict[int, float] = {}
    for alias, pk in SpeakerAlias.objects.filter(condition).values_list("key", "speaker_id")[:2000]:
        likeness = max(
            difflib.SequenceMatcher(None, key, alias).ratio(),
            max(difflib.SequenceMatcher(None, word, token).ratio() for token in alias.split()),
        )
        if likeness >= CLOSEST_RATIO and likeness > best.get(pk, 0):
            best[pk] = likeness
    if not best:
        return ()
    counted = dict(_by_quote_count(best))
    ranked = sorted(counted, key=lambda speaker: (-best[speaker.pk], -counted[speaker], speaker.name))
    return _speaker_candidates([(speaker, counted[speaker]) for speaker in ranked[:CLOSEST_SHOWN]])


@per_archive_version
def suggested_speakers() -> tuple[Candidate, ...]:
    """The most-quoted speakers, for the datalist of every speaker field."""
    top = [speaker for speaker in speakers_in_order(list(speaker_quote_counts())[:SUGGESTED_SPEAKERS])]
    return tuple(
        Candidate(value=speaker.name, label=speaker.name, detail=f"{speaker.quote_count} quotes")
        for speaker in top
        if speaker.quote_count
    )


# -- outlets --------------------------------------------------------------------------------


@per_archive_version
def _sources() -> tuple[tuple[Source, int], ...]:
    """Every outlet with its article count, most articles first (outlets are few)."""
    sources = Source.objects.annotate(n=Count("articles")).order_by("-n", "name")
    return tuple((source, source.n) for source in sources)


@per_archive_version
def suggested_sources() -> tuple[Candidate, ...]:
    return tuple(
        Candidate(value=source.name, label=source.name, detail=f"{count} articles")
        for source, count in _sources()[:SUGGESTED_SOURCES]
    )


def find_source(text: str) -> Found:
    """The outlet a typed name or slug names: "BBC" is BBC News when no other outlet's
    name starts with it."""
    text = " ".join(text.split())
    folded = slugify(text)
    if not folded:
        return Found(kind="source", text=text)
    sources = _sources()
    exact = [source for source, _ in sources if folded in (source.slug, slugify(source.name))]
    if len(exact) == 1:
        return Found(kind="source", text=text, match=exact[0])
    # Else the outlets whose name holds it as whole words ("Guardian", "BBC").
    starting = exact or [
        source
        for source, _ in sources
        if f"-{folded}-" in f"-{slugify(source.name)}-" or source.slug.startswith(f"{folded}-")
    ]
    if len(starting) == 1:
        return Found(kind="source", text=text, match=starting[0])
    if starting:
        counts = dict(sources)
        return Found(
            kind="source",
            text=text,
            ambiguous=True,
            candidates=tuple(
                Candidate(value=source.slug, label=source.name, detail=f"{counts[source]} articles")
                for source in starting[:CANDIDATES_SHOWN]
            ),
        )
    names = {source.name: source for source, _ in sources}
    closest = difflib.get_close_matches(text, list(names), n=CLOSEST_SHOWN, cutoff=0.6)
    return Found(
        kind="source",
        text=text,
        candidates=tuple(Candidate(value=names[name].slug, label=name) for name in closest),
    )


# -- weapons and targets ----------------------------------------------------------------------


@per_archive_version
def _lexicon():
    """The codebook's terms with the editors' (archive.services.escalation)."""
    from .services.escalation import escalation_lexicon

    return escalation_lexicon()


@per_archive_version
def term_choices(kind: str) -> tuple[Candidate, ...]:
    """The weapons (or targets) the codebook and the editors' terms know, by name."""
    labels = _lexicon().labels
    return tuple(
        Candidate(value=label, label=label, detail=slug)
        for (term_kind, slug), label in sorted(labels.items(), key=lambda item: item[1].casefold())
        if term_kind == kind
    )


def find_term(kind: str, text: str) -> Found:
    """The weapon or target slug a typed name, slug or word names: "Storm Shadow",
    "storm-shadow" and "SCALP" are storm-shadow; "US" is united-states."""
    text = " ".join(text.split())
    lexicon = _lexicon()
    labels = {slug: label for (term_kind, slug), label in lexicon.labels.items() if term_kind == kind}
    slug = slug_of(text)
    if slug in labels:
        return Found(kind=kind, text=text, match=slug)
    patterns = lexicon.weapons if kind == "weapon" else lexicon.targets
    named = list(dict.fromkeys(term_slug for term_slug, pattern, _ in patterns if pattern.search(text)))
    if len(named) == 1:
        return Found(kind=kind, text=text, match=named[0])
    if named:
        return Found(
            kind=kind,
            text=text,
            ambiguous=True,
            candidates=tuple(Candidate(value=term_slug, label=labels.get(term_slug, term_slug)) for term_slug in named),
        )
    by_label = {label.casefold(): term_slug for term_slug, label in labels.items()}
    closest = difflib.get_close_matches(text.casefold(), list(by_label), n=CLOSEST_SHOWN, cutoff=0.6)
    return Found(
        kind=kind,
        text=text,
        candidates=tuple(Candidate(value=by_label[name], label=labels[by_label[name]]) for name in closest),
    )
