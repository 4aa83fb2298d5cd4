"""Thin views: pages for readers and researchers, over the forms and QuerySets."""

import re

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView
from haystack.generic_views import SearchView

from . import citations, timeline
from .forms import ArchiveSearchForm, QuoteSearchForm, SpeakerListForm, TypedInput
from .ingest.escalation import SHOWN_ACT_LABELS, sentence_around
from .lookup import find_speaker, suggested_speakers
from .models import Article, Quote
from .search import PARTIAL_HEADER, search_was_partial
from .selectors import (
    FEW_RESULTS,
    as_cards,
    collapse_copies,
    did_you_mean,
    listed_speakers,
    moved_filter,
    moved_speaker,
    page_of,
    quote_counts,
    quote_lineage,
    results_as_objects,
    shown_roles,
    speaker_by_slug,
    speaker_quote_counts,
    speakers_in_order,
)
from .templating import query_with


def shown_role_on(speaker, date) -> str:
    """The speaker's role on a date, unless the pages' rules drop it (selectors.shown_roles)."""
    if speaker is None:
        return ""
    role = speaker.role_on(date)
    return role if role in shown_roles([speaker])[speaker.pk] else ""


def page_labels(sort: str, searched: bool) -> tuple[str, str]:
    """What the previous and next pages hold, in the list's order."""
    if sort == "oldest":
        return "← Earlier", "Later →"
    if sort == "quotes":
        return "← More quoted", "Less quoted →"
    if sort == "name":
        return "← Previous names", "Next names →"
    if searched and sort != "newest":
        return "← Better matches", "Weaker matches →"
    return "← Newer", "Older →"


class NearestPage:
    """Pagination for pages: a number out of range or not a number shows the nearest page, never an error."""

    known_count = None  # how many items there are, when the page has counted them already

    def paginate_queryset(self, queryset, page_size):
        page = page_of(queryset, self.request.GET.get(self.page_kwarg), page_size, count=self.known_count)
        return page.paginator, page, page.object_list, page.has_other_pages()


class ArchiveSearchView(NearestPage, SearchView):
    """Search with filters; invalid parameters are shown back with their message."""

    form_class = ArchiveSearchForm
    template_name = "search/search.html"

    def get_form_kwargs(self):
        return {"data": self.request.GET, "load_all": True}

    def form_valid(self, form):
        return moved_filter(self.request, form) or super().form_valid(form)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, object_list=[]))

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("partial"):
            response[PARTIAL_HEADER] = "true"
        return response

    def get_context_data(self, **kwargs):
        if "object_list" in kwargs:
            kwargs["object_list"] = as_cards(kwargs["object_list"])
        context = super().get_context_data(**kwargs)
        objects = results_as_objects(context["page_obj"].object_list) if context.get("page_obj") else []
        context["results"] = collapse_copies(objects)
        context["collapsed"] = len(objects) - len(context["results"])  # the count says why a page is short
        context["partial"] = search_was_partial(kwargs.get("object_list"))
        form = context["form"]
        valid = form.is_bound and form.is_valid()
        context["query"] = form.cleaned_data.get("q", "") if valid else ""
        querystring = self.request.GET.copy()
        querystring.pop(self.page_kwarg, None)
        context["querystring"] = querystring.urlencode()
        context["datalists"] = form.datalists()
        context["page_labels"] = page_labels(form.cleaned_data.get("sort") if valid else "", bool(context["query"]))
        page = context.get("page_obj")
        if context["query"] and not context["partial"] and (page is None or page.paginator.count < FEW_RESULTS):
            # Off the path of a search that finds plenty: only a search finding little pays for it.
            suggestion = did_you_mean(context["query"])
            if suggestion:
                context["did_you_mean"] = (suggestion, query_with(self.request, q=suggestion))
        return context


class QuoteListView(ArchiveSearchView):
    form_class = QuoteSearchForm
    template_name = "archive/quote_list.html"


# The fields of a speaker page that leave every quote of the speaker listed.
UNNARROWED = ("speaker", "sort")


class SpeakerDetailView(QuoteListView):
    """Every quote by one speaker, newest first, searchable within."""

    template_name = "archive/speaker_detail.html"

    def get(self, request, *args, **kwargs):
        speaker, moved = speaker_by_slug(kwargs["slug"])
        if speaker is None:
            raise Http404("No such speaker.")
        if moved:
            return moved_speaker(request, "speaker-detail", speaker)
        self.speaker = speaker
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        data = self.request.GET.copy()
        data["speaker"] = self.speaker.slug
        return {"data": data, "load_all": True}

    def get_context_data(self, **kwargs):
        drawn = timeline.build(timeline.speaker_codes(self.speaker))
        form = kwargs["form"]
        if form.is_valid() and not any(value for name, value in form.cleaned_data.items() if name not in UNNARROWED):
            self.known_count = drawn.total  # every quote of the speaker: the timeline has counted them
        context = super().get_context_data(
            speaker=self.speaker,
            roles=shown_roles([self.speaker])[self.speaker.pk],
            timeline=drawn,
            **kwargs,
        )
        export_query = self.request.GET.copy()
        export_query.pop(self.page_kwarg, None)
        export_query["speaker"] = self.speaker.slug
        context["export_querystring"] = export_query.urlencode()
        return context


