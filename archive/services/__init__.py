"""The only way to write to the archive, one module a noun.

- ingest: raw text, a file, an upload or a web page in; an article with its quotes out
- speakers: the archive's speakers for an article's, and merging duplicates
- lineage: copies of one quote, and of one article, across outlets
- escalation: coding stored quotes with the lexicon and the editors' terms
- editing: what editors correct in the admin
- indexing: every write to the search index

The names below are the services' public face: callers write `services.ingest_article(...)`.
"""

from .editing import CORRECTED_FIELDS, delete_articles, delete_quote, save_article, save_quote, save_speaker
from .escalation import (
    apply_code,
    code_escalation,
    coding_reasons,
    escalation_lexicon,
    recode_escalation,
    term_slugs,
)
from .indexing import (
    BatchIndexer,
    IndexDifference,
    IndexUnavailable,
    index_articles,
    index_difference,
    index_queued,
    index_writes,
    reindex_after_commit,
    repair_index,
    unindexed_articles,
)
from .ingest import (
    IngestResult,
    find_duplicate,
    ingest_article,
    ingest_web_page,
    read_upload,
    read_web_page,
    reingest_article,
)
from .lineage import group_copies, join_article_group, join_quote_groups
from .speakers import ArchiveLookups, merge_speakers, redirect_slug

__all__ = [
    "CORRECTED_FIELDS",
    "ArchiveLookups",
    "BatchIndexer",
    "IndexDifference",
    "IndexUnavailable",
    "IngestResult",
    "apply_code",
    "code_escalation",
    "coding_reasons",
    "escalation_lexicon",
    "find_duplicate",
    "group_copies",
    "index_articles",
    "index_difference",
    "index_queued",
    "index_writes",
    "ingest_article",
    "ingest_web_page",
    "join_article_group",
    "join_quote_groups",
    "merge_speakers",
    "redirect_slug",
    "read_upload",
    "read_web_page",
    "recode_escalation",
    "reindex_after_commit",
    "reingest_article",
    "repair_index",
    "save_article",
    "save_quote",
    "save_speaker",
    "term_slugs",
    "delete_articles",
    "delete_quote",
    "unindexed_articles",
]
