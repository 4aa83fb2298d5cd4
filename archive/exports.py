"""Quote and article searches as CSV or JSON, streamed: rows leave as they are read."""

from __future__ import annotations

import csv
import json

from django.http import JsonResponse, StreamingHttpResponse

from .forms import ArticleSearchForm, QuoteSearchForm
from .search import PARTIAL_HEADER, search_was_partial

CHUNK = 200  # objects read per database or index round trip
# A spreadsheet runs a cell starting with one of these as a formula ("=HYPERLINK(…)"):
# OWASP's advice is a leading apostrophe, which shows the text as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def each_result(results):
    """Every object of a search (SearchQuerySet) or a browse (QuerySet), read in chunks."""
    from .views import results_as_objects

    if hasattr(results, "iterator") and not hasattr(results, "load_all"):
        yield from results.iterator(chunk_size=CHUNK)
        return
    start = 0
    while True:
        chunk = list(results[start : start + CHUNK])
        if not chunk:
            return
        yield from results_as_objects(chunk)
        start += CHUNK


def quote_row(request, quote) -> dict:
    article = quote.article
    return {
        "id": quote.pk,
        "text": quote.text,
        "speaker": quote.speaker.name if quote.speaker else None,
        "speaker_slug": quote.speaker.slug if quote.speaker else None,
        "source_description": quote.source_description or None,
        "attribution": quote.attribution,
        "confidence": None if quote.confidence is None else round(quote.confidence, 3),
        "act": quote.shown_act,
        "act_confidence": round(quote.act_confidence, 3),
        "act_guess": quote.act,
        "codes_corrected": quote.codes_corrected,
        "weapons": quote.weapons,
        "targets": quote.targets,
        "conditional": quote.conditional,
        "group": quote.group_id,
        "article_id": article.pk,
        "article_title": article.title,
        "source": article.source.name if article.source else None,
        "published": article.published.isoformat() if article.published else None,
        "article_url": article.url or None,
        "url": request.build_absolute_uri(quote.get_absolute_url()),
    }


def article_row(request, article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "source": article.source.name if article.source else None,
        "authors": article.authors,
        "published": article.published.isoformat() if article.published else None,
        "section": article.section or None,
        "group": article.group_id,
        "article_url": article.url or None,
        "url": request.build_absolute_uri(article.get_absolute_url()),
    }


class _Echo:
    """csv.writer writes into this; each row comes straight back to be streamed."""

    def write(self, value):
        return value


def _csv_value(value):
    if isinstance(value, list):
        value = ";".join(value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def stream_csv(rows, filename):
    writer = csv.writer(_Echo())

    def lines():
        header = None
        for row in rows:
            if header is None:
                header = list(row)
                yield "\ufeff" + writer.writerow(header)  # a BOM, so spreadsheets read UTF-8
            yield writer.writerow([_csv_value(row[key]) for key in header])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stream_json(count, rows, filename, *, partial=False):
    def chunks():
        # "partial": the search stopped at its time budget; the key is there only then.
        yield f'{{"count": {count:d}, ' + ('"partial": true, ' if partial else "") + '"results": ['
        for n, row in enumerate(rows):
            yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
        yield "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


EXPORTS = {
    "quotes": (QuoteSearchForm, quote_row),
    "articles": (ArticleSearchForm, article_row),
}


def export(request, kind, fmt):
    """Every result of a quote or article search (the same parameters as its page), as CSV or JSON."""
    form_class, to_row = EXPORTS[kind]
    params = request.GET.copy()
    params.pop("page", None)
    form = form_class(params, load_all=True)
    if not form.is_valid():
        message = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
        return JsonResponse({"error": message}, status=400)
    results = form.search()
    # Counting runs a search: whether its time budget cut it short is known before the first row.
    count = results.count() if fmt == "json" or form.cleaned_data["q"] else None
    partial = search_was_partial(results)
    rows = (to_row(request, obj) for obj in each_result(results))
    if fmt == "csv":
        response = stream_csv(rows, f"redline-{kind}.csv")
    else:
        response = stream_json(count, rows, f"redline-{kind}.json", partial=partial)
    if partial:
        response[PARTIAL_HEADER] = "true"
    return response
