"""The search index: every index write goes through here.

The Whoosh backend (archive/search_backend.py) serialises writers across
processes with a file lock, so web workers and bulk ingests queue rather than
collide. A web save queues its articles (IndexQueue) in its transaction and
indexes them once it commits; a bulk ingest hands batches to `BatchIndexer`.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from dataclasses import dataclass

from django import db
from django.db import transaction
from haystack import connections

from ..caching import archive_changed
from ..models import IndexQueue
from ..search import ArchiveIndex, archive_index


class IndexUnavailable(Exception):
    """The search index cannot be written: a full disk, a read-only or unwritable
    directory, or a writer that never let go. The database is not affected."""

    def __init__(self, error: BaseException):
        path = connections["default"].options.get("PATH") or connections["default"].options.get("URL", "")
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        super().__init__(
            f"The search index at {path} cannot be written ({reason}). Everything else is saved in the database; "
            "once this is fixed, `manage.py check_index --repair` brings the index up to date."
        )


@contextlib.contextmanager
def index_writes():
    """Turn an index write's OSError or LockError into IndexUnavailable, with a plain message."""
    from whoosh.index import LockError

    try:
        yield
    except (OSError, LockError) as error:
        raise IndexUnavailable(error) from error


WEB_INDEX_WAIT_SECONDS = 10  # well inside gunicorn's 30 s request timeout
QUEUE_BATCH = 500


def index_articles(article_ids, *, batch_size: int = 500) -> int:
    """(Re)index articles and their quotes in batches, then whatever is queued;
    deleted articles leave the index. Waits for the index as long as it takes."""
    with index_writes(), _index_lock(wait=None):
        return _index_articles(article_ids, batch_size=batch_size) + _index_queue()


class BatchIndexer:
    """Indexes a bulk ingest's batches: in a forked process while the ingest goes on,
    so that Whoosh (pure Python, about a quarter of the work: BENCHMARKS.md) runs on
    another core, or here when a child could not see the articles.

    The child dies with the ingest (kill -9 included). If it stops early, the batches
    it was handed are indexed here again, which reports why if that fails too.
    Use it as a context manager: leaving stops the child.
    """

    def __init__(self):
        self.handed_over: list[int] = []
        self._process = self._sender = None
        connection = db.connections["default"]
        if connection.in_atomic_block or (connection.vendor == "sqlite" and connection.is_in_memory_db()):
            return  # a forked child would not see the rows: an open transaction, a database in memory (tests)
        db.connections.close_all()  # the child opens its own connections, never shares these
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        try:
            process = context.Process(target=_index_batches, args=(receiver, sender, os.getpid()), daemon=True)
            process.start()
        except OSError:
            sender.close()
            return  # no process to spare: index here
        finally:
            receiver.close()
        self._process, self._sender = process, sender

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._stop()

    def add(self, article_ids) -> None:
        """Index these articles: hand them to the child, or index them here."""
        article_ids = list(article_ids)
        if not article_ids:
            return
        if self._process is not None:
            try:
                self._sender.send(article_ids)
                self.handed_over.extend(article_ids)
                return
            except OSError:  # the child has stopped
                self._take_over()
        index_articles(article_ids)

    def finish(self) -> None:
        """Wait for the child to index all it was handed; index here what it could not."""
        if self._process is not None and not self._stop():
            self._take_over()

    def _stop(self) -> bool:
        """End the child once it has indexed what it holds; True if it indexed all of it."""
        process, self._process = self._process, None
        if process is None:
            return True
        with contextlib.suppress(OSError):
            self._sender.send(None)
        self._sender.close()
        process.join()
        return process.exitcode == 0

    def _take_over(self) -> None:
        self._stop()
        ids, self.handed_over = self.handed_over, []
        index_articles(ids)  # replacing documents again is harmless


