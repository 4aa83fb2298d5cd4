"""Thin views: pages for readers and researchers, over the forms and QuerySets."""

import re

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView
from haystack.generic_views import SearchView

from . import citations, timeline
from .forms import ArchiveSearchForm, QuoteSearchForm
from .ingest.escalation import SHOWN_ACT_LABELS
from .models import Article, Quote, Speaker
from .search import PARTIAL_HEADER, search_was_partial
from .selectors import collapse_copies, moved_speaker, page_of, quote_lineage, results_as_objects, speaker_by_slug


class NearestPage:
    """Pagination for pages: a number out of range or not a number shows the nearest page, never an error."""

    def paginate_queryset(self, queryset, page_size):
        page = page_of(queryset, self.request.GET.get(self.page_kwarg), page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()


class ArchiveSearchView(NearestPage, SearchView):
    """Search with filters; invalid parameters are shown back with their message."""

    form_class = ArchiveSearchForm
    template_name = "search/search.html"

    def get_form_kwargs(self):
        return {"data": self.request.GET, "load_all": True}

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


class SpeakerListView(NearestPage, ListView):
    queryset = Speaker.objects.with_quote_count().prefetch_related("roles").order_by("-quote_count", "name")
    paginate_by = 50
    context_object_name = "speakers"


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
