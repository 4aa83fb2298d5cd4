"""Speakers across the archive: resolving an article's speakers to the archive's,
merging duplicates (an editor's merge, or resolution's), and resolving the whole
archive again after the rules change (`resolve_speakers`).

Who is one person is decided by archive.ingest.identity; this module reads and writes
the rows. An editor's word wins: a speaker an editor made, edited, merged into or gave
a quote is `confirmed`, and resolution never folds it into another.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils.text import slugify

from ..ingest.escalation import Lexicon
from ..ingest.identity import Known, bare_surname_owner, full_names_agree, group_people
from ..ingest.records import SpeakerRecord
from ..ingest.speakers import speaker_key
from ..models import Quote, Source, Speaker, SpeakerAlias, SpeakerRedirect, SpeakerRole, alias_surname
from .escalation import escalation_lexicon
from .indexing import reindex_after_commit


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
        self._roles_loaded: set[int] = set()  # speakers whose roles are all in _roles
        self._adopted: set[int] = set()  # surname-only speakers about to take a full name
        self._surnames: dict[str, dict[int, set[str]]] = {}  # "surname:x" -> person id -> keys
        self._surname_owners: dict[tuple, int | None] = {}  # (surname, roles) -> who a surname alone is
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
        """The archive's speaker for an article's speaker, created when new.

        A full name is the person with that name's key (any spelling `speaker_key`
        folds), else the one person with that surname whose first name agrees; a
        surname alone is the person the mention's role or the archive's quotes say
        (archive.ingest.identity.bare_surname_owner), else the one speaker known by
        that surname alone. Only then is a speaker created.
        """
        names = [record.name, *record.aliases]
        key = speaker_key(record.name)
        speaker_id = None
        if record.kind != "person":
            self._load_keys([key])
            speaker_id = self._speaker_ids[key]
        elif " " in key:
            speaker_id = self._by_full_name(key)
        elif key:
            speaker_id = self._by_surname(key, record.roles)
        if speaker_id is None:
            speaker = Speaker.objects.create(
                name=record.name, slug=_unique_slug(Speaker, record.name), kind=record.kind
            )
            self._speakers[speaker.pk] = speaker
            self._alias_names[speaker.pk] = set()
            self._roles_loaded.add(speaker.pk)  # a new speaker has no roles yet
        else:
            speaker = self._speaker(speaker_id)
            if speaker.pk in self._adopted:
                self._adopted.discard(speaker.pk)
                speaker.name = record.name
                speaker.save(update_fields=["name"])
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

    def _people_by_surname(self, surname: str) -> dict[int, set[str]]:
        """Person speakers known by a surname: id -> their keys ending in it."""
        cache_key = f"surname:{surname}"
        if cache_key not in self._surnames:
            people: dict[int, set[str]] = defaultdict(set)
            for speaker_id, key in SpeakerAlias.objects.filter(
                surname=surname, speaker__kind=Speaker.Kind.PERSON
            ).values_list("speaker_id", "key"):
                people[speaker_id].add(key)
            self._surnames[cache_key] = people
        return self._surnames[cache_key]

    def _by_full_name(self, key: str) -> int | None:
        """The oldest person known by this name's key, else the one person with its
        surname whose first name agrees ("j biden"; "rafael mariano grosi" for Rafael
        Grossi). One query per surname a run meets."""
        people = self._people_by_surname(key.split()[-1])
        exact = [speaker_id for speaker_id, keys in people.items() if key in keys]
        if exact:
            return min(exact)
        matches = {
            speaker_id
            for speaker_id, keys in people.items()
            if any(" " in other and full_names_agree(key, other) for other in keys)
        }
        if matches:
            return matches.pop() if len(matches) == 1 else None
        # Nobody with the surname has a first name yet: the speaker known by the surname
        # alone is this person ("Bachelet", then "Michelle Bachelet"), and takes the full name.
        # A speaker with a full name under another surname is someone else: "Alexander" may
        # be Alexander Lukashenko's first name, never Don Alexander's surname.
        bare = [speaker_id for speaker_id, keys in people.items() if not any(" " in k for k in keys)]
        if (
            len(bare) == 1
            and not self._speaker(bare[0]).confirmed
            and not SpeakerAlias.objects.filter(speaker_id=bare[0], key__contains=" ").exists()
        ):
            self._adopted.add(bare[0])
            return bare[0]
        return None

    def _by_surname(self, surname: str, roles) -> int | None:
        """Cached per surname and roles for the run, until someone new carries the surname."""
        decision_key = (surname, tuple(sorted(role.lower() for role in roles)))
        if decision_key not in self._surname_owners:
            self._surname_owners[decision_key] = self._surname_owner(surname, roles)
        return self._surname_owners[decision_key]

    def _surname_owner(self, surname: str, roles) -> int | None:
        people = self._people_by_surname(surname)
        full = [speaker_id for speaker_id, keys in people.items() if any(" " in key for key in keys)]
        if full:
            counts = dict(
                Quote.all_objects.filter(speaker_id__in=full).values_list("speaker_id").annotate(n=Count("id"))
            )
            their_roles: dict[int, set[str]] = defaultdict(set)
            for speaker_id, role_key in SpeakerRole.objects.filter(speaker_id__in=full).values_list(
                "speaker_id", "key"
            ):
                their_roles[speaker_id].add(role_key)
            candidates = [(pk, counts.get(pk, 0), frozenset(their_roles[pk])) for pk in full]
            owner = bare_surname_owner(surname, [role.lower() for role in roles], candidates)
            if owner is not None:
                return owner
        # nobody's surname for sure: the one speaker known by it alone
        bare = [
            speaker_id for speaker_id, keys in people.items() if surname in keys and not any(" " in k for k in keys)
        ]
        return min(bare) if bare else None

    def _speaker(self, speaker_id: int) -> Speaker:
        if speaker_id not in self._speakers:
            self._speakers[speaker_id] = Speaker.objects.get(pk=speaker_id)
        return self._speakers[speaker_id]

    def _add_aliases(self, speaker: Speaker, names) -> None:
        known = self._alias_names.get(speaker.pk)
        if known is None:
            known = self._alias_names[speaker.pk] = set(speaker.aliases.values_list("name", flat=True))
        new = [
            SpeakerAlias(
                speaker=speaker, name=name[:300], key=speaker_key(name)[:300], surname=alias_surname(speaker_key(name))
            )
            for name in dict.fromkeys(names)
            if name[:300] not in known and speaker_key(name)
        ]
        if new:
            SpeakerAlias.objects.bulk_create(new, ignore_conflicts=True)
            for alias in new:
                known.add(alias.name)
                self._speaker_ids[alias.key] = self._speaker_ids.get(alias.key) or speaker.pk
                people = self._surnames.get(f"surname:{alias.surname}")
                if speaker.kind == Speaker.Kind.PERSON and people is not None:
                    if speaker.pk not in people:  # someone new carries the surname: decide again
                        self._surname_owners = {k: v for k, v in self._surname_owners.items() if k[0] != alias.surname}
                    people.setdefault(speaker.pk, set()).add(alias.key)

    def _add_role(self, speaker: Speaker, title: str, seen_on: datetime.date | None) -> None:
        key = title.lower()[:300]
        if speaker.pk not in self._roles_loaded:  # all of a speaker's roles in one query
            self._roles_loaded.add(speaker.pk)
            for held in SpeakerRole.objects.filter(speaker=speaker):
                self._roles.setdefault((speaker.pk, held.key), held)
        role = self._roles.get((speaker.pk, key))
        if role is None:  # not among its roles loaded above: made without asking first
            try:
                with transaction.atomic():
                    role = SpeakerRole.objects.create(
                        speaker=speaker, key=key, title=title[:300], start=seen_on, end=seen_on
                    )
            except IntegrityError:  # another writer gave it the role since
                role = SpeakerRole.objects.get(speaker=speaker, key=key)
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
    """A slug no row has, nor (for speakers) any old address that redirects."""
    base = slugify(name)[:180] or "item"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists() or (
        model is Speaker and SpeakerRedirect.objects.filter(old_slug=slug).exists()
    ):
        n += 1
        slug = f"{base}-{n}"
    return slug


def merge_speakers(target: Speaker, others, *, by_editor: bool = True) -> Speaker:
    """Fold duplicate speakers into one: their quotes move, their names stay as aliases,
    their slugs redirect to it. An editor's merge confirms the survivor, so that
    resolution keeps what the editor decided."""
    others = [other for other in others if other.pk != target.pk]
    with transaction.atomic():
        article_ids = _fold(target, others)
        if by_editor and not target.confirmed:
            target.confirmed = True
            target.save(update_fields=["confirmed"])
        reindex_after_commit(sorted(article_ids))
    return target


def redirect_slug(old_slug: str, speaker: Speaker) -> None:
    """Let a slug that no longer names a speaker lead to this one."""
    SpeakerRedirect.objects.update_or_create(old_slug=old_slug, defaults={"speaker": speaker})


def _fold(target: Speaker, others) -> set[int]:
    """Move the others' quotes, names, roles and slugs onto target and delete them;
    return the articles whose quotes moved. No indexing: callers index."""
    others = [other for other in others if other.pk != target.pk]
    if not others:
        return set()
    other_ids = [other.pk for other in others]
    article_ids = set(Quote.all_objects.filter(speaker_id__in=other_ids).values_list("article_id", flat=True))
    Quote.all_objects.filter(speaker_id__in=other_ids).update(speaker=target)
    held = set(SpeakerAlias.objects.filter(speaker=target).values_list("name", flat=True))
    names = list(SpeakerAlias.objects.filter(speaker_id__in=other_ids).values_list("name", flat=True))
    names += [other.name for other in others]
    SpeakerAlias.objects.bulk_create(
        [
            SpeakerAlias(
                speaker=target, name=name, key=speaker_key(name)[:300], surname=alias_surname(speaker_key(name))
            )
            for name in dict.fromkeys(names)
            if name not in held and speaker_key(name)
        ],
        ignore_conflicts=True,
    )
    roles = {role.key: role for role in SpeakerRole.objects.filter(speaker=target)}
    for role in SpeakerRole.objects.filter(speaker_id__in=other_ids):
        mine = roles.get(role.key)
        if mine is None:
            roles[role.key] = SpeakerRole.objects.create(
                speaker=target, key=role.key, title=role.title, start=role.start, end=role.end
            )
        elif (role.start and (mine.start is None or role.start < mine.start)) or (
            role.end and (mine.end is None or role.end > mine.end)
        ):
            mine.start = min(filter(None, [mine.start, role.start]))
            mine.end = max(filter(None, [mine.end, role.end]))
            mine.save(update_fields=["start", "end"])
    # The others' slugs, and the slugs that already redirected to them, now lead to target.
    SpeakerRedirect.objects.filter(speaker_id__in=other_ids).update(speaker=target)
    for other in others:
        redirect_slug(other.slug, target)
    Speaker.objects.filter(pk__in=other_ids).delete()
    return article_ids


@dataclass(frozen=True, kw_only=True)
class ResolveResult:
    speakers_before: int
    speakers_after: int
    folded: int  # speakers folded into another
    quotes_moved: int
    article_ids: frozenset[int]  # articles whose quotes changed speaker: the caller reindexes them


def resolve_speakers() -> ResolveResult:
    """Resolve the whole archive's speakers again with the current rules: alias keys
    follow the current `speaker_key`, then every group of speakers that is one person
    (archive.ingest.identity.group_people) is folded into its survivor, leaving
    redirects from the others' slugs. Editors' work stays: confirmed speakers (and those
    holding a corrected quote) are never folded into another, and an editor's merge is
    never undone, since resolution only ever joins. The caller reindexes `article_ids`."""
    _rekey_aliases()
    before = Speaker.objects.count()
    groups = group_people(_known_speakers())
    by_id = Speaker.objects.in_bulk([pk for group in groups for pk in group])
    article_ids: set[int] = set()
    moved = folded = 0
    for group in groups:
        with transaction.atomic():
            target, others = by_id[group[0]], [by_id[pk] for pk in group[1:]]
            moved += Quote.all_objects.filter(speaker__in=others).count()
            article_ids |= _fold(target, others)
            folded += len(others)
    return ResolveResult(
        speakers_before=before,
        speakers_after=Speaker.objects.count(),
        folded=folded,
        quotes_moved=moved,
        article_ids=frozenset(article_ids),
    )


def _rekey_aliases() -> None:
    """Every alias's key and surname from the current rules; every speaker known by its own name."""
    changed = []
    for alias in SpeakerAlias.objects.only("id", "name", "key", "surname").iterator(chunk_size=2000):
        key = speaker_key(alias.name)[:300]
        if (alias.key, alias.surname) != (key, alias_surname(key)):
            alias.key, alias.surname = key, alias_surname(key)
            changed.append(alias)
    SpeakerAlias.objects.bulk_update(changed, ["key", "surname"], batch_size=2000)
    named = set(SpeakerAlias.objects.values_list("speaker_id", "name"))
    SpeakerAlias.objects.bulk_create(
        [
            SpeakerAlias(
                speaker_id=pk, name=name, key=speaker_key(name)[:300], surname=alias_surname(speaker_key(name))
            )
            for pk, name in Speaker.objects.values_list("pk", "name")
            if (pk, name) not in named and speaker_key(name)
        ],
        ignore_conflicts=True,
    )


def _known_speakers() -> list[Known]:
    quotes = dict(Quote.all_objects.filter(speaker__isnull=False).values_list("speaker_id").annotate(n=Count("id")))
    aliases: dict[int, list[str]] = defaultdict(list)
    for speaker_id, key in SpeakerAlias.objects.values_list("speaker_id", "key"):
        aliases[speaker_id].append(key)
    roles: dict[int, set[str]] = defaultdict(set)
    for speaker_id, key in SpeakerRole.objects.values_list("speaker_id", "key"):
        roles[speaker_id].add(key)
    corrected = set(
        Quote.all_objects.filter(corrected=True, speaker__isnull=False).values_list("speaker_id", flat=True)
    )
    return [
        Known(
            id=pk,
            key=speaker_key(name),
            kind=kind,
            quotes=quotes.get(pk, 0),
            alias_keys=tuple(dict.fromkeys(aliases[pk])),
            roles=frozenset(roles[pk]),
            confirmed=confirmed or pk in corrected,
        )
        for pk, name, kind, confirmed in Speaker.objects.values_list("pk", "name", "kind", "confirmed")
    ]