def _index_batches(receiver, sender, parent_pid) -> None:
    """The child's loop: index each batch the ingest sends until it sends None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the ingest, which then stops this process
    sender.close()  # only the ingest sends: once it is gone, recv() ends
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:
        sys.exit(1)  # the ingest died before the line above
    connections.reload("default")  # no searcher or open file shared with the ingest
    try:
        for article_ids in iter(receiver.recv, None):
            index_articles(article_ids)
    except (IndexUnavailable, EOFError):
        sys.exit(1)  # the ingest indexes these itself, and reports why if it cannot
    except Exception as error:
        sys.stderr.write(f"Background indexing stopped ({type(error).__name__}: {error}); the ingest goes on.\n")
        sys.exit(1)
    finally:
        db.connections.close_all()


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def reindex_after_commit(article_ids) -> None:
    """Queue these articles for the index within the current transaction, and
    index them once it commits, waiting a few seconds at most for the index:
    if a rebuild or a bulk ingest holds it, that writer takes the queue on."""
    article_ids = sorted(set(article_ids))
    IndexQueue.objects.bulk_create([IndexQueue(article_id=pk) for pk in article_ids])
    # A request indexes its own articles and one batch of any backlog at most: a long
    # backlog (the index was down) is for the next bulk writer or `check_index --repair`.
    transaction.on_commit(lambda: index_queued(wait=WEB_INDEX_WAIT_SECONDS, first=article_ids, batches=1))


def index_queued(*, wait: float | None = None, first=(), batches: int | None = None) -> int | None:
    """Index the queued articles: those in `first`, then the oldest, all of them
    or `batches` batches. None if the index stayed busy for `wait` seconds."""
    with index_writes(), _index_lock(wait=wait) as held:
        if not held:
            return None
        count = (_index_queued_rows(IndexQueue.objects.filter(article_id__in=first)) or 0) if first else 0
        return count + _index_queue(batches=batches)


def _index_lock(*, wait):
    index = archive_index()
    if index is not None:
        return index.write_lock(wait=wait)
    return contextlib.nullcontext(True)  # Solr and Elasticsearch take concurrent writes


def _index_queue(*, batches: int | None = None) -> int:
    count, done = 0, 0
    while batches is None or done < batches:
        rows = IndexQueue.objects.order_by("pk")[:QUEUE_BATCH]
        indexed = _index_queued_rows(rows)
        if indexed is None:
            break
        count += indexed
        done += 1
    return count


def _index_queued_rows(rows) -> int | None:
    """Index the articles of these queue rows and drop the rows; None if there are none."""
    rows = list(rows.values_list("pk", "article_id"))
    if not rows:
        return None
    count = _index_articles(sorted({article_id for _, article_id in rows}), batch_size=QUEUE_BATCH)
    # By primary key, not "up to the last one read": a row committed late with a lower key stays.
    IndexQueue.objects.filter(pk__in=[pk for pk, _ in rows]).delete()
    return count


def _index_articles(article_ids, *, batch_size: int) -> int:
    from ..search_indexes import ArticleIndex, QuoteIndex

    backend, index = connections["default"].get_backend(), archive_index()
    article_ids = list(article_ids)
    count = 0
    for i in range(0, len(article_ids), batch_size):
        batch = article_ids[i : i + batch_size]
        articles = list(ArticleIndex().index_queryset().filter(pk__in=batch))
        quotes = list(QuoteIndex().index_queryset().filter(article_id__in=batch))
        if index is not None:
            index.replace_articles(batch, [(ArticleIndex(), articles), (QuoteIndex(), quotes)])
        else:  # Solr and Elasticsearch: documents are replaced by id; deleted articles removed.
            for pk in set(batch) - {article.pk for article in articles}:
                backend.remove(f"archive.article.{pk}")
            backend.update(ArticleIndex(), articles)
            backend.update(QuoteIndex(), quotes)
        count += len(articles) + len(quotes)
    archive_changed()  # a search server has no generation: the pages must learn of the write
    return count


def unindexed_articles(article_ids) -> list[int]:
    """Those of these articles that the index does not hold: an ingest stopped
    (killed, or the disk full) after storing them and before indexing them."""
    index = archive_index()
    if index is None:
        return []  # a search server lists nothing cheaply: the ingest indexed or reported each batch
    with index_writes():
        indexed = {pk for ct, pk in index.indexed_identifiers() if ct == "archive.article"}
    return [pk for pk in article_ids if str(pk) not in indexed]


@dataclass(frozen=True, kw_only=True)
class IndexDifference:
    """Where the search index and the database disagree. Identifiers are
    haystack's ("archive.quote.12")."""

    missing: frozenset[str]  # in the database, not in the index
    extra: frozenset[str]  # in the index, gone from the database
    stale: frozenset[str]  # in both, but the index holds an older version
    article_ids: frozenset[int]  # reindexing these articles mends the differences...
    strays: frozenset[str]  # ...but these extra documents, which name no article
    documents: int  # documents in the index when checked
    queued: int = 0  # articles queued for the index (IndexQueue) and not yet indexed

    @property
    def agrees(self) -> bool:
        return not (self.missing or self.extra or self.stale or self.queued)


def index_difference(*, compare_content: bool = True) -> IndexDifference:
    """Compare every article and quote in the database with the search index.

    With compare_content, each document is also prepared afresh and compared
    field by field with what the index stores, so a lost update (a corrected
    speaker still indexed under the old one) shows up, not only a lost add or
    delete. Writes that commit while this runs can show as differences: run
    it again, or repair, which always reads the database afresh.
    """
    from haystack.constants import ID

    from ..search_indexes import ArticleIndex, QuoteIndex

    index = archive_index()
    if index is None:
        raise IndexUnavailable(NotImplementedError("a search server cannot list its documents; rebuild_index instead"))
    with index_writes():  # opening a missing index creates it
        stored = {fields[ID]: fields for fields in index.indexed_documents()}
    missing, stale, article_ids = set(), set(), set()
    seen = set()
    for search_index, article_of in ((ArticleIndex(), lambda obj: obj.pk), (QuoteIndex(), lambda obj: obj.article_id)):
        for obj in search_index.index_queryset().iterator(chunk_size=500):
            document = search_index.full_prepare(obj)
            identifier = document[ID]
            seen.add(identifier)
            fields = stored.get(identifier)
            if fields is None:
                missing.add(identifier)
                article_ids.add(article_of(obj))
            elif compare_content and _differs(index, document, fields):
                stale.add(identifier)
                article_ids.add(article_of(obj))
    extra = set(stored) - seen
    strays = set()
    for identifier in extra:
        article_id = str(stored[identifier].get("article_id") or "")
        if article_id.isdigit():
            article_ids.add(int(article_id))
        else:
            strays.add(identifier)
    return IndexDifference(
        missing=frozenset(missing),
        extra=frozenset(extra),
        stale=frozenset(stale),
        article_ids=frozenset(article_ids),
        strays=frozenset(strays),
        documents=len(stored),
        queued=IndexQueue.objects.count(),
    )


def _differs(index: ArchiveIndex, document: dict, stored_fields: dict) -> bool:
    for key, value in document.items():
        if key == "boost":
            continue
        expected = index.as_stored(value)
        if stored_fields.get(key, expected) != expected:
            return True
    return False


def repair_index(difference: IndexDifference) -> int:
    """Mend what `index_difference` found: reindex the articles concerned (which
    drops their deleted quotes too) and the queue, and remove any other stray document."""
    count = index_articles(sorted(difference.article_ids))
    if difference.strays:
        backend = connections["default"].get_backend()
        with index_writes():
            for identifier in sorted(difference.strays):
                backend.remove(identifier)
    return count
