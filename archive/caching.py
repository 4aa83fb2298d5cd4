"""Rendered public pages, cached until the archive changes.

The archive's version is the pair (search index generation, mtime of a marker
file). Every index commit moves the first; every save or delete of an archive
model moves the second (a signal touches the file after the transaction
commits), so a page cached under one version is never served after a change,
in any worker. Editors, who have a session, always get fresh pages.
"""

import functools
import hashlib
import os

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from haystack import connections


def _marker():
    return settings.VAR_DIR / "archive-changed"


def touch_archive_version(**_):
    """Mark the archive changed, once the transaction holding the change commits."""
    transaction.on_commit(lambda: _marker().touch())


def archive_version():
    """A string that changes whenever the archive does, or None when it cannot be known."""
    backend = connections["default"].get_backend()
    if not hasattr(backend, "generation"):
        return None  # Solr and Elasticsearch: no cheap version to key on
    try:
        changed = os.stat(_marker()).st_mtime_ns
    except FileNotFoundError:
        changed = 0
    return f"{backend.path}:{backend.generation()}:{changed}"


def cached_page(view):
    """Cache a GET view's response per host, URL and archive version, for readers without a session."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        version = archive_version()
        if version is None:
            return view(request, *args, **kwargs)
        key = "page:" + hashlib.sha1(f"{version}:{request.get_host()}:{request.get_full_path()}".encode()).hexdigest()
        cache = caches["pages"]
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            if response.status_code == 200 and not response.streaming:  # a stream is read once
                cache.set(key, response)
        return response

    return wrapper
