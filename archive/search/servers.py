"""The engines for a search server, chosen by REDLINE_SEARCH_URL (README, "Scaling out").

haystack's Solr and Elasticsearch 7 backends map every field they do not know
to analysed English text. Redline's whole-value fields (ExactField,
ExactListField: speaker, outlet, weapon slugs...) must stay whole, or the
filter speaker=vladimir-putin would also match the words of
"vladimir-putin-2" and stemmed forms; here they become Solr `string` and
Elasticsearch `keyword` fields.
"""

from haystack.backends.elasticsearch7_backend import (
    Elasticsearch7SearchBackend,
    Elasticsearch7SearchEngine,
)
from haystack.backends.solr_backend import SolrEngine, SolrSearchBackend

from .fields import ExactField


class RedlineSolrBackend(SolrSearchBackend):
    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        exact = {field.index_fieldname for field in fields.values() if field.field_type == ExactField.field_type}
        for field in schema:
            if field["field_name"] in exact:
                field["type"] = "string"
        return content_field_name, schema


class RedlineSolrEngine(SolrEngine):
    backend = RedlineSolrBackend


class RedlineElasticsearchBackend(Elasticsearch7SearchBackend):
    FIELD_MAPPINGS = {**Elasticsearch7SearchBackend.FIELD_MAPPINGS, ExactField.field_type: {"type": "keyword"}}


class RedlineElasticsearchEngine(Elasticsearch7SearchEngine):
    backend = RedlineElasticsearchBackend
