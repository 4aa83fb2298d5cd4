"""The editors' speaker screens: a lookup that tells namesakes apart, merging with a
confirmation page, undoing a merge, and the list of likely duplicates."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import services
from .ingest.duplicates import KnownSpeaker, likely_duplicates
from .ingest.speakers import speaker_key
from .models import MergeRecord, Quote, Speaker, SpeakerAlias

LOOKUP_LIMIT = 10
PAIRS_PER_PAGE = 50


def latest_role(speaker: Speaker) -> str:
    """The role the speaker was last seen in (roles prefetched)."""
    roles = list(speaker.roles.all())
    if not roles:
        return ""
    return max(roles, key=lambda role: (role.end or role.start or datetime.date.min, role.title)).title


def choice_label(speaker: Speaker) -> str:
    """ "Joe Biden — US President · 120 quotes": namesakes told apart by role and weight."""
    role = latest_role(speaker)
    count = getattr(speaker, "quote_count", None)
    parts = [speaker.name + (f" — {role}" if role else "")]
    if count is not None:
        parts.append(f"{count} quote{'s' if count != 1 else ''}")
    parts.append(speaker.slug)
    return " · ".join(parts)


def speaker_choices(term: str, *, limit: int = LOOKUP_LIMIT) -> list[Speaker]:
    """Speakers a typed name may mean: by name, alias, slug or folded key; most quoted first."""
    term = term.strip()[:200]
    if not term:
        return []
    matches = Q(name__icontains=term) | Q(slug=term) | Q(aliases__name__icontains=term)
    key = speaker_key(term)
    if key:
        matches |= Q(aliases__key__contains=key)
    ids = Speaker.objects.filter(matches).values("pk")
    return list(
        Speaker.objects.filter(pk__in=ids)
        .with_quote_count()
        .prefetch_related("roles")
        .order_by("-quote_count", "name")[:limit]
    )


def known_speakers() -> list[KnownSpeaker]:
    """Every speaker as the duplicate finder sees it: three queries, whatever the archive's size."""
    quotes = dict(
        Quote.objects.filter(speaker__isnull=False).values_list("speaker_id").annotate(n=Count("id")).order_by()
    )
    aliases: dict[int, set[str]] = defaultdict(set)
    for speaker_id, key in SpeakerAlias.objects.values_list("speaker_id", "key").order_by():
        if key:
            aliases[speaker_id].add(key)
    return [
        KnownSpeaker(
            id=pk,
            key=speaker_key(name),
            alias_keys=frozenset(aliases[pk]),
            person=kind == Speaker.Kind.PERSON,
            quotes=quotes.get(pk, 0),
        )
        for pk, name, kind in Speaker.objects.values_list("pk", "name", "kind").order_by()
    ]


def _speaker_ids(values) -> list[int]:
    ids = []
    for value in values:
        for part in str(value).split(","):
            if part.strip().isdigit():
                ids.append(int(part))
    return list(dict.fromkeys(ids))


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


