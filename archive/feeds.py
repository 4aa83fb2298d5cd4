"""Atom feeds through Django's syndication framework: any quote search, and each speaker."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .forms import QuoteSearchForm
from .selectors import moved_speaker, speaker_by_slug
from .views import results_as_objects

FEED_SIZE = 50


@dataclass(frozen=True)
class FeedQuery:
    """What one request asks a feed for (the Feed instance is shared by every request)."""

    form: QuoteSearchForm
    title: str
    link: str
    subtitle: str


def _search_form(data) -> QuoteSearchForm:
    data.pop("page", None)
    data["sort"] = "newest"  # a feed is newest first whatever the page sorts by
    return QuoteSearchForm(data, load_all=True)


def _bad_request(form):
    message = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def quote_feed(request):
    """/quotes/feed/: a malformed parameter gets HTTP 400 and the message, as the API does."""
    form = _search_form(request.GET.copy())
    if not form.is_valid():
        return _bad_request(form)
    return QuoteSearchFeed()(request, form=form)


def speaker_feed(request, slug):
    speaker, moved = speaker_by_slug(slug)
    if speaker is None:
        raise Http404("No such speaker.")
    if moved:
        return moved_speaker(request, "speaker-feed", speaker)
    data = request.GET.copy()
    data["speaker"] = slug
    form = _search_form(data)
    if not form.is_valid():
        return _bad_request(form)
    return SpeakerFeed()(request, form=form, speaker=speaker)


class QuoteSearchFeed(Feed):
    """The newest quotes matching a search: /quotes/feed/ takes /quotes/'s parameters."""

    feed_type = Atom1Feed

    def get_object(self, request, form):
        words = [f"“{form.cleaned_data['q']}”"] if form.cleaned_data["q"] else []
        words += [f"{name}={value}" for name, value in form.cleaned_data.items() if value and name not in ("q", "sort")]
        query = request.GET.urlencode()
        return FeedQuery(
            form=form,
            title="Redline quotes" + (": " + ", ".join(words) if words else ""),
            link=reverse("quote-list") + (f"?{query}" if query else ""),
            subtitle="The newest quotes in the Redline archive matching this search.",
        )

    def title(self, query):
        return query.title

    def link(self, query):
        return query.link

    def subtitle(self, query):
        return query.subtitle

    def items(self, query):
        return results_as_objects(query.form.search()[:FEED_SIZE])

    def item_title(self, quote):
        text = quote.text if len(quote.text) <= 100 else quote.text[:99] + "…"
        return f"{quote.speaker_label()}: “{text}”"

    def item_description(self, quote):
        article = quote.article
        outlet = article.source.name if article.source else "unknown outlet"
        codes = ", ".join([quote.get_shown_act_display(), *quote.weapons, *quote.targets])
        return f"“{quote.text}” — {quote.speaker_label()}, in “{article.title}”, {outlet}. Coded: {codes}."

    def item_link(self, quote):
        return quote.get_absolute_url()

    def item_pubdate(self, quote):
        published = quote.article.published
        if published is None:
            return quote.article.created
        return datetime.datetime.combine(published, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, quote):
        return self.item_pubdate(quote)

    def item_author_name(self, quote):
        return quote.speaker_label()

    def item_categories(self, quote):
        return [quote.shown_act, *quote.weapons, *quote.targets]


class SpeakerFeed(QuoteSearchFeed):
    """A speaker's newest quotes: /speakers/<slug>/feed/ (it takes q, act, weapon, target... too)."""

    def get_object(self, request, form, speaker):
        return FeedQuery(
            form=form,
            title=f"{speaker.name} in Redline",
            link=speaker.get_absolute_url(),
            subtitle=f"The newest quotes by {speaker.name} in the Redline archive.",
        )
