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
