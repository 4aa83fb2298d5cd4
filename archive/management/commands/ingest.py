"""manage.py ingest PATH_OR_URL...: add articles from .txt/.html files, .jsonl records, directories and web pages."""

import contextlib
import time

from django.core.management.base import BaseCommand, CommandError

from archive import services
from archive.ingest.files import iter_paths, read_inputs
from archive.ingest.records import UnreadableInput

WEB_SCHEMES = ("http://", "https://")

INDEX_BATCH = 500


class Command(BaseCommand):
    help = (
        "Ingest articles: .txt files, saved .html pages, .jsonl records (id, title, text, source, author, "
        "published, url), directories of them, and web page URLs (fetched; the HTML is kept). "
        "The same content or URL never makes a second article. Exits with status 1 when any input "
        "failed, 0 when every one was ingested or already held."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", help="Files, directories, or http(s):// URLs of web pages to fetch and ingest."
        )
        parser.add_argument("--no-index", action="store_true", help="Skip the search index (run rebuild_index later).")
        parser.add_argument("--limit", type=int, default=None, help="Stop after this many new articles (for trials).")

    def handle(self, *paths, **options):
        try:
            with contextlib.ExitStack() as stack:
                indexer = None if options["no_index"] else stack.enter_context(services.BatchIndexer())
                self.ingest(indexer, **options)
        except services.IndexUnavailable as error:
            raise CommandError(str(error)) from error

    def ingest(self, indexer, **options):
        self.verbosity = options["verbosity"]
        created, existing, failed, pending, held = 0, 0, 0, [], []
        started = time.monotonic()
        last_report = started
        lookups = services.ArchiveLookups()
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
                        result = services.ingest_article(item, index=False, lookups=lookups)
                except UnreadableInput as error:  # a page that does not answer, is not HTML, is private...
                    self.stderr.write(str(error))
                    failed += 1
                    continue
                except Exception as error:  # one bad article is reported; the run goes on
                    self.stderr.write(f"{label}: could not be ingested: {error}")
                    failed += 1
                    continue
                if result.quote_cap_message():
                    self.stderr.write(f"{label}: {result.quote_cap_message()}")
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
                if len(pending) >= INDEX_BATCH and indexer is not None:
                    indexer.add(pending)
                    pending = []
                if self.verbosity >= 1 and time.monotonic() - last_report > 5:
                    last_report = time.monotonic()
                    rate = (created + existing) / (last_report - started)
                    self.stderr.write(f"… {created} new, {existing} already held, {failed} failed ({rate:.0f}/s)")
                if options["limit"] is not None and created >= options["limit"]:
                    break
        if indexer is not None:
            indexer.add(pending)
            indexer.finish()
            # A run that was killed before indexing left articles stored but unsearchable.
            left = services.unindexed_articles(held) if held else []
            if left:
                services.index_articles(left)
        seconds = time.monotonic() - started
        if self.verbosity >= 1:
            self.stdout.write(
                f"Ingested {created} new article{'s' if created != 1 else ''}, {existing} already held, "
                f"{failed} failed, in {seconds:.1f} s."
            )
        # Exit status 1 when anything failed, so a script or cron job notices; what was
        # readable is stored all the same.
        if failed and not created and not existing:
            raise CommandError(f"Nothing could be ingested: {failed} input{'s' if failed != 1 else ''} failed.")
        if failed:
            raise CommandError(
                f"{failed} input{'s' if failed != 1 else ''} failed (reported above); "
                f"{created + existing} ingested or already held."
            )
