"""haystack's update_index, with a plain error instead of a traceback when the index cannot be written,
and one commit for the whole run."""

from haystack import connections
from haystack.management.commands.update_index import Command as HaystackCommand

from archive import services
from archive.search import ArchiveIndex

from ._index_errors import PlainIndexErrors


class Command(PlainIndexErrors, HaystackCommand):
    def update_backend(self, label, using):
        backend = connections[using].get_backend()
        if self.workers or not isinstance(backend, ArchiveIndex):
            # Worker processes write for themselves, each taking the lock in turn.
            super().update_backend(label, using)
        else:
            # One commit writes one segment; a commit per batch merged segments over and
            # over. Edits saved meanwhile were queued: they are indexed right after.
            with backend.one_commit():
                super().update_backend(label, using)
        services.index_queued()
