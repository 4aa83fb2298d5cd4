"""The JSON API: the same filters as the pages, in the shapes the README documents."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse

from .forms import ArticleSearchForm, QuoteSearchForm
from .models import Speaker
from .search import PARTIAL_HEADER, search_was_partial
from .views import results_as_objects

PAGE_SIZE = 20


def _error(message, status=400):
    return JsonResponse({"error": message}, status=status)


def _page(request, items):
    """One page of items and the URL of the next, or an error response."""
    paginator = Paginator(items, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        return None, None, _error("page must be a whole number from 1 to the last page.")
    next_url = None
    if page.has_next():
        params = request.GET.copy()
        params["page"] = page.next_page_number()
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return page, next_url, None


def _form_errors(form):
    return "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())


def quote_json(request, quote):
    article = quote.article
    return {
        "id": quote.pk,
        "text": quote.text,
        "speaker": {"name": quote.speaker.name, "slug": quote.speaker.slug} if quote.speaker else None,
        "source_description": quote.source_description or None,
        "attribution": quote.attribution,
        "confidence": None if quote.confidence is None else round(quote.confidence, 3),
        "escalation": {
            "act": quote.shown_act,
            "confidence": round(quote.act_confidence, 3),
            "guess": quote.act,
            "corrected": quote.codes_corrected,
            "weapons": quote.weapons,
            "targets": quote.targets,
            "conditional": quote.conditional,
        },
        "group": quote.group_id,
        "article": {
            "id": article.pk,
            "title": article.title,
            "url": request.build_absolute_uri(article.get_absolute_url()),
            "source": article.source.name if article.source else None,
            "published": article.published.isoformat() if article.published else None,
        },
        "url": request.build_absolute_uri(quote.get_absolute_url()),
    }


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
        return _error(_form_errors(form))
    search = form.search()
    page, next_url, error = _page(request, search)
    if error:
        return error
    results = [quote_json(request, quote) for quote in results_as_objects(page.object_list)]
    return _search_page({"count": page.paginator.count, "next": next_url, "results": results}, search)


def speakers(request):
    unknown = set(request.GET) - {"page"}
    if unknown:
        return _error(f"Unknown parameter: {', '.join(sorted(unknown))}.")
    queryset = Speaker.objects.with_quote_count().prefetch_related("roles").order_by("-quote_count", "name")
    page, next_url, error = _page(request, queryset)
    if error:
        return error
    results = [
        {
            "name": speaker.name,
            "slug": speaker.slug,
            "roles": speaker.role_titles(),
            "quote_count": speaker.quote_count,
            "url": request.build_absolute_uri(speaker.get_absolute_url()),
        }
        for speaker in page.object_list
    ]
    return JsonResponse({"count": page.paginator.count, "next": next_url, "results": results})


def articles(request):
    form = ArticleSearchForm(request.GET, load_all=True)
    if not form.is_valid():
        return _error(_form_errors(form))
    search = form.search()
    page, next_url, error = _page(request, search)
    if error:
        return error
    results = [
        {
            "id": article.pk,
            "title": article.title,
            "url": request.build_absolute_uri(article.get_absolute_url()),
            "source": article.source.name if article.source else None,
            "authors": article.authors,
            "published": article.published.isoformat() if article.published else None,
            "quote_count": article.quotes.count(),
        }
        for article in results_as_objects(page.object_list)
    ]
    return _search_page({"count": page.paginator.count, "next": next_url, "results": results}, search)
