"""manage.py check_index [--repair]: does the search index hold exactly what the database holds?"""

from django.core.management.base import BaseCommand, CommandError

from archive import services

SHOWN = 20  # identifiers listed per kind of difference, unless -v 2


class Command(BaseCommand):
    help = (
        "Compare the search index with the database: documents missing from the index, documents of "
        "deleted articles or quotes still in it, and documents older than the database. Exits 1 when "
        "they differ (0 after --repair mends them)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Reindex what differs, then check again.")
        parser.add_argument(
            "--ids-only",
            action="store_true",
            help="Compare which documents exist, not their content (faster on a large archive).",
        )

    def handle(self, *args, **options):
        compare_content = not options["ids_only"]
        try:
            difference = services.index_difference(compare_content=compare_content)
            self._report(difference, options["verbosity"])
            if difference.agrees:
                return
            if not options["repair"]:
                raise CommandError("The index and the database differ: run `manage.py check_index --repair`.")
            count = services.repair_index(difference)
            self.stdout.write(
                f"Repaired: reindexed {len(difference.article_ids)} article(s) ({count} documents), "
                f"removed {len(difference.strays)} stray document(s)."
            )
            after = services.index_difference(compare_content=compare_content)
            self._report(after, options["verbosity"])
            if not after.agrees:
                raise CommandError("Still differs after repair: writes may be going on; run it again.")
        except services.IndexUnavailable as error:
            raise CommandError(str(error)) from error

    def _report(self, difference, verbosity):
        if difference.agrees:
            self.stdout.write(f"The index agrees with the database ({difference.documents} documents).")
            return
        if difference.queued:
            self.stdout.write(f"{difference.queued} article update(s) queued for the index, not yet indexed.")
        for label, identifiers in (
            ("missing from the index", difference.missing),
            ("in the index but not in the database", difference.extra),
            ("out of date in the index", difference.stale),
        ):
            if not identifiers:
                continue
            listed = sorted(identifiers)
            if verbosity < 2:
                listed = listed[:SHOWN] + ([f"… and {len(listed) - SHOWN} more"] if len(listed) > SHOWN else [])
            self.stdout.write(f"{len(identifiers)} {label}: {', '.join(listed)}")
