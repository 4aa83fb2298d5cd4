"""The JSON API: the same filters as the pages, in the shapes the README documents."""

from django.core.paginator import InvalidPage
from django.http import JsonResponse

from .forms import ArticleSearchForm, QuoteSearchForm, error_message, form_errors
from .models import Speaker
from .search import PARTIAL_HEADER, search_was_partial
from .selectors import article_data, page_of, quote_counts, quote_data, results_as_objects, speaker_data

PAGE_SIZE = 20


def _error(message, status=400, errors=None):
    return JsonResponse({"error": message, "errors": errors or {}}, status=status)


def _form_error(form):
    return _error(error_message(form), errors=form_errors(form))


def _page(request, items):
    """One page of items and the URL of the next, or an error response."""
    try:
        page = page_of(items, request.GET.get("page"), PAGE_SIZE, strict=True)
    except InvalidPage:
        message = "page must be a whole number from 1 to the last page."
        return None, None, _error(message, errors={"page": [message]})
    next_url = None
    if page.has_next():
        params = request.GET.copy()
        params["page"] = page.next_page_number()
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return page, next_url, None


def _search_page(body: dict, search) -> JsonResponse:
    """A page of search results; `"partial": true` is added when the search stopped at
    its time budget, so the count and results are what it found in time."""
    partial = search_was_partial(search)
    if partial:
        body["partial"] = True
    response = JsonResponse(body)
    if partial:
        response[PARTIAL_HEADER] = "true"
    return response


def quotes(request):
    form = QuoteSearchForm(request.GET, load_all=True)
    if not form.is_valid():
        return _form_error(form)
    search = form.search()
    page, next_url, error = _page(request, search)
    if error:
        return error
    absolute = request.build_absolute_uri
    results = [quote_data(quote, absolute) for quote in results_as_objects(page.object_list)]
    return _search_page({"count": page.paginator.count, "next": next_url, "results": results}, search)


def speakers(request):
    unknown = set(request.GET) - {"page"}
    if unknown:
        return _error(f"Unknown parameter: {', '.join(sorted(unknown))}.")
    queryset = Speaker.objects.with_quote_count().prefetch_related("roles").order_by("-quote_count", "name")
    page, next_url, error = _page(request, queryset)
    if error:
        return error
    results = [speaker_data(speaker, request.build_absolute_uri) for speaker in page.object_list]
    return JsonResponse({"count": page.paginator.count, "next": next_url, "results": results})


def articles(request):
    form = ArticleSearchForm(request.GET, load_all=True)
    if not form.is_valid():
        return _form_error(form)
    search = form.search()
    page, next_url, error = _page(request, search)
    if error:
        return error
    found = results_as_objects(page.object_list)
    counts = quote_counts(article.pk for article in found)
    results = [
        {**article_data(article, request.build_absolute_uri), "quote_count": counts.get(article.pk, 0)}
        for article in found
    ]
    return _search_page({"count": page.paginator.count, "next": next_url, "results": results}, search)
