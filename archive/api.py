"""The JSON API: the same filters as the pages, in the shapes the README documents.

Every list gives `next` and `previous` (URLs, null at either end); a bad parameter gets 400
with `{"error": "…", "errors": {field: [messages]}}`, and a typed name that could be several
people adds `"choices": {field: [{name, slug, detail, url}]}`. A parameter an address does
not take is refused by archive/caching.py, which also answers repeat requests with 304.
"""

from django.core.paginator import InvalidPage
from django.http import JsonResponse

from .forms import ArticleSearchForm, QuoteSearchForm, SpeakerListForm, error_message, form_errors
from .search import PARTIAL_HEADER, search_was_partial
from .selectors import (
    article_data,
    listed_speakers,
    moved_filter,
    page_of,
    quote_counts,
    quote_data,
    results_as_objects,
    shown_roles,
    speaker_data,
    speakers_in_order,
)

PAGE_SIZE = 20


def _error(message, *, errors, choices=None):
    body = {"error": message, "errors": errors}
    if choices:
        body["choices"] = choices
    return JsonResponse(body, status=400)


def _form_error(request, form):
    """The form's errors by field, and for a typed name that is ambiguous or unknown, the
    speakers, outlets or terms it could be (or the closest)."""
    choices = {
        name: [
            {
                "name": candidate.label,
                "slug": candidate.value,
                "detail": candidate.detail,
                "url": request.build_absolute_uri(candidate.url) if candidate.url else None,
            }
            for candidate in found.candidates
        ]
        for name, found in getattr(form, "found", {}).items()
        if found.match is None and found.candidates
    }
    return _error(error_message(form), errors=form_errors(form), choices=choices)


def _page(request, items):
    """One page of items with the URLs of the next and previous pages, or an error response."""
    try:
        page = page_of(items, request.GET.get("page"), PAGE_SIZE, strict=True)
    except InvalidPage:
        message = "page must be a whole number from 1 to the last page."
        return None, {}, _error(message, errors={"page": [message]})

    def url(number):
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    links = {
        "next": url(page.next_page_number()) if page.has_next() else None,
        "previous": url(page.previous_page_number()) if page.has_previous() else None,
    }
    return page, links, None


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


def _search(request, form_class):
    """The form's search, a 301 for a speaker's old slug, or the form's errors."""
    form = form_class(request.GET, load_all=True)
    if not form.is_valid():
        return None, _form_error(request, form)
    moved = moved_filter(request, form)
    if moved:
        return None, moved
    return form.search(), None


def quotes(request):
    search, answer = _search(request, QuoteSearchForm)
    if answer:
        return answer
    page, links, error = _page(request, search)
    if error:
        return error
    absolute = request.build_absolute_uri
    results = [quote_data(quote, absolute) for quote in results_as_objects(page.object_list)]
    return _search_page({"count": page.paginator.count, **links, "results": results}, search)


def speakers(request):
    form = SpeakerListForm(request.GET)
    if not form.is_valid():
        return _form_error(request, form)
    page, links, error = _page(request, listed_speakers(**form.cleaned_data))
    if error:
        return error
    found = speakers_in_order(page.object_list)
    roles = shown_roles(found)
    results = [speaker_data(speaker, request.build_absolute_uri, roles=roles[speaker.pk]) for speaker in found]
    return JsonResponse({"count": page.paginator.count, **links, "results": results})


def articles(request):
    search, answer = _search(request, ArticleSearchForm)
    if answer:
        return answer
    page, links, error = _page(request, search)
    if error:
        return error
    found = results_as_objects(page.object_list)
    counts = quote_counts(article.pk for article in found)
    results = [
        {**article_data(article, request.build_absolute_uri), "quote_count": counts.get(article.pk, 0)}
        for article in found
    ]
    return _search_page({"count": page.paginator.count, **links, "results": results}, search)
