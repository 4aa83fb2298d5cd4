"""Writing Redline's Whoosh index: one writer at a time, no lost updates.

Whoosh allows a single writer per index and stock haystack meets a busy lock by
logging a LockError and dropping the write. Here every write (update, remove,
clear, creating the index) first takes an exclusive `flock` on a file beside the
index, so writers from any process, web workers or a bulk ingest, queue in order
instead of colliding. Errors are raised, never swallowed.

Filter fields stay untokenized (ID fields) so that speaker, source and
attribution filters and facets match whole values, and storage is opened without
mmap, which makes opening a searcher cheap.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time

from haystack.constants import DJANGO_CT, ID
from haystack.exceptions import SkipDocument
from whoosh.fields import ID as WHOOSH_ID
from whoosh.fields import TEXT
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import FuzzyTermPlugin
from whoosh.query import Or, Term

from .analysis import TEXT_ANALYZER
from .fields import ExactField

WRITE_TIMEOUT_SECONDS = 120
# Processes analysing documents in one-commit (bulk) writes, each writing its own
# segment: more cores index faster, but every segment costs each search a little.
INDEX_PROCESSES = min(os.cpu_count() or 1, 4)


def _flock(lock_file, wait):
    """Take an exclusive flock, waiting for ever (wait=None) or up to `wait` seconds."""
    if wait is None:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        return True
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


class IndexWrites:
    """The writing half of RedlineWhooshBackend (archive/search/whoosh.py)."""

    def setup(self):
        # Creating the index is a write too: two processes must not both create it.
        with self.write_lock():
            super().setup()
        if self.use_file_storage:
            # Without mmap a searcher opens in milliseconds rather than copying
            # every segment's term dictionary each time.
            self.storage = FileStorage(self.path, supports_mmap=False)
            self.index = self.storage.open_index(schema=self.schema)
        # Haystack adds fuzzy terms ("putin~3"), whose cost grows with the edit distance;
        # Redline offers none, and queries are built from words only (forms.SearchWords).
        self.parser.remove_plugin_class(FuzzyTermPlugin)

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        for _, field in schema.items():
            if isinstance(field, TEXT):
                # Results are shown from the database, nothing sorts on text, and no
                # spelling suggestions are offered: storing each body, a sort column of
                # it and a word graph would only cost time and disk.
                field.stored = False
                field.column_type = None
                field.spelling = False
                field.analyzer = TEXT_ANALYZER  # accents and transliterations folded (analysis.py)
        for field_class in fields.values():
            if field_class.field_type == ExactField.field_type and not field_class.is_multivalued:
                name = field_class.index_fieldname
                schema.remove(name)
                schema.add(name, WHOOSH_ID(stored=True, sortable=True))
        return content_field_name, schema

    @contextlib.contextmanager
    def write_lock(self, wait=None):
        """Hold the cross-process write lock, waiting for the writer before us:
        for ever, or at most `wait` seconds. Yields whether the lock is held."""
        if not self.use_file_storage or getattr(self, "_holding_lock", False):
            yield True  # RAM storage, or this process already holds the lock (delete_index calls setup)
            return
        os.makedirs(os.path.dirname(self.lock_path) or ".", exist_ok=True)
        with open(self.lock_path, "a") as lock_file:
            if not _flock(lock_file, wait):
                yield False
                return
            self._holding_lock = True
            try:
                yield True
            finally:
                self._holding_lock = False
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _writer(self, **options):
        self.index = self.index.refresh()
        return self.index.writer(timeout=WRITE_TIMEOUT_SECONDS, **options)

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

    def as_stored(self, value):
        """A document's value as the index stores it."""
        return self._from_python(value)

    def _prepare(self, index, objects):
        if not self.setup_complete:
            self.setup()
        documents = []
        for obj in objects:
            try:
                document = index.full_prepare(obj)
            except SkipDocument:
                continue
            documents.append({key: self.as_stored(value) for key, value in document.items() if key != "boost"})
        return documents

    @contextlib.contextmanager
    def one_commit(self, processes=INDEX_PROCESSES):
        """Hold the lock and one writer for every write inside, and commit once at
        the end: a rebuild then writes one segment per process, where a commit per
        batch made Whoosh merge segments again and again (half of a 10,000-article
        rebuild). Inside another one_commit, writes join its writer."""
        if getattr(self, "_open_writer", None) is not None:
            yield self._open_writer
            return
        if not self.setup_complete:
            self.setup()
        with self.write_lock():
            options = {"procs": processes, "multisegment": True} if processes > 1 else {}
            writer = self._open_writer = self._writer(**options)
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            finally:
                self._open_writer = None
            writer.commit()

    def _write(self, *, deletions=(), documents=()):
        if not deletions and not documents:
            return
        # One process: a web save or an ingest batch is too small to share out.
        with self.one_commit(processes=1) as writer:
            self._add(writer, deletions, documents)

    @staticmethod
    def _add(writer, deletions, documents):
        # One searcher for all the deletions: Whoosh opens one per call otherwise,
        # and update_document one per document.
        if deletions:
            with writer.searcher() as searcher:
                for field, value in deletions:
                    writer.delete_by_term(field, value, searcher=searcher)
        for document in documents:
            writer.add_document(**document)

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
