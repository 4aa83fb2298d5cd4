"""Rendered public pages, cached until the archive changes, in bounded memory.

The archive's version is made of the search index's generation (every index
commit moves it) and a change mark that every save or delete of an archive model
moves once its transaction commits, so a page cached under one version is never
served after a change, in any worker. Editors, who have a session, always get
fresh pages.

Where pages are kept (settings.REDLINE_PAGE_CACHE):
- "local", the default: each worker keeps at most settings.REDLINE_PAGE_CACHE_BYTES
  of pages, the least recently served going first; the change mark is a file's mtime.
- "shared", with REDIS_URL: pages and the change mark are in Django's cache (Redis),
  so every worker and machine builds a page once; Redis's own memory limit bounds it.

A page is keyed on the parameters its view takes: the others are dropped before
the view sees them, so `?x=1`, `?x=2`… make no new entry. A page larger than an
eighth of the local cache is not kept, in either store.
"""

import functools
import hashlib
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse, QueryDict
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from .search import PARTIAL_HEADER, archive_index

CACHE_HEADER = "X-Page-Cache"  # hit or miss: what make bench counts, and what an operator checks
ENTRY_OVERHEAD = 400  # bytes a kept page costs beyond its content and headers: key, tuple, dict slot


CHANGE_KEY = "archive-changed"
CHANGED_AT_KEY = "archive-changed-at"
SHARED_PAGE_SECONDS = 24 * 3600  # a page of an old version is never asked for again: let it go


def _shared() -> bool:
    return settings.REDLINE_PAGE_CACHE == "shared"


def _marker():
    return settings.VAR_DIR / "archive-changed"


def touch_archive_version(**_):
    """Mark the archive changed, once the transaction holding the change commits."""
    transaction.on_commit(archive_changed)


def archive_changed() -> None:
    """Move the change mark now (the index writers call this after a write, for the
    search servers, which have no generation to read)."""
    if _shared():
        cache = caches["default"]
        cache.add(CHANGE_KEY, 0, timeout=None)
        cache.incr(CHANGE_KEY)
        cache.set(CHANGED_AT_KEY, time.time(), timeout=None)  # for Last-Modified
    else:
        _marker().touch()


def archive_version():
    """A string that changes whenever the archive does, or None when it cannot be known."""
    if _shared():
        changed = caches["default"].get(CHANGE_KEY, 0)
    else:
        try:
            changed = os.stat(_marker()).st_mtime_ns
        except FileNotFoundError:
            changed = 0
    index = archive_index()
    if index is None:
        # A search server has no generation to read: only a shared change mark, which the
        # index writers move too, says when its answers change.
        return f"server:{changed}" if _shared() else None
    return f"{index.path}:{index.generation()}:{changed}"


@dataclass(frozen=True)
class _Page:
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content) + sum(len(name) + len(value) for name, value in self.headers) + ENTRY_OVERHEAD

    def response(self) -> HttpResponse:
        return HttpResponse(self.content, status=self.status, headers=dict(self.headers))


class PageCache:
    """The least recently served pages of one archive version, at most `max_bytes` of them."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.max_page_bytes = max_bytes // 8
        self.version = None
        self.pages: OrderedDict[str, _Page] = OrderedDict()
        self.size = 0
        self._lock = threading.Lock()  # gunicorn's workers are single-threaded; the test server is not

    def get(self, version: str, key: str) -> _Page | None:
        with self._lock:
            if version != self.version:  # the archive changed: every page is stale
                self.version, self.pages, self.size = version, OrderedDict(), 0
                return None
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, version: str, key: str, page: _Page) -> bool:
        """Keep a page unless it is too large; False when it was not kept."""
        if page.size > self.max_page_bytes:
            return False
        with self._lock:
            if version != self.version:
                return False
            old = self.pages.pop(key, None)
            self.size -= old.size if old else 0
            self.pages[key] = page
            self.size += page.size
            while self.size > self.max_bytes:
                _, dropped = self.pages.popitem(last=False)
                self.size -= dropped.size
            return True


class SharedPageCache:
    """Pages in Django's cache (Redis), under their archive version: shared by every worker."""

    def __init__(self, cache, max_page_bytes: int):
        self.cache, self.max_page_bytes = cache, max_page_bytes

    def get(self, version: str, key: str) -> _Page | None:
        return self.cache.get(f"page:{version}:{key}")

    def put(self, version: str, key: str, page: _Page) -> bool:
        if page.size > self.max_page_bytes:
            return False
        self.cache.set(f"page:{version}:{key}", page, timeout=SHARED_PAGE_SECONDS)
        return True


_cache: PageCache | None = None
_remembered: list[dict] = []  # the memories of per_archive_version, to forget them all at once


