"""Redline's field types for haystack's search indexes, for every engine.

Whole-value fields (a slug, an outlet, an id) are filtered and faceted as they
are: Whoosh keeps them as ID fields (archive/search/writes.py), Solr as `string`
and Elasticsearch as `keyword` (archive/search/servers.py).
"""

from haystack.fields import CharField, MultiValueField


class ExactField(CharField):
    """A whole-value field (a slug, an outlet, an id): filtered and faceted as is."""

    field_type = "exact"


class ExactListField(MultiValueField):
    """Several whole values (speaker, weapon or target slugs), each filtered as is.
    Whoosh keeps any list as whole keywords; Solr and Elasticsearch need telling
    (archive/search/servers.py)."""

    field_type = "exact"
