"""Redline's Whoosh backend for haystack: one writer at a time, no lost updates.

Whoosh allows a single writer per index and stock haystack meets a busy lock
by logging a LockError and dropping the write. Here every write (update,
remove, clear) first takes an exclusive `flock` on a file beside the index, so
writers from any process, web workers or a bulk ingest, queue in order
instead of colliding. Errors are raised, never swallowed.

It also keeps filter fields untokenized (ID fields) so that speaker, source and
attribution filters and facets match whole values, and opens storage without
mmap, which makes opening a searcher cheap.
"""

from __future__ import annotations

import contextlib
import fcntl
import os

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.fields import CharField
from whoosh.fields import ID as WHOOSH_ID
from whoosh.filedb.filestore import FileStorage
from whoosh.query import Or, Term

WRITE_TIMEOUT_SECONDS = 120


class ExactField(CharField):
    """A whole-value field (a slug, an outlet, an id): filtered and faceted as is."""

    field_type = "exact"


class RedlineWhooshBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.silently_fail = False
        self.lock_path = f"{self.path.rstrip(os.sep)}.write-lock" if self.path else None

    def setup(self):
        # Creating the index is a write too: two processes must not both create it.
        with self.write_lock():
            super().setup()
        if self.use_file_storage:
            # Without mmap a searcher opens in milliseconds rather than copying
            # every segment's term dictionary each time.
            self.storage = FileStorage(self.path, supports_mmap=False)
            self.index = self.storage.open_index(schema=self.schema)

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        for field_class in fields.values():
            if field_class.field_type == "exact" and not field_class.is_multivalued:
                name = field_class.index_fieldname
                schema.remove(name)
                schema.add(name, WHOOSH_ID(stored=True, sortable=True))
        return content_field_name, schema

    @contextlib.contextmanager
    def write_lock(self):
        """Hold the cross-process write lock; waits for the writer before us."""
        if not self.use_file_storage or getattr(self, "_holding_lock", False):
            yield  # RAM storage, or this process already holds the lock (delete_index calls setup)
            return
        os.makedirs(os.path.dirname(self.lock_path) or ".", exist_ok=True)
        with open(self.lock_path, "a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            self._holding_lock = True
            try:
                yield
            finally:
                self._holding_lock = False
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _writer(self):
        self.index = self.index.refresh()
        return self.index.writer(timeout=WRITE_TIMEOUT_SECONDS)

    def update(self, index, iterable, commit=True):
        """Replace the documents of these objects: one writer, one commit."""
        documents = self._prepare(index, iterable)
        self._write(deletions=[(ID, document[ID]) for document in documents], documents=documents)

    def remove(self, obj_or_string, commit=True):
        from haystack.utils import get_identifier

        self._write(deletions=[(ID, get_identifier(obj_or_string))])

    def replace_articles(self, article_ids, indexed):
        """Swap every document of these articles (the article and its quotes)
        for fresh ones in one commit, so searchers never see them half-done.
        `indexed` is a list of (SearchIndex, objects) pairs."""
        documents = [document for index, objects in indexed for document in self._prepare(index, objects)]
        self._write(deletions=[("article_id", str(pk)) for pk in article_ids], documents=documents)

    def _prepare(self, index, objects):
        if not self.setup_complete:
            self.setup()
        documents = []
        for obj in objects:
            try:
                document = index.full_prepare(obj)
            except SkipDocument:
                continue
            documents.append({key: self._from_python(value) for key, value in document.items() if key != "boost"})
        return documents

    def _write(self, *, deletions=(), documents=()):
        if not deletions and not documents:
            return
        if not self.setup_complete:
            self.setup()
        with self.write_lock():
            writer = self._writer()
            try:
                # Deleting by term then adding avoids update_document's searcher per document.
                for field, value in deletions:
                    writer.delete_by_term(field, value)
                for document in documents:
                    writer.add_document(**document)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def clear(self, models=None, commit=True):
        if not self.setup_complete:
            self.setup()
        with self.write_lock():
            if models is None:
                self.delete_index()
                return
            from haystack.utils import get_model_ct

            writer = self._writer()
            try:
                writer.delete_by_query(Or([Term(DJANGO_CT, get_model_ct(model)) for model in models]))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def optimize(self):
        if not self.setup_complete:
            self.setup()
        with self.write_lock():
            writer = self._writer()
            writer.commit(optimize=True)

    def indexed_identifiers(self):
        """Every (django_ct, django_id) in the index, for consistency checks."""
        return {(fields[DJANGO_CT], fields[DJANGO_ID]) for fields in self.indexed_documents()}

    def indexed_documents(self):
        """The stored fields of every document, for `manage.py check_index`."""
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        with self.index.searcher() as searcher:
            return list(searcher.all_stored_fields())


class RedlineWhooshEngine(WhooshEngine):
    backend = RedlineWhooshBackend
    query = WhooshSearchQuery

