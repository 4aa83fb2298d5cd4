"""Atom feeds through Django's syndication framework: any quote search, and each speaker."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .forms import QuoteSearchForm, error_message
from .selectors import moved_filter, moved_speaker, quote_data, results_as_objects, speaker_by_slug

FEED_SIZE = 50


@dataclass(frozen=True, kw_only=True)
class FeedItem:
    """One entry: the quote, and what the API says of it (the one serialiser)."""

    quote: object
    data: dict


@dataclass(frozen=True)
class FeedQuery:
    """What one request asks a feed for (the Feed instance is shared by every request)."""

    form: QuoteSearchForm
    absolute: Callable[[str], str]  # request.build_absolute_uri
    title: str
    link: str
    subtitle: str


def _search_form(data) -> QuoteSearchForm:
    data.pop("page", None)
    data["sort"] = "newest"  # a feed is newest first whatever the page sorts by
    return QuoteSearchForm(data, load_all=True)


def _bad_request(form):
    return HttpResponseBadRequest(error_message(form), content_type="text/plain; charset=utf-8")


def quote_feed(request):
    """/quotes/feed/: a malformed parameter gets HTTP 400 and the message, as the API does."""
    form = _search_form(request.GET.copy())
    if not form.is_valid():
        return _bad_request(form)
    return moved_filter(request, form) or QuoteSearchFeed()(request, form=form)


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
        words += [
            f"{name}={getattr(value, 'name', value)}"
            for name, value in form.cleaned_data.items()
            if value and name not in ("q", "sort")
        ]
        query = request.GET.urlencode()
        return FeedQuery(
            form=form,
            absolute=request.build_absolute_uri,
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
        quotes = results_as_objects(query.form.search()[:FEED_SIZE])
        return [FeedItem(quote=quote, data=quote_data(quote, query.absolute)) for quote in quotes]

    def item_title(self, item):
        text = item.data["text"]
        text = text if len(text) <= 100 else text[:99] + "…"
        return f"{item.quote.speaker_label()}: “{text}”"

    def item_description(self, item):
        data, article = item.data, item.data["article"]
        escalation = data["escalation"]
        codes = ", ".join([item.quote.get_shown_act_display(), *escalation["weapons"], *escalation["targets"]])
        outlet = article["source"] or "unknown outlet"
        return f"“{data['text']}” — {item.quote.speaker_label()}, in “{article['title']}”, {outlet}. Coded: {codes}."

    def item_link(self, item):
        return item.data["url"]

    def item_pubdate(self, item):
        published = item.quote.article.published
        if published is None:
            return item.quote.article.created
        return datetime.datetime.combine(published, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_author_name(self, item):
        return item.quote.speaker_label()

    def item_categories(self, item):
        escalation = item.data["escalation"]
        return [escalation["act"], *escalation["weapons"], *escalation["targets"]]


class SpeakerFeed(QuoteSearchFeed):
    """A speaker's newest quotes: /speakers/<slug>/feed/ (it takes q, act, weapon, target... too)."""

    def get_object(self, request, form, speaker):
        return FeedQuery(
            form=form,
            absolute=request.build_absolute_uri,
            title=f"{speaker.name} in Redline",
            link=speaker.get_absolute_url(),
            subtitle=f"The newest quotes by {speaker.name} in the Redline archive.",
        )
