"""Reads that the pages, the API, the feeds and the exports share."""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse

from .models import Speaker, SpeakerRedirect


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