def per_archive_version(read):
    """`read(*args)` done once per archive version in each worker for each set of arguments:
    the lists every page offers (the most-quoted speakers, the outlets, the codebook's terms)
    cost one query after each change, not one per page. When the version cannot be known (a
    search server), it is read every time."""
    memory: dict = {}
    _remembered.append(memory)

    @functools.wraps(read)
    def remembered(*args):
        version = archive_version()
        if version is None:
            return read(*args)
        if memory.get(_VERSION) != version:
            memory.clear()
            memory[_VERSION] = version
        if args not in memory:
            memory[args] = read(*args)
        return memory[args]

    return remembered


_VERSION = object()  # the key under which a memory of per_archive_version keeps its version


def forget_everything():
    """Drop this worker's cached pages and remembered reads (tests start each from nothing)."""
    global _cache
    _cache = None
    for memory in _remembered:
        memory.clear()


def page_cache() -> PageCache | SharedPageCache:
    """Where this worker keeps pages: Redis when shared, else its own memory (made
    afresh if the byte bound setting changed)."""
    global _cache
    if _shared():
        return SharedPageCache(caches["default"], settings.REDLINE_PAGE_CACHE_BYTES // 8)
    if _cache is None or _cache.max_bytes != settings.REDLINE_PAGE_CACHE_BYTES:
        _cache = PageCache(settings.REDLINE_PAGE_CACHE_BYTES)
    return _cache


def cached_page(view, *, params=(), strict=False):
    """Serve a GET view with only the query parameters in `params`, and cache its response
    per host, path, those parameters and archive version, for readers without a session.
    A `strict` view gets the others too, to refuse them, and that answer is not cached."""
    params = frozenset(params)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "GET" and any(name not in params for name in request.GET):
            if strict:
                return _unknown_parameters(sorted(set(request.GET) - params), params)
            known = QueryDict(mutable=True)
            for name, values in request.GET.lists():
                if name in params:
                    known.setlist(name, values)
            known._mutable = False
            request.GET = known
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        version = archive_version()
        if version is None:
            return view(request, *args, **kwargs)
        query = sorted((name, values) for name, values in request.GET.lists())
        key = hashlib.sha1(f"{request.get_host()}:{request.path}:{query!r}".encode()).hexdigest()
        # Only whole answers (200, not cut short) carry the tag, so a request that names
        # it would get one again: it is answered 304 without building anything.
        etag = '"' + hashlib.sha1(f"{version}:{key}".encode()).hexdigest()[:24] + '"'
        if etag in request.headers.get("If-None-Match", ""):
            return _validated(HttpResponseNotModified(), etag, archive_changed_at())
        cache = page_cache()
        page = cache.get(version, key)
        if page is not None:
            response = page.response()
            response[CACHE_HEADER] = "hit"
            return _conditional(request, response, etag)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response = response.render()
        # A stream is read once; a page that sets a cookie is one reader's; a search cut
        # short by its time budget may find everything next time.
        whole = response.status_code == 200 and not response.cookies and not response.has_header(PARTIAL_HEADER)
        if whole and not response.streaming:
            cache.put(version, key, _Page(response.status_code, tuple(response.items()), response.content))
        response[CACHE_HEADER] = "miss"
        return _conditional(request, response, etag) if whole else response

    return wrapper


def archive_changed_at() -> float:
    """When the archive last changed, in seconds since the epoch: the later of the last saved
    change (the marker file's time, or the shared cache's record of it) and the index's last
    commit (its directory changes when a commit adds a file)."""
    index = archive_index()
    times = [caches["default"].get(CHANGED_AT_KEY, 0.0)] if _shared() else []
    for path in [*([] if _shared() else [_marker()]), *([index.path] if index else [])]:
        try:
            times.append(os.stat(path).st_mtime)
        except FileNotFoundError:
            continue
    return max(times, default=0.0)


def _validated(response, etag: str, changed_at: float):
    """Validators from the archive's version: a reader's repeat request can be answered 304.
    `no-cache`: a browser asks again each time (cheaply), so it never shows a page older than a change."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(changed_at)
    response["Cache-Control"] = "no-cache"
    return response


def _conditional(request, response, etag: str):
    """The answer with its validators, or 304 when the reader's copy (If-Modified-Since) is as new."""
    changed_at = archive_changed_at()
    _validated(response, etag, changed_at)
    return get_conditional_response(request, etag=etag, last_modified=int(changed_at), response=response)


def _unknown_parameters(unknown: list[str], known) -> JsonResponse:
    """400 for a parameter an API address does not take, naming the ones it does."""
    message = f"Unknown parameter: {', '.join(unknown)}. This address takes: {', '.join(sorted(known))}."
    return JsonResponse({"error": message, "errors": {name: ["Unknown parameter."] for name in unknown}}, status=400)
