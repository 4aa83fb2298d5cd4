"""manage.py ingest PATH_OR_URL...: add articles from .txt/.html files, .jsonl records, directories and web pages."""

import ctypes
import multiprocessing
import os
import signal
import sys
import time

from django import db
from django.core.management.base import BaseCommand, CommandError
from haystack import connections as search_connections

from archive import services
from archive.ingest.files import UnreadableInput, iter_paths, read_inputs

WEB_SCHEMES = ("http://", "https://")

INDEX_BATCH = 500


class Command(BaseCommand):
    help = (
        "Ingest articles: .txt files, saved .html pages, .jsonl records (id, title, text, source, author, "
        "published, url), directories of them, and web page URLs (fetched; the HTML is kept). "
        "The same content or URL never makes a second article."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", help="Files, directories, or http(s):// URLs of web pages to fetch and ingest."
        )
        parser.add_argument("--no-index", action="store_true", help="Skip the search index (run rebuild_index later).")
        parser.add_argument("--limit", type=int, default=None, help="Stop after this many new articles (for trials).")

    def handle(self, *paths, **options):
        try:
            self.ingest(**options)
        except services.IndexUnavailable as error:
            raise CommandError(str(error)) from error

    def ingest(self, **options):
        self.verbosity = options["verbosity"]
        created, existing, failed, pending, held = 0, 0, 0, [], []
        started = time.monotonic()
        last_report = started
        lookups = services.ArchiveLookups()
        indexer = None if options["no_index"] else BackgroundIndexer.start()
        indexed = []  # handed to the background indexer
        urls = [target for target in options["paths"] if target.startswith(WEB_SCHEMES)]
        paths = [target for target in options["paths"] if not target.startswith(WEB_SCHEMES)]
        for path in [*urls, *iter_paths(paths)]:
            if isinstance(path, str):  # a web page: fetched, checked and stored by one service call
                inputs = iter([path])
            elif not path.exists():
                self.stderr.write(f"{path}: no such file or directory.")
                failed += 1
                continue
            else:
                inputs = read_inputs(path)
            while True:
                try:
                    item = next(inputs)
                except StopIteration:
                    break
                except (UnreadableInput, OSError) as error:
                    self.stderr.write(str(error))
                    failed += 1
                    break
                label = item if isinstance(item, str) else item.label
                try:
                    if isinstance(item, str):
                        result = services.ingest_web_page(item, index=False, lookups=lookups)
                    else:
                        result = services.ingest_input(item, index=False, lookups=lookups)
                except UnreadableInput as error:  # a page that does not answer, is not HTML, is private...
                    self.stderr.write(str(error))
                    failed += 1
                    continue
                except Exception as error:  # one bad article is reported; the run goes on
                    self.stderr.write(f"{label}: could not be ingested: {error}")
                    failed += 1
                    continue
                if result.created:
                    created += 1
                    pending.append(result.article.pk)
                    if self.verbosity >= 2:
                        self.stdout.write(f"{label}: article {result.article.pk}: {result.article.title}")
                else:
                    existing += 1
                    held.append(result.article.pk)
                    if self.verbosity >= 2:
                        self.stdout.write(f"{label}: already held as article {result.article.pk}")
                if len(pending) >= INDEX_BATCH and not options["no_index"]:
                    self.index(pending, indexer, indexed)
                    pending = []
                if self.verbosity >= 1 and time.monotonic() - last_report > 5:
                    last_report = time.monotonic()
                    rate = (created + existing) / (last_report - started)
                    self.stderr.write(f"… {created} new, {existing} already held, {failed} failed ({rate:.0f}/s)")
                if options["limit"] is not None and created >= options["limit"]:
                    break
        if not options["no_index"]:
            self.index(pending, indexer, indexed)
            # What the background indexer could not do (a full disk, say) is done here, which reports why,
            # with the articles a killed run stored but never indexed.
            left = [] if indexer is None or indexer.finish() else services.unindexed_articles(indexed)
            left += services.unindexed_articles(held)
            if left:
                services.index_articles(left)
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Ingested {created} new article{'s' if created != 1 else ''}, {existing} already held, "
            f"{failed} failed, in {seconds:.1f} s."
        )
        if failed and not created and not existing:
            raise CommandError("Nothing could be ingested.")

    @staticmethod
    def index(article_ids, indexer, indexed) -> None:
        """Hand a batch to the background indexer, or index it here if there is none (or it stopped)."""
        if not article_ids:
            return
        if indexer is not None and indexer.send(article_ids):
            indexed.extend(article_ids)
        else:
            services.index_articles(article_ids)


class BackgroundIndexer:
    """Indexes an ingest's batches in a forked process while the ingest goes on.

    Whoosh indexes in pure Python, about a quarter of an article's cost, so on a
    second core it overlaps extraction and the database writes instead of
    following them. The child dies with the ingest (a kill -9 stops both, as it
    stopped one process before), and a batch it could not index is indexed
    again by the ingest itself, which reports why if it cannot either.
    """

    def __init__(self):
        # A forked child must open database connections of its own, never share the parent's.
        db.connections.close_all()
        context = multiprocessing.get_context("fork")
        receiver, self._sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_index_batches, args=(receiver, os.getpid()), daemon=True)
        self._process.start()
        receiver.close()

    @classmethod
    def start(cls):
        connection = db.connections["default"]
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            return None  # a forked child would see a frozen copy of a database held in memory (tests)
        return cls()

    def send(self, article_ids) -> bool:
        """Hand over a batch; False if the indexer has stopped."""
        if not self._process.is_alive():
            return False
        try:
            self._sender.send(list(article_ids))
        except OSError:
            return False
        return True

    def finish(self) -> bool:
        """Wait for every batch handed over; True if all were indexed."""
        try:
            self._sender.send(None)
        except OSError:
            pass
        self._sender.close()
        self._process.join()
        return self._process.exitcode == 0


def _index_batches(receiver, parent_pid):
    if sys.platform.startswith("linux"):
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:
        sys.exit(1)  # the ingest was killed before the line above
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the ingest, which then ends this process
    search_connections.reload("default")  # no searcher or file shared with the parent
    try:
        for article_ids in iter(receiver.recv, None):
            services.index_articles(article_ids)
    except services.IndexUnavailable:
        sys.exit(1)  # quietly: the ingest tries these articles itself and reports why it cannot
    finally:
        db.connections.close_all()
