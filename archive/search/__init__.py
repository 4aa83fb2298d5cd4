"""The search engine seam: haystack with Redline's Whoosh backend by default, or a
Solr or Elasticsearch 7 server (REDLINE_SEARCH_URL).

- fields.py: whole-value field types, for every engine
- writes.py, reads.py, whoosh.py: the Whoosh backend (one writer at a time; a cached
  searcher, filters and a time budget)
- servers.py: the Solr and Elasticsearch engines

Redline's services need a little more of the index than haystack's API: a
cross-process write lock, replacing an article's documents in one commit, one
writer for a whole rebuild, the index's generation, what it holds, and its words (for
"did you mean"). That is
`ArchiveIndex`; the Whoosh backend implements it. The server backends do not:
they take concurrent writes, replace documents by id, and list nothing cheaply,
so the services fall back to haystack's own update and remove there.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Protocol, runtime_checkable

from haystack import connections

# The response header (and `"partial": true` in JSON) marking an answer cut short by the budget.
PARTIAL_HEADER = "X-Search-Partial"


@runtime_checkable
class ArchiveIndex(Protocol):
    """What the services ask of an index beyond haystack's backend API."""

    path: str  # where the index lives: part of the page cache's key

    def write_lock(self, wait: float | None = None) -> AbstractContextManager[bool]:
        """Hold the cross-process write lock, waiting at most `wait` seconds (None: for ever)."""

    def one_commit(self, processes: int = ...) -> AbstractContextManager:
        """Hold one writer for every write inside, and commit once at the end."""

    def replace_articles(self, article_ids: Iterable[int], indexed) -> None:
        """Swap every document of these articles for fresh ones in one commit."""

    def generation(self) -> int:
        """A number that changes with every commit."""

    def indexed_identifiers(self) -> set[tuple[str, str]]:
        """Every (django_ct, django_id) in the index."""

    def indexed_documents(self) -> list[dict]:
        """The stored fields of every document."""

    def as_stored(self, value):
        """A document's value as the index stores it, to compare with indexed_documents()."""

    def word_frequency(self, word: str) -> int:
        """How many documents hold this index word (archive.search.analysis.index_words)."""

    def similar_words(self, word: str, limit: int = ...) -> list[tuple[str, int, int]]:
        """Index words a typing slip away from this one: (word, edits, documents holding it)."""

    def documents_with(self, word: str, limit: int = ...) -> list[tuple[str, str]]:
        """(django_ct, django_id) of some documents holding this index word."""


def archive_index() -> ArchiveIndex | None:
    """The default connection's backend when it is Redline's own index; None for a search server."""
    backend = connections["default"].get_backend()
    return backend if isinstance(backend, ArchiveIndex) else None


def search_was_partial(results) -> bool:
    """Whether a search (a SearchQuerySet once evaluated) stopped at its time budget; False for a database browse."""
    return bool(getattr(getattr(results, "query", None), "partial", False))
