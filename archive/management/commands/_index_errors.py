"""Shared by Redline's wrappers of haystack's index commands."""

from django.core.management.base import CommandError

from archive import services


class PlainIndexErrors:
    """A full disk or a read-only index directory ends the command with one
    clear line on stderr (CommandError), not a traceback."""

    def handle(self, *args, **options):
        try:
            with services.index_writes():
                return super().handle(*args, **options)
        except services.IndexUnavailable as error:
            raise CommandError(str(error)) from error


def reindex_changed(command, article_ids, options) -> None:
    """Reindex the articles a command changed, unless --no-index; an unwritable index is one clear line."""
    if not article_ids or options["no_index"]:
        return
    try:
        count = services.index_articles(sorted(article_ids))
    except services.IndexUnavailable as error:
        raise CommandError(str(error)) from error
    if options["verbosity"] > 0:
        command.stdout.write(f"Reindexed {count} documents.")
