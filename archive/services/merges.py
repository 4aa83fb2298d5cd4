"""Speaker merges an editor confirmed, recorded so that each can be undone.

The merge itself is speakers.merge_speakers (quotes move, names become aliases, slugs
redirect). Before it runs, what each folded speaker held is written down: its own
fields, aliases, roles, quotes and the old slugs that led to it, and the survivor's
aliases and roles. Undoing gives the folded speakers back under their old ids and
slugs, with what they held, and takes from the survivor only what the merge gave it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import MergeRecord, Quote, Speaker, SpeakerAlias, SpeakerRedirect, SpeakerRole
from .indexing import reindex_after_commit
from .speakers import merge_speakers


@dataclass(frozen=True, kw_only=True)
class FoldedSpeaker:
    """What one speaker brings to a merge, for the confirmation page."""

    speaker: Speaker
    quotes: int
    new_aliases: tuple[str, ...]  # names the survivor does not have yet
    new_roles: tuple[str, ...]
    redirects: tuple[str, ...]  # old slugs that will lead to the survivor


def merge_plan(survivor: Speaker, others) -> list[FoldedSpeaker]:
    """What moves to `survivor` if `others` are merged into it."""
    held_names = set(survivor.aliases.values_list("name", flat=True)) | {survivor.name}
    held_roles = set(survivor.roles.values_list("key", flat=True))
    plan = []
    for other in others:
        if other.pk == survivor.pk:
            continue
        names = [other.name, *other.aliases.values_list("name", flat=True)]
        roles = [(role.key, role.title) for role in other.roles.all()]
        plan.append(
            FoldedSpeaker(
                speaker=other,
                quotes=Quote.all_objects.filter(speaker=other).count(),
                new_aliases=tuple(name for name in dict.fromkeys(names) if name not in held_names),
                new_roles=tuple(title for key, title in roles if key not in held_roles),
                redirects=(other.slug, *other.redirects.values_list("old_slug", flat=True)),
            )
        )
    return plan


def merge_recorded(survivor: Speaker, others, *, editor) -> MergeRecord:
    """Merge `others` into `survivor` as an editor confirmed it, and record what moved."""
    others = [other for other in others if other.pk != survivor.pk]
    if not others:
        raise ValidationError("Choose at least one other speaker to merge into the survivor.")
    with transaction.atomic():
        record = MergeRecord(
            survivor=survivor,
            survivor_name=survivor.name,
            merged_names=", ".join(other.name for other in others)[:1000],
            moved=_snapshot(survivor, others),
            merged_by=editor if editor is not None and editor.is_authenticated else None,
        )
        merge_speakers(survivor, others)
        record.save()
    return record


def undo_merge(record: MergeRecord, *, editor) -> list[Speaker]:
    """Split a merge: the folded speakers come back with their ids, slugs, names, aliases,
    roles and quotes, their slugs stop redirecting, and the survivor keeps only what it had
    and what came to it since. A quote an editor gave to someone else since stays there."""
    if record.undone_at is not None:
        raise ValidationError("This merge has already been undone.")
    moved = record.moved
    survivor = Speaker.objects.filter(pk=moved["survivor"]["id"]).first()
    if survivor is None:
        raise ValidationError(
            f"{record.survivor_name} is no longer a speaker (merged into another since?): undo that merge first."
        )
    with transaction.atomic():
        restored, article_ids = [], set()
        for folded in moved["speakers"]:
            fields = folded["fields"]
            if Speaker.objects.filter(slug=fields["slug"]).exists():
                raise ValidationError(f"The address {fields['slug']} names another speaker now: rename it first.")
            # the editor said these are not that person: resolution never folds it back (speakers.py)
            speaker = Speaker(**{**fields, "confirmed": True})
            speaker.save(force_insert=True)
            SpeakerRedirect.objects.filter(old_slug=fields["slug"]).delete()
            SpeakerRedirect.objects.filter(old_slug__in=folded["redirects"]).update(speaker=speaker)
            for name in folded["aliases"]:
                SpeakerAlias(speaker=speaker, name=name).save()
            for role in folded["roles"]:
                SpeakerRole(speaker=speaker, **_role_from_json(role)).save()
            quotes = Quote.all_objects.filter(pk__in=folded["quotes"], speaker=survivor)
            article_ids |= set(quotes.values_list("article_id", flat=True))
            quotes.update(speaker=speaker)
            restored.append(speaker)
        _give_back(survivor, moved)
        record.survivor = survivor  # a later merge's undo may have brought it back
        record.undone_at = timezone.now()
        record.undone_by = editor if editor is not None and editor.is_authenticated else None
        record.save(update_fields=["survivor", "undone_at", "undone_by"])
        reindex_after_commit(sorted(article_ids))
    return restored


def _give_back(survivor: Speaker, moved: dict) -> None:
    """Take from the survivor the names and roles the merge gave it; its own roles get their dates back."""
    had = moved["survivor"]
    brought = {name for folded in moved["speakers"] for name in [folded["fields"]["name"], *folded["aliases"]]}
    SpeakerAlias.objects.filter(speaker=survivor, name__in=brought - set(had["aliases"])).delete()
    own_roles = {role["key"]: role for role in had["roles"]}
    brought_roles = {role["key"] for folded in moved["speakers"] for role in folded["roles"]}
    for role in SpeakerRole.objects.filter(speaker=survivor, key__in=brought_roles):
        if role.key not in own_roles:
            role.delete()
        else:
            before = _role_from_json(own_roles[role.key])
            role.start, role.end = before["start"], before["end"]
            role.save(update_fields=["start", "end"])


def _snapshot(survivor: Speaker, others) -> dict:
    return {
        "survivor": {
            "id": survivor.pk,
            "aliases": list(survivor.aliases.values_list("name", flat=True)),
            "roles": [_role_to_json(role) for role in survivor.roles.all()],
        },
        "speakers": [
            {
                # Every column, so fields added later come back too.
                "fields": {field.attname: getattr(other, field.attname) for field in Speaker._meta.concrete_fields},
                "aliases": list(other.aliases.values_list("name", flat=True)),
                "roles": [_role_to_json(role) for role in other.roles.all()],
                "quotes": list(Quote.all_objects.filter(speaker=other).values_list("pk", flat=True)),
                "redirects": list(other.redirects.values_list("old_slug", flat=True)),
            }
            for other in others
        ],
    }


def _role_to_json(role: SpeakerRole) -> dict:
    return {
        "key": role.key,
        "title": role.title,
        "start": role.start.isoformat() if role.start else None,
        "end": role.end.isoformat() if role.end else None,
    }


def _role_from_json(role: dict) -> dict:
    return {
        "title": role["title"],
        "start": datetime.date.fromisoformat(role["start"]) if role["start"] else None,
        "end": datetime.date.fromisoformat(role["end"]) if role["end"] else None,
    }
