"""The only way to write to the archive, one module a noun.

- ingest: raw text, a file, an upload or a web page in; an article with its quotes out
- speakers: the archive's speakers for an article's, merging duplicates, resolving the archive again
- lineage: copies of one quote, and of one article, across outlets
- escalation: coding stored quotes with the lexicon and the editors' terms
- editing: what editors correct in the admin
- reviewing: an editor's review of an article's quotes (accept, reject, make, move)
- merges: speaker merges an editor confirmed, recorded to be undone
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
    ParallelExtraction,
    find_duplicate,
    ingest_article,
    ingest_web_page,
    read_upload,
    read_web_page,
    reingest_article,
)
from .lineage import group_copies, join_article_group, join_quote_groups
from .merges import FoldedSpeaker, merge_plan, merge_recorded, undo_merge
from .reviewing import (
    accept_quote,
    add_quote,
    move_quote,
    new_speaker,
    nudge_quote,
    nudged_span,
    quote_span,
    reject_quote,
    restore_quote,
    set_speaker,
)
from .speakers import ArchiveLookups, merge_speakers, redirect_slug, resolve_speakers

__all__ = [
    "CORRECTED_FIELDS",
    "ArchiveLookups",
    "FoldedSpeaker",
    "BatchIndexer",
    "IndexDifference",
    "IndexUnavailable",
    "IngestResult",
    "ParallelExtraction",
    "accept_quote",
    "add_quote",
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
    "merge_plan",
    "merge_recorded",
    "merge_speakers",
    "move_quote",
    "new_speaker",
    "nudge_quote",
    "nudged_span",
    "quote_span",
    "redirect_slug",
    "resolve_speakers",
    "read_upload",
    "read_web_page",
    "recode_escalation",
    "reindex_after_commit",
    "reingest_article",
    "reject_quote",
    "restore_quote",
    "repair_index",
    "save_article",
    "save_quote",
    "save_speaker",
    "set_speaker",
    "term_slugs",
    "delete_articles",
    "delete_quote",
    "undo_merge",
    "unindexed_articles",
]