class CompareForm(forms.Form):
    """Two speakers, typed as a person would (lookup.find_speaker)."""

    a = forms.CharField(max_length=300, label="Speaker", widget=TypedInput("speaker-names", "Putin"))
    b = forms.CharField(max_length=300, label="and speaker", widget=TypedInput("speaker-names", "Zelensky"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.found, self.moved = {}, {}

    def _speaker(self, name):
        found = self.found[name] = find_speaker(self.cleaned_data[name])
        if found.match is None:
            raise forms.ValidationError(found.message)
        if found.moved:
            self.moved[name] = found.match.slug
        return found.match

    def clean_a(self):
        return self._speaker("a")

    def clean_b(self):
        return self._speaker("b")


class SpeakerCompareView(TemplateView):
    """Two speakers' timelines on one time axis and one scale, with their acts side by side."""

    template_name = "archive/speaker_compare.html"

    def get(self, request, *args, **kwargs):
        self.form = CompareForm(request.GET or None)
        if self.form.is_valid() and self.form.moved:
            return moved_filter(request, self.form)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        form = self.form
        context = super().get_context_data(form=form, datalists={"speaker-names": suggested_speakers()}, **kwargs)
        if form.is_valid():
            speakers = [form.cleaned_data["a"], form.cleaned_data["b"]]
            codes = [timeline.speaker_codes(speaker) for speaker in speakers]
            span = timeline.date_range(*codes)
            peak = max(timeline.peak_of(speaker_codes, span) for speaker_codes in codes)
            timelines = [timeline.build(speaker_codes, span, peak) for speaker_codes in codes]
            context["columns"] = list(zip(speakers, timelines))
            context["acts"] = [
                (label, [dict((act, n) for act, _, n in line.totals).get(act, 0) for line in timelines])
                for act, label in SHOWN_ACT_LABELS.items()
            ]
        return context


class HomeView(TemplateView):
    template_name = "archive/home.html"

    def get_context_data(self, **kwargs):
        # The ten latest first, then their quotes counted: counting in the same query counted
        # every article's quotes before taking ten (2.7 s CPU at 5,000 articles, now 20 ms).
        articles = list(Article.objects.with_related().latest_first()[:10])
        counts = quote_counts(article.pk for article in articles)
        for article in articles:
            article.quote_count = counts.get(article.pk, 0)
        return super().get_context_data(
            articles=articles,
            speakers=[
                speaker for speaker in speakers_in_order(list(speaker_quote_counts())[:10]) if speaker.quote_count
            ],
            form=ArchiveSearchForm(),
            **kwargs,
        )


class ArticleDetailView(DetailView):
    queryset = Article.objects.with_related()
    context_object_name = "article"

    def get_context_data(self, **kwargs):
        # By place in the text: the models' order, by article date first, joined and sorted for nothing.
        quotes = list(self.object.quotes.select_related("speaker").order_by("start"))
        return super().get_context_data(
            paragraphs=marked_paragraphs(self.object, quotes),
            quotes=quotes,
            citation_meta=citations.highwire(self.object, self.request.build_absolute_uri()),
            **kwargs,
        )


def article_raw(request, pk):
    """The text exactly as it was received."""
    article = get_object_or_404(Article, pk=pk)
    response = HttpResponse(article.raw_text, content_type="text/plain; charset=utf-8")
    response["X-Content-SHA256"] = article.raw_sha256
    return response


CLOSING_MARK = re.compile("[\"”’»']{1,2}")


def marked_paragraphs(article, quotes):
    """The body as paragraphs of pieces: plain text, or a quote to mark up."""
    quotes = sorted(quotes, key=lambda q: q.start)
    paragraphs = []
    for offset, paragraph in article.paragraphs():
        end_of_paragraph = offset + len(paragraph)
        pieces, cursor = [], offset
        for quote in quotes:
            if quote.start < cursor or quote.end > end_of_paragraph:
                continue
            # The closing mark goes before the speaker label, not after it.
            closing = CLOSING_MARK.match(article.body, quote.end, end_of_paragraph)
            after = closing.end() if closing else quote.end
            pieces.append({"text": article.body[cursor : quote.start]})
            pieces.append({"text": quote.text, "quote": quote, "closing": article.body[quote.end : after]})
            cursor = after
        pieces.append({"text": article.body[cursor:end_of_paragraph]})
        paragraphs.append([piece for piece in pieces if piece["text"]])
    return paragraphs


class SpeakerListView(NearestPage, ListView):
    """Every speaker, most quoted first or by name, or those matching a typed name."""

    template_name = "archive/speaker_list.html"
    paginate_by = 50
    context_object_name = "speakers"

    def get_queryset(self):
        self.form = SpeakerListForm(self.request.GET)
        return listed_speakers(**self.form.cleaned_data) if self.form.is_valid() else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        speakers = speakers_in_order(context["page_obj"].object_list)
        sort = self.form.cleaned_data.get("sort", "") if self.form.is_valid() else ""
        querystring = self.request.GET.copy()
        querystring.pop(self.page_kwarg, None)
        context.update(
            form=self.form,
            speakers=speakers,
            roles=shown_roles(speakers),
            querystring=querystring.urlencode(),
            page_labels=page_labels("name" if sort == "name" else "quotes", False),
        )
        return context


class QuoteDetailView(DetailView):
    # The speaker's roles are read four times (the role shown, shown_roles, APA, BibTeX): once here.
    queryset = Quote.objects.with_related().prefetch_related("speaker__roles")
    context_object_name = "quote"

    def get_context_data(self, **kwargs):
        paragraph, start, end = self.object.paragraph()
        first, last = sentence_around(paragraph, start, end)
        permalink = self.request.build_absolute_uri(self.object.get_absolute_url())
        return super().get_context_data(
            before=paragraph[first:start],
            after=paragraph[end:last].rstrip(),
            cut_before=first > 0,
            cut_after=last < len(paragraph),
            role=shown_role_on(self.object.speaker, self.object.article.published),
            citation_meta=citations.highwire(self.object.article, permalink),
            permalink=permalink,
            apa=citations.apa(self.object, permalink),
            bibtex=citations.bibtex(self.object, permalink),
            lineage=quote_lineage(self.object),
            **kwargs,
        )
