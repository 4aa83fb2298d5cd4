"""manage.py group_copies: group the quotes and articles held before lineage existed."""

from django.core.management.base import BaseCommand, CommandError

from archive import services


class Command(BaseCommand):
    help = (
        "Group copies of the same quote, and near-duplicate articles, for quotes and articles that have no "
        "group yet (ingest groups new ones itself), oldest article first; then reindex them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-index", action="store_true", help="Do not reindex (then `manage.py rebuild_index`).")

    def handle(self, *args, **options):
        changed = services.group_copies()
        self.stdout.write(f"Grouped the quotes of {len(changed)} article(s).")
        if changed and not options["no_index"]:
            try:
                count = services.index_articles(sorted(changed))
            except services.IndexUnavailable as error:
                raise CommandError(str(error)) from error
            if options["verbosity"] > 0:
                self.stdout.write(f"Reindexed {count} documents.")
