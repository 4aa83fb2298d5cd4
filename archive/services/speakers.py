"""Speakers across the archive: resolving an article's speakers to the archive's,
and merging duplicates."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils.text import slugify

from ..ingest.escalation import Lexicon
from ..ingest.records import SpeakerRecord
from ..ingest.speakers import speaker_key
from ..models import Quote, Source, Speaker, SpeakerAlias, SpeakerRedirect, SpeakerRole
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
    """A slug no row has, nor (for speakers) any old address that redirects."""
    base = slugify(name)[:180] or "item"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists() or (
        model is Speaker and SpeakerRedirect.objects.filter(old_slug=slug).exists()
    ):
        n += 1
        slug = f"{base}-{n}"
    return slug


def merge_speakers(target: Speaker, others) -> Speaker:
    """Fold duplicate speakers into one: their quotes move, their names stay as aliases,
    and their slugs redirect to it."""
    others = [other for other in others if other.pk != target.pk]
    with transaction.atomic():
        for other in others:
            redirect_slug(other.slug, target)
            SpeakerRedirect.objects.filter(speaker=other).update(speaker=target)
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


def redirect_slug(old_slug: str, speaker: Speaker) -> None:
    """Let a slug that no longer names a speaker lead to this one."""
    SpeakerRedirect.objects.update_or_create(old_slug=old_slug, defaults={"speaker": speaker})