class SpeakerEditorViews:
    """Views added to SpeakerAdmin: lookup, merge confirmation, likely duplicates."""

    def editor_urls(self):
        view = self.admin_site.admin_view
        return [
            path("lookup/", view(self.lookup_view), name="archive_speaker_lookup"),
            path("merge/", view(self.merge_view), name="archive_speaker_merge"),
            path("duplicates/", view(self.duplicates_view), name="archive_speaker_duplicates"),
        ]

    def lookup_view(self, request):
        """JSON for the review screen's speaker field: name, role, quote count."""
        if not (request.user.has_perm("archive.view_speaker") or request.user.has_perm("archive.change_quote")):
            raise PermissionDenied
        return JsonResponse(
            {
                "results": [
                    {
                        "id": speaker.pk,
                        "name": speaker.name,
                        "slug": speaker.slug,
                        "role": latest_role(speaker),
                        "quotes": speaker.quote_count,
                        "label": choice_label(speaker),
                    }
                    for speaker in speaker_choices(request.GET.get("q", ""))
                ]
            }
        )

    def merge_view(self, request):
        """GET: what a merge would move, the survivor chosen by the editor. POST: merge, recorded."""
        if not request.user.has_perm("archive.change_speaker"):
            raise PermissionDenied
        source = request.POST if request.method == "POST" else request.GET
        ids = _speaker_ids(source.getlist("ids"))
        speakers = list(Speaker.objects.filter(pk__in=ids).with_quote_count().prefetch_related("roles", "aliases"))
        changelist = reverse("admin:archive_speaker_changelist")
        if len(speakers) < 2:
            self.message_user(request, "Choose at least two speakers to merge.", messages.WARNING)
            return HttpResponseRedirect(_safe_next(request, changelist))
        speakers.sort(key=lambda s: (-s.quote_count, s.pk))
        chosen = source.get("survivor", "")
        survivor = next((s for s in speakers if str(s.pk) == chosen), speakers[0])
        others = [s for s in speakers if s.pk != survivor.pk]
        if request.method == "POST":
            # The slugs and names the others had, for the history, before they are gone.
            self.log_deletions(request, Speaker.objects.filter(pk__in=[other.pk for other in others]))
            record = services.merge_recorded(survivor, others, editor=request.user)
            self.log_change(
                request,
                survivor,
                f"Merged in {record.merged_names} (speaker merge {record.pk}; undo it from this history).",
            )
            self.message_user(
                request,
                f"Merged {record.merged_names} into {survivor.name}. Their addresses now lead to "
                f"/speakers/{survivor.slug}/; undo it from {survivor.name}’s history.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                _safe_next(request, reverse("admin:archive_speaker_change", args=[survivor.pk]))
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Merge {len(speakers)} speakers",
            "speakers": speakers,
            "survivor": survivor,
            "plan": services.merge_plan(survivor, others),
            "moved_quotes": sum(item.quotes for item in services.merge_plan(survivor, others)),
            "next": _safe_next(request, ""),
            "ids": ",".join(str(s.pk) for s in speakers),
        }
        return TemplateResponse(request, "admin/archive/speaker/merge_confirm.html", context)

    def duplicates_view(self, request):
        """Speaker pairs that look like one person, each a click from its merge confirmation."""
        if not request.user.has_perm("archive.change_speaker"):
            raise PermissionDenied
        pairs = likely_duplicates(known_speakers())
        page = Paginator(pairs, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
        shown = (
            Speaker.objects.with_quote_count()
            .prefetch_related("roles")
            .in_bulk([pk for pair in page for pk in (pair.first, pair.second)])
        )
        rows = [
            {"first": shown[pair.first], "second": shown[pair.second], "reason": pair.reason}
            for pair in page
            if pair.first in shown and pair.second in shown
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Likely duplicate speakers",
            "rows": rows,
            "page_obj": page,
            "pair_count": len(pairs),
        }
        return TemplateResponse(request, "admin/archive/speaker/duplicates.html", context)


class MergeUndoViews:
    """The undo button of a recorded merge (MergeRecordAdmin and a speaker's history)."""

    def editor_urls(self):
        return [
            path("<int:pk>/undo/", self.admin_site.admin_view(require_POST(self.undo_view)), name="archive_merge_undo")
        ]

    def undo_view(self, request, pk):
        if not request.user.has_perm("archive.change_speaker"):
            raise PermissionDenied
        record = get_object_or_404(MergeRecord, pk=pk)
        speaker_admin = self.admin_site.get_model_admin(Speaker)
        try:
            restored = services.undo_merge(record, editor=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(_safe_next(request, reverse("admin:archive_mergerecord_changelist")))
        for speaker in restored:
            speaker_admin.log_addition(request, speaker, f"Restored by undoing speaker merge {record.pk}.")
        survivor = Speaker.objects.get(pk=record.moved["survivor"]["id"])
        speaker_admin.log_change(request, survivor, f"Undid speaker merge {record.pk} ({record.merged_names}).")
        self.message_user(
            request,
            f"Undid the merge of {record.merged_names} into {survivor.name}: each has its quotes, names and address back.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(_safe_next(request, reverse("admin:archive_speaker_history", args=[survivor.pk])))
