"""A write that reached the database but not the search index gets a plain answer.

Index updates run after the transaction commits, so when the index cannot be
written (a full disk, a read-only directory) the editor's change is already
safe in the database. Say so, with what to do, rather than show a traceback.
"""

import logging

from django.template.response import TemplateResponse

from .services import IndexUnavailable

logger = logging.getLogger("archive.index")


class IndexUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, IndexUnavailable):
            return None
        logger.error("%s %s: %s", request.method, request.path, exception)
        response = TemplateResponse(request, "index_unavailable.html", {"message": str(exception)}, status=503)
        response["Retry-After"] = "60"
        return response
