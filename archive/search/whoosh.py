"""Redline's Whoosh engine for haystack: the writes of archive/search/writes.py and
the reads of archive/search/reads.py on haystack's Whoosh backend."""

from __future__ import annotations

import os

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from whoosh.codec import whoosh3

from .reads import IndexReads, RedlineWhooshSearchQuery
from .writes import IndexWrites


def _cache_missing_columns():
    """Whoosh 2.7.4 looks for a missing length column on disk again for every
    posting of an unscored field (ids, slugs) when it flushes a segment: about
    half of all indexing time. A segment's files never change once written, so
    remembering "no such column" is safe.

    Field lengths, one byte per document, are read whole into memory: BM25 asks
    for one per scored hit, and without mmap each ask was a seek and a read
    (a tenth of search time). That is about half a megabyte at 500,000 documents."""
    reader_class = whoosh3.W3PerDocReader
    if getattr(reader_class, "_redline_caches_missing", False):
        return
    find = reader_class._cached_reader

    def _cached_reader(self, fieldname, column):
        try:
            return self._readers[fieldname]
        except KeyError:
            reader = find(self, fieldname, column)
            if reader is not None and column is whoosh3.LENGTHS_COLUMN:
                colfile, offset, length = self._colfiles[fieldname]
                # Bytes index to ints, as the column reader does; documents past the
                # end of the file have the default length byte, 0.
                reader = colfile.get(offset, length).ljust(self._doccount, b"\0")
            self._readers[fieldname] = reader
            return reader

    reader_class._cached_reader = _cached_reader
    reader_class._redline_caches_missing = True


_cache_missing_columns()


class RedlineWhooshBackend(IndexWrites, IndexReads, WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.silently_fail = False
        self.lock_path = f"{self.path.rstrip(os.sep)}.write-lock" if self.path else None


class RedlineWhooshEngine(WhooshEngine):
    backend = RedlineWhooshBackend
    query = RedlineWhooshSearchQuery
