"""manage.py ingest PATH_OR_URL...: add articles from .txt/.html files, .jsonl records, directories and web pages."""

import contextlib
import os
import time
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand, CommandError

from archive import services
from archive.ingest.files import iter_paths, read_inputs
from archive.ingest.records import UnreadableInput

from ._index_errors import reindex_changed

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
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes extracting articles while this one stores them (default: one per core); 1 extracts "
            "here. The archive made is the same whatever the number.",
        )

    def handle(self, *paths, **options):
        if options["processes"] < 1:
            raise CommandError("--processes must be 1 or more.")
        lookups = services.ArchiveLookups()
        try:
            with contextlib.ExitStack() as stack:
                # The extraction workers first: they are forked before the indexer, so never hold its pipe.
                extraction = (
                    stack.enter_context(services.ParallelExtraction(options["processes"], lookups))
                    if options["processes"] > 1
                    else None
                )
                indexer = None if options["no_index"] else stack.enter_context(services.BatchIndexer())
                tally = self.ingest(indexer, lookups, extraction, **options)
        except services.IndexUnavailable as error:
            raise CommandError(str(error)) from error
        # The run's caches of the archive are done with; the pass below reads it afresh
        # and may reuse their memory rather than add to the run's peak.
        del lookups, extraction, indexer
        if tally.created:
            self._resolve_speakers(options)  # once the indexer is done: one writer at a time
        self._summary(tally)

    def ingest(self, indexer, lookups, extraction, **options):
        self.verbosity = options["verbosity"]
        now = time.monotonic()
        tally = _Tally(started=now, last_report=now)
        inputs = self._inputs(options["paths"], tally)
        pairs = extraction.extracted(inputs) if extraction is not None else ((item, None) for item in inputs)
        for item, extracted in pairs:
            result = self._ingest_one(item, lookups, tally, extracted)
            if result is not None and result.created and extraction is not None:
                extraction.stored(result)
            if result is not None and result.created and indexer is not None and len(tally.pending) >= INDEX_BATCH:
                indexer.add(tally.pending)
                tally.pending = []
            self._progress(tally)
            if options["limit"] is not None and tally.created >= options["limit"]:
                break
        if indexer is not None:
            indexer.add(tally.pending)
            indexer.finish()
            # A run that was killed before indexing left articles stored but unsearchable.
            left = services.unindexed_articles(tally.held) if tally.held else []
            if left:
                services.index_articles(left)
        if extraction is not None and self.verbosity >= 2:
            self.stdout.write(
                f"{extraction.extracted_again} article(s) extracted again here: they asked about a role "
                "learned after they went to a worker."
            )
        return tally

    def _resolve_speakers(self, options):
        """What the run learned about people reaches the articles stored before it
        learned it: a slip of one letter ("Gaidai") beside a spelling quoted three times
        as often, a surname that has come to have one owner. Each article was resolved
        against the archive as it stood; this pass resolves the whole archive at once, so
        the speakers do not depend on the order the articles came in."""
        result = services.resolve_speakers()
        if self.verbosity >= 1 and result.folded:
            self.stdout.write(
                f"Resolved speakers again: {result.folded} folded into another, "
                f"{result.quotes_moved} quotes moved in {len(result.article_ids)} article(s)."
            )
        reindex_changed(self, result.article_ids, options)

    def _inputs(self, targets, tally):
        """Each article input of the files, directories and web page URLs given, in order
        (a URL as itself: the service fetches it); an unreadable file is reported and counted."""
        urls = [target for target in targets if target.startswith(WEB_SCHEMES)]
        yield from urls
        for path in iter_paths([target for target in targets if not target.startswith(WEB_SCHEMES)]):
            if not path.exists():
                self._failed(tally, f"{path}: no such file or directory.")
                continue
            try:
                yield from read_inputs(path)
            except (UnreadableInput, OSError) as error:  # the lines before a bad one were read
                self._failed(tally, str(error))

    def _ingest_one(self, item, lookups, tally, extracted=None):
        """Store one article (or fetch and store one page); a failure is reported and counted."""
        label = item if isinstance(item, str) else item.label
        try:
            if isinstance(item, str):
                result = services.ingest_web_page(item, index=False, lookups=lookups)
            else:
                result = services.ingest_article(item, index=False, lookups=lookups, extracted=extracted)
        except UnreadableInput as error:  # a page that does not answer, is not HTML, is private...
            self._failed(tally, str(error))
            return None
        except Exception as error:  # one bad article is reported; the run goes on
            self._failed(tally, f"{label}: could not be ingested: {error}")
            return None
        if result.quote_cap_message():
            self.stderr.write(f"{label}: {result.quote_cap_message()}")
        if result.created:
            tally.created += 1
            tally.pending.append(result.article.pk)
            if self.verbosity >= 2:
                self.stdout.write(f"{label}: article {result.article.pk}: {result.article.title}")
        else:
            tally.existing += 1
            tally.held.append(result.article.pk)
            if self.verbosity >= 2:
                self.stdout.write(f"{label}: already held as article {result.article.pk}")
        return result

    def _failed(self, tally, message):
        self.stderr.write(message)
        tally.failed += 1

    def _progress(self, tally):
        if self.verbosity >= 1 and time.monotonic() - tally.last_report > 5:
            tally.last_report = time.monotonic()
            rate = (tally.created + tally.existing) / (tally.last_report - tally.started)
            self.stderr.write(
                f"… {tally.created} new, {tally.existing} already held, {tally.failed} failed ({rate:.0f}/s)"
            )

    def _summary(self, tally):
        created, existing, failed = tally.created, tally.existing, tally.failed
        if self.verbosity >= 1:
            self.stdout.write(
                f"Ingested {created} new article{'s' if created != 1 else ''}, {existing} already held, "
                f"{failed} failed, in {time.monotonic() - tally.started:.1f} s."
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


@dataclass
class _Tally:
    """What a run has done so far."""

    started: float
    created: int = 0
    existing: int = 0
    failed: int = 0
    pending: list = field(default_factory=list)  # new articles not yet handed to the indexer
    held: list = field(default_factory=list)  # articles already held (a killed run may have left them unindexed)
    last_report: float = 0.0
