"""manage.py ingest PATH...: add articles from .txt files, .jsonl records and directories."""

import time

from django.core.management.base import BaseCommand, CommandError

from archive import services
from archive.ingest.files import UnreadableInput, iter_paths, read_inputs

INDEX_BATCH = 500


class Command(BaseCommand):
    help = (
        "Ingest articles: .txt files, .jsonl records (id, title, text, source, author, published, url) "
        "and directories of them. The same content never makes a second article."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or directories to ingest.")
        parser.add_argument(
            "--no-index", action="store_true", help="Skip the search index (run rebuild_index later)."
        )
        parser.add_argument(
            "--limit", type=int, default=None, help="Stop after this many new articles (for trials)."
        )

    def handle(self, *paths, **options):
        self.verbosity = options["verbosity"]
        created, existing, failed, pending = 0, 0, 0, []
        started = time.monotonic()
        last_report = started
        lookups = services.ArchiveLookups()
        for path in iter_paths(options["paths"]):
            if not path.exists():
                self.stderr.write(f"{path}: no such file or directory.")
                failed += 1
                continue
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
                try:
                    result = services.ingest_article(
                        raw_text=item.raw_text,
                        title=item.title,
                        authors=item.authors,
                        source=item.source,
                        published=item.published,
                        url=item.url,
                        index=False,
                        lookups=lookups,
                    )
                except Exception as error:  # one bad article is reported; the run goes on
                    self.stderr.write(f"{item.label}: could not be ingested: {error}")
                    failed += 1
                    continue
                if result.created:
                    created += 1
                    pending.append(result.article.pk)
                    if self.verbosity >= 2:
                        self.stdout.write(f"{item.label}: article {result.article.pk}: {result.article.title}")
                else:
                    existing += 1
                    if self.verbosity >= 2:
                        self.stdout.write(f"{item.label}: already held as article {result.article.pk}")
                if len(pending) >= INDEX_BATCH and not options["no_index"]:
                    services.index_articles(pending)
                    pending = []
                if self.verbosity >= 1 and time.monotonic() - last_report > 5:
                    last_report = time.monotonic()
                    rate = (created + existing) / (last_report - started)
                    self.stderr.write(f"… {created} new, {existing} already held, {failed} failed ({rate:.0f}/s)")
                if options["limit"] is not None and created >= options["limit"]:
                    break
        if pending and not options["no_index"]:
            services.index_articles(pending)
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Ingested {created} new article{'s' if created != 1 else ''}, {existing} already held, "
            f"{failed} failed, in {seconds:.1f} s."
        )
        if failed and not created and not existing:
            raise CommandError("Nothing could be ingested.")
