"""Quote and article searches as CSV or JSON, streamed: rows leave as they are read."""

from __future__ import annotations

import csv
import json

from django.http import JsonResponse, StreamingHttpResponse

from .forms import ArticleSearchForm, QuoteSearchForm, error_message, form_errors
from .search import PARTIAL_HEADER, search_was_partial
from .selectors import ARTICLE_COLUMNS, QUOTE_COLUMNS, article_data, each_result, flat, moved_filter, quote_data

CHUNK = 200  # objects read per database or index round trip
# A spreadsheet runs a cell starting with one of these as a formula ("=HYPERLINK(…)"):
# OWASP's advice is a leading apostrophe, which shows the text as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def stream_csv(rows, header, filename):
    writer = csv.writer(_Echo())

    def lines():
        # The header first, so an export that finds nothing still names its columns;
        # a BOM, so spreadsheets read UTF-8.
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
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
    "quotes": (QuoteSearchForm, quote_data, QUOTE_COLUMNS),
    "articles": (ArticleSearchForm, article_data, ARTICLE_COLUMNS),
}


def export(request, kind, fmt):
    """Every result of a quote or article search (the same parameters as its page), as CSV or JSON."""
    form_class, serialise, columns = EXPORTS[kind]
    params = request.GET.copy()
    params.pop("page", None)
    form = form_class(params, load_all=True)
    if not form.is_valid():
        return JsonResponse({"error": error_message(form), "errors": form_errors(form)}, status=400)
    moved = moved_filter(request, form)  # a speaker's old slug: the same export under the new one
    if moved:
        return moved
    results = form.search()
    # Counting runs a search: whether its time budget cut it short is known before the first row.
    count = results.count() if fmt == "json" or form.cleaned_data["q"] else None
    partial = search_was_partial(results)
    rows = (flat(serialise(obj, request.build_absolute_uri), columns) for obj in each_result(results, CHUNK))
    if fmt == "csv":
        response = stream_csv(rows, [column.name for column in columns], f"redline-{kind}.csv")
    else:
        response = stream_json(count, rows, f"redline-{kind}.json", partial=partial)
    if partial:
        response[PARTIAL_HEADER] = "true"
    return response
