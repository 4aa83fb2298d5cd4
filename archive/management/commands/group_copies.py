"""manage.py group_copies: group the quotes and articles held before lineage existed."""

from django.core.management.base import BaseCommand

from archive import services

from ._index_errors import reindex_changed


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
        reindex_changed(self, changed, options)
