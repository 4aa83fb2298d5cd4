"""Thin views: pages for readers and researchers, over the forms and QuerySets."""

import re

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView
from haystack.generic_views import SearchView

from .forms import ArchiveSearchForm, QuoteSearchForm
from .models import Article, Quote, Speaker


def results_as_objects(page_items):
    """Search results and model instances alike, as model instances, in order."""
    objects = []
    for item in page_items:
        obj = getattr(item, "object", item) if hasattr(item, "model_name") else item
        if obj is not None:  # the index may briefly hold a document the database just deleted
            objects.append(obj)
    return objects


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["results"] = results_as_objects(context["page_obj"].object_list) if context.get("page_obj") else []
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
        self.speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases", "roles"), slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        data = self.request.GET.copy()
        data["speaker"] = self.speaker.slug
        return {"data": data, "load_all": True}

    def get_context_data(self, **kwargs):
        return super().get_context_data(speaker=self.speaker, **kwargs)


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
        return super().get_context_data(
            before=paragraph[:start],
            after=paragraph[end:],
            permalink=self.request.build_absolute_uri(self.object.get_absolute_url()),
            **kwargs,
        )
