"""haystack's clear_index, with a plain error instead of a traceback when the index cannot be written."""

from haystack.management.commands.clear_index import Command as HaystackCommand

from ._index_errors import PlainIndexErrors


class Command(PlainIndexErrors, HaystackCommand):
    pass
