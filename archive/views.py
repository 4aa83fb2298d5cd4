"""Thin views: pages for readers and researchers, over the forms and QuerySets."""

import re

from django import forms
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView
from haystack.generic_views import SearchView

from . import citations, timeline
from .forms import ArchiveSearchForm, QuoteSearchForm
from .ingest.escalation import SHOWN_ACT_LABELS
from .ingest.lineage import wording_differences
from .models import Article, Quote, Speaker
from .search import PARTIAL_HEADER, search_was_partial
from .selectors import moved_speaker, speaker_by_slug


def results_as_objects(page_items):
    """Search results and model instances alike, as model instances, in order."""
    objects = []
    for item in page_items:
        obj = getattr(item, "object", item) if hasattr(item, "model_name") else item
        if obj is not None:  # the index may briefly hold a document the database just deleted
            objects.append(obj)
    return objects


def collapse_copies(objects):
    """A page of results with each group of copies shown once, at its first
    appearance; each shown object gets `copies`, how many others its group holds."""
    shown, seen = [], set()
    for obj in objects:
        key = (obj._meta.model_name, obj.group_id)
        if obj.group_id is None or key not in seen:
            seen.add(key)
            shown.append(obj)
    for model in (Quote, Article):
        group_ids = {obj.group_id for obj in shown if isinstance(obj, model) and obj.group_id}
        sizes = {}
        if group_ids:
            sizes = dict(model.objects.filter(group_id__in=group_ids).values_list("group_id").annotate(n=Count("pk")))
        for obj in shown:
            if isinstance(obj, model):
                obj.copies = max(sizes.get(obj.group_id, 1) - 1, 0)
    return shown


class ArchiveSearchView(SearchView):
    """Search with filters; invalid parameters are shown back with their message."""

    form_class = ArchiveSearchForm
    template_name = "search/search.html"

    def get_form_kwargs(self):
        return {"data": self.request.GET, "load_all": True}

    def paginate_queryset(self, queryset, page_size):
        # A page number out of range or not a number shows the nearest page, never an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, object_list=[]))

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("partial"):
            response[PARTIAL_HEADER] = "true"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objects = results_as_objects(context["page_obj"].object_list) if context.get("page_obj") else []
        context["results"] = collapse_copies(objects)
        context["partial"] = search_was_partial(kwargs.get("object_list"))
        form = context["form"]
        context["query"] = form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else ""
        querystring = self.request.GET.copy()
        querystring.pop(self.page_kwarg, None)
        context["querystring"] = querystring.urlencode()
        return context


class QuoteListView(ArchiveSearchView):
    form_class = QuoteSearchForm
    template_name = "archive/quote_list.html"


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
        context = super().get_context_data(
            speaker=self.speaker,
            timeline=timeline.build(timeline.speaker_codes(self.speaker)),
            compare_choices=Speaker.objects.most_quoted().exclude(pk=self.speaker.pk)[:100],
            **kwargs,
        )
        export_query = self.request.GET.copy()
        export_query.pop(self.page_kwarg, None)
        export_query["speaker"] = self.speaker.slug
        context["export_querystring"] = export_query.urlencode()
        return context


class CompareForm(forms.Form):
    a = forms.SlugField(max_length=300, label="Speaker")
    b = forms.SlugField(max_length=300, label="and speaker")

    def _speaker(self, field):
        slug = self.cleaned_data[field]
        speaker = Speaker.objects.filter(slug=slug).first()
        if speaker is None:
            raise forms.ValidationError(f"No speaker “{slug}” in the archive.")
        return speaker

    def clean_a(self):
        return self._speaker("a")

    def clean_b(self):
        return self._speaker("b")


class SpeakerCompareView(TemplateView):
    """Two speakers' timelines on one time axis, with their acts side by side."""

    template_name = "archive/speaker_compare.html"

    def get_context_data(self, **kwargs):
        form = CompareForm(self.request.GET or None)
        context = super().get_context_data(form=form, **kwargs)
        if form.is_valid():
            speakers = [form.cleaned_data["a"], form.cleaned_data["b"]]
            codes = [timeline.speaker_codes(speaker) for speaker in speakers]
            span = timeline.date_range(*codes)
            timelines = [timeline.build(speaker_codes, span) for speaker_codes in codes]
            context["columns"] = list(zip(speakers, timelines))
            context["acts"] = [
                (label, [dict((act, n) for act, _, n in line.totals).get(act, 0) for line in timelines])
                for act, label in SHOWN_ACT_LABELS.items()
            ]
        return context


class HomeView(TemplateView):
    template_name = "archive/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            articles=Article.objects.with_related().with_quote_count().latest_first()[:10],
            speakers=Speaker.objects.most_quoted()[:10],
            form=ArchiveSearchForm(),
            **kwargs,
        )


class ArticleDetailView(DetailView):
    queryset = Article.objects.with_related()
    context_object_name = "article"

    def get_context_data(self, **kwargs):
        quotes = list(self.object.quotes.select_related("speaker"))
        return super().get_context_data(paragraphs=marked_paragraphs(self.object, quotes), quotes=quotes, **kwargs)


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


class SpeakerListView(ListView):
    queryset = Speaker.objects.with_quote_count().prefetch_related("roles").order_by("-quote_count", "name")
    paginate_by = 50
    context_object_name = "speakers"

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class QuoteDetailView(DetailView):
    queryset = Quote.objects.with_related()
    context_object_name = "quote"

    def get_context_data(self, **kwargs):
        paragraph, start, end = self.object.paragraph()
        permalink = self.request.build_absolute_uri(self.object.get_absolute_url())
        return super().get_context_data(
            before=paragraph[:start],
            after=paragraph[end:],
            permalink=permalink,
            apa=citations.apa(self.object, permalink),
            bibtex=citations.bibtex(self.object, permalink),
            lineage=quote_lineage(self.object),
            **kwargs,
        )


def quote_lineage(quote):
    """Every outlet that carried a quote, earliest first, with where each copy's wording differs
    from the earliest; None when no other article carried it."""
    if quote.group_id is None:
        return None
    copies = list(Quote.objects.with_related().filter(group_id=quote.group_id).earliest_first())
    if len(copies) < 2:
        return None
    earliest = copies[0]
    return [
        {
            "quote": copy,
            "earliest": copy == earliest,
            "pieces": None
            if copy == earliest or copy.text == earliest.text
            else wording_differences(earliest.text, copy.text),
        }
        for copy in copies
    ]
