"""manage.py resolve_speakers: make every person one speaker again, with the current rules."""

from django.core.management.base import BaseCommand

from archive import services

from ._index_errors import reindex_changed


class Command(BaseCommand):
    help = (
        "Resolve the whole archive's speakers again: one speaker per person however the archive spells the name "
        "(transliterations, short first names, a surname alone where one person holds it), folding duplicates into "
        "the most quoted and leaving a redirect from each folded speaker's slug. Speakers an editor made, edited, "
        "merged or gave a quote are never folded into another. Run it after the name rules change; then the "
        "articles whose quotes moved are reindexed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-index", action="store_true", help="Do not reindex (then `manage.py rebuild_index`).")

    def handle(self, *args, **options):
        result = services.resolve_speakers()
        if options["verbosity"] > 0:
            self.stdout.write(
                f"Resolved {result.speakers_before} speakers to {result.speakers_after}: {result.folded} folded into "
                f"another, {result.quotes_moved} quotes moved in {len(result.article_ids)} article(s)."
            )
        reindex_changed(self, result.article_ids, options)
