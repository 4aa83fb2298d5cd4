"""Redline's Whoosh backend for haystack: one writer at a time, no lost updates.

Whoosh allows a single writer per index and stock haystack meets a busy lock
by logging a LockError and dropping the write. Here every write (update,
remove, clear) first takes an exclusive `flock` on a file beside the index, so
writers from any process, web workers or a bulk ingest, queue in order
instead of colliding. Errors are raised, never swallowed.

It also keeps filter fields untokenized (ID fields) so that speaker, source and
attribution filters and facets match whole values, and opens storage without
mmap, which makes opening a searcher cheap.

Every search has a time budget (settings.REDLINE_SEARCH_SECONDS): past it, the
search answers with what it has found, and says so (`partial`).
"""

from __future__ import annotations

import array
import contextlib
import datetime
import fcntl
import os
import re
import threading
import time

from django.conf import settings
from django.utils.encoding import force_str
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.fields import CharField, MultiValueField
from haystack.utils import get_model_ct
from whoosh.codec import whoosh3
from whoosh.collectors import FilterCollector, TimeLimit, WrappingCollector
from whoosh.fields import ID as WHOOSH_ID
from whoosh.fields import TEXT
from whoosh.filedb.filestore import FileStorage
from whoosh.matching import WrappingMatcher
from whoosh.qparser import FuzzyTermPlugin
from whoosh.query import Or, Term
from whoosh.sorting import Count, FieldFacet, FunctionFacet
from whoosh.util.times import datetime_to_long

WRITE_TIMEOUT_SECONDS = 120
# Processes analysing documents in one-commit (bulk) writes, each writing its own
# segment: more cores index faster, but every segment costs each search a little.
INDEX_PROCESSES = min(os.cpu_count() or 1, 4)
MISSING_DATE = 2**64 - 1  # what Whoosh's date column holds for a document without a date
# The response header (and `"partial": true` in JSON) marking an answer cut short by the budget.
PARTIAL_HEADER = "X-Search-Partial"
PARTIAL_REUSE_SECONDS = 2
RESULTS_KEPT = 40  # hits scored per search: two pages of results, so "next" costs no new search
# How haystack writes a date bound into the query string: " AND published:([20220301000000 to])".
DATE_BOUND = re.compile(r" AND published:\(\[(?:(?P<since>\d{14}) to|to (?P<until>\d{14}))\]\)")


def _cache_missing_columns():
    """Whoosh 2.7.4 looks for a missing length column on disk again for every
    posting of an unscored field (ids, slugs) when it flushes a segment: about
    half of all indexing time. A segment's files never change once written, so
    remembering "no such column" is safe.

    Field lengths, one byte per document, are read whole into memory: BM25 asks
    for one per scored hit, and without mmap each ask was a seek and a read
    (a tenth of search time). That is about half a megabyte at 500,000 documents."""
    reader_class = whoosh3.W3PerDocReader
    if getattr(reader_class, "_redline_caches_missing", False):
        return
    find = reader_class._cached_reader

    def _cached_reader(self, fieldname, column):
        try:
            return self._readers[fieldname]
        except KeyError:
            reader = find(self, fieldname, column)
            if reader is not None and column is whoosh3.LENGTHS_COLUMN:
                colfile, offset, length = self._colfiles[fieldname]
                # Bytes index to ints, as the column reader does; documents past the
                # end of the file have the default length byte, 0.
                reader = colfile.get(offset, length).ljust(self._doccount, b"\0")
            self._readers[fieldname] = reader
            return reader

    reader_class._cached_reader = _cached_reader
    reader_class._redline_caches_missing = True


_cache_missing_columns()


def _flock(lock_file, wait):
    """Take an exclusive flock, waiting for ever (wait=None) or up to `wait` seconds."""
    if wait is None:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        return True
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


class ExactField(CharField):
    """A whole-value field (a slug, an outlet, an id): filtered and faceted as is."""

    field_type = "exact"


class ExactListField(MultiValueField):
    """Several whole values (speaker, weapon or target slugs), each filtered as is.
    Whoosh keeps any list as whole keywords; Solr and Elasticsearch need telling
    (archive/search_servers.py)."""

    field_type = "exact"


class RedlineWhooshBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.silently_fail = False
        self.lock_path = f"{self.path.rstrip(os.sep)}.write-lock" if self.path else None

    def setup(self):
        # Creating the index is a write too: two processes must not both create it.
        with self.write_lock():
            super().setup()
        if self.use_file_storage:
            # Without mmap a searcher opens in milliseconds rather than copying
            # every segment's term dictionary each time.
            self.storage = FileStorage(self.path, supports_mmap=False)
            self.index = self.storage.open_index(schema=self.schema)
        # Haystack adds fuzzy terms ("putin~3"), whose cost grows with the edit distance;
        # Redline offers none, and queries are built from words only (forms.SearchWords).
        self.parser.remove_plugin_class(FuzzyTermPlugin)

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        for _, field in schema.items():
            if isinstance(field, TEXT):
                # Results are shown from the database, nothing sorts on text, and no
                # spelling suggestions are offered: storing each body, a sort column of
                # it and a word graph would only cost time and disk.
                field.stored = False
                field.column_type = None
                field.spelling = False
        for field_class in fields.values():
            if field_class.field_type == ExactField.field_type and not field_class.is_multivalued:
                name = field_class.index_fieldname
                schema.remove(name)
                schema.add(name, WHOOSH_ID(stored=True, sortable=True))
        return content_field_name, schema

    @contextlib.contextmanager
    def write_lock(self, wait=None):
        """Hold the cross-process write lock, waiting for the writer before us:
        for ever, or at most `wait` seconds. Yields whether the lock is held."""
        if not self.use_file_storage or getattr(self, "_holding_lock", False):
            yield True  # RAM storage, or this process already holds the lock (delete_index calls setup)
            return
        os.makedirs(os.path.dirname(self.lock_path) or ".", exist_ok=True)
        with open(self.lock_path, "a") as lock_file:
            if not _flock(lock_file, wait):
                yield False
                return
            self._holding_lock = True
            try:
                yield True
            finally:
                self._holding_lock = False
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _writer(self, **options):
        self.index = self.index.refresh()
        return self.index.writer(timeout=WRITE_TIMEOUT_SECONDS, **options)

    def update(self, index, iterable, commit=True):
        """Replace the documents of these objects: one writer, one commit."""
        documents = self._prepare(index, iterable)
        self._write(deletions=[(ID, document[ID]) for document in documents], documents=documents)

    def remove(self, obj_or_string, commit=True):
        from haystack.utils import get_identifier

        self._write(deletions=[(ID, get_identifier(obj_or_string))])

    def replace_articles(self, article_ids, indexed):
        """Swap every document of these articles (the article and its quotes)
        for fresh ones in one commit, so searchers never see them half-done.
        `indexed` is a list of (SearchIndex, objects) pairs."""
        documents = [document for index, objects in indexed for document in self._prepare(index, objects)]
        self._write(deletions=[("article_id", str(pk)) for pk in article_ids], documents=documents)

    def _prepare(self, index, objects):
        if not self.setup_complete:
            self.setup()
        documents = []
        for obj in objects:
            try:
                document = index.full_prepare(obj)
            except SkipDocument:
                continue
            documents.append({key: self._from_python(value) for key, value in document.items() if key != "boost"})
        return documents

    @contextlib.contextmanager
    def one_commit(self, processes=INDEX_PROCESSES):
        """Hold the lock and one writer for every write inside, and commit once at
        the end: a rebuild then writes one segment per process, where a commit per
        batch made Whoosh merge segments again and again (half of a 10,000-article
        rebuild). Inside another one_commit, writes join its writer."""
        if getattr(self, "_open_writer", None) is not None:
            yield self._open_writer
            return
        if not self.setup_complete:
            self.setup()
        with self.write_lock():
            options = {"procs": processes, "multisegment": True} if processes > 1 else {}
            writer = self._open_writer = self._writer(**options)
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            finally:
                self._open_writer = None
            writer.commit()

    def _write(self, *, deletions=(), documents=()):
        if not deletions and not documents:
            return
        # One process: a web save or an ingest batch is too small to share out.
        with self.one_commit(processes=1) as writer:
            self._add(writer, deletions, documents)

    @staticmethod
    def _add(writer, deletions, documents):
        # One searcher for all the deletions: Whoosh opens one per call otherwise,
        # and update_document one per document.
        if deletions:
            with writer.searcher() as searcher:
                for field, value in deletions:
                    writer.delete_by_term(field, value, searcher=searcher)
        for document in documents:
            writer.add_document(**document)

    def clear(self, models=None, commit=True):
        if not self.setup_complete:
            self.setup()
        with self.write_lock():
            if models is None:
                self.delete_index()
                return
            from haystack.utils import get_model_ct

            writer = self._writer()
            try:
                writer.delete_by_query(Or([Term(DJANGO_CT, get_model_ct(model)) for model in models]))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def optimize(self):
        if not self.setup_complete:
            self.setup()
        with self.write_lock():
            writer = self._writer()
            writer.commit(optimize=True)

    # -- reading ---------------------------------------------------------------
    # Stock haystack opens the index, counts its documents and opens two or three
    # searchers per query, and turns each model restriction into a list of every
    # matching document. Here one searcher is kept per process and refreshed only
    # when a writer has committed, and each restriction becomes a cached filter.

    def _searcher(self):
        if not self.setup_complete:
            self.setup()
        searcher = getattr(self, "_cached_searcher", None)
        if searcher is None:
            searcher = self.index.searcher()
        elif not searcher.up_to_date():
            searcher = searcher.refresh()
            self._filters = {}
        if searcher is not getattr(self, "_cached_searcher", None):
            _budget_postings(searcher)
            self._cached_searcher = searcher
            self._filters = {}
        return searcher

    def _filter(self, searcher, narrow_queries):
        """The documents allowed by every narrow query, cached until the index changes."""
        key = tuple(sorted(narrow_queries))
        if key not in self._filters:
            allowed = None
            for narrow_query in key:
                docs = set(self.parser.parse(force_str(narrow_query)).docs(searcher))
                allowed = docs if allowed is None else allowed & docs
            self._filters[key] = allowed or set()
        return self._filters[key]

    def _dates(self, searcher):
        """Every document's publication date, by document number (None when unknown)."""
        if "published" not in self._filters:
            # Raw column values: datetimes as sortable integers, the largest one where a date is missing.
            reader = searcher.reader()
            # Eight bytes a document (a list of ints took five times that): a worker
            # keeps this for every document of a 100,000-article archive.
            values = reader.column_reader("published", translate=False) if reader.has_column("published") else ()
            self._filters["published"] = array.array("Q", values)
        return self._filters["published"]

    def search(
        self,
        query_string,
        sort_by=None,
        start_offset=0,
        end_offset=None,
        fields="",
        highlight=False,
        facets=None,
        date_facets=None,
        query_facets=None,
        narrow_queries=None,
        spelling_query=None,
        within=None,
        dwithin=None,
        distance_point=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        if not query_string or (len(query_string) <= 1 and query_string != "*"):
            return {"results": [], "hits": 0}
        if not self.setup_complete:
            self.setup()
        if date_facets or query_facets or highlight or spelling_query:
            # Features Redline does not use go the stock way.
            return super().search(
                query_string,
                sort_by=sort_by,
                start_offset=start_offset,
                end_offset=end_offset,
                fields=fields,
                highlight=highlight,
                facets=facets,
                date_facets=date_facets,
                query_facets=query_facets,
                narrow_queries=narrow_queries,
                spelling_query=spelling_query,
                models=models,
                limit_to_registered_models=limit_to_registered_models,
                result_class=result_class,
                **kwargs,
            )
        narrow_queries = set(narrow_queries or ())
        if models:
            narrow_queries.add(" OR ".join(f"{DJANGO_CT}:{get_model_ct(model)}" for model in models))
        # Date bounds become a check on each candidate's date column: as a Whoosh
        # range query they would list every document in the range first.
        since, until = None, None
        for bound in DATE_BOUND.finditer(query_string):
            since = bound.group("since") or since
            until = bound.group("until") or until
        query_string = DATE_BOUND.sub("", query_string)

        searcher = self._searcher()
        parsed = self.parser.parse(force_str(query_string))
        if parsed is None:
            return {"results": [], "hits": 0}
        allowed = None
        if narrow_queries:
            allowed = self._filter(searcher, narrow_queries)
            if not allowed:
                return {"results": [], "hits": 0}
        if since or until:
            allowed = _DateWindow(self._dates(searcher), allowed, since, until)
        page_num, page_length = self.calculate_page(start_offset, end_offset)
        filter_key = (tuple(sorted(narrow_queries)), since, until)
        results, partial = self._results(searcher, parsed, allowed, filter_key, sort_by, facets, page_num * page_length)
        hits = results[page_length * (page_num - 1) : page_length * page_num]
        processed = self._process_results(
            _Page(results, hits, page_num),
            query_string=query_string,
            result_class=result_class,
            facet_types=dict.fromkeys(facets or (), "fields"),
        )
        processed["partial"] = partial
        return processed

    def _results(self, searcher, parsed, allowed, filter_key, sort_by, facets, needed):
        """Whoosh results holding at least `needed` hits, and whether the search ran
        out of time before it had them all. A page view asks for the count and then
        for the page: the second ask reuses the first search."""
        key = (repr(parsed), filter_key, tuple(sort_by or ()), tuple(facets or ()))
        cached = self._recent.get(key) if getattr(self, "_recent_searcher", None) is searcher else None
        if cached is not None:
            results, partial, searched_at = cached
            if partial:
                # Cut short: good for the rest of this request (the page after the count),
                # not for the next one, which may find everything.
                if time.monotonic() - searched_at < PARTIAL_REUSE_SECONDS:
                    return results, partial
            elif results.scored_length() >= needed or results.scored_length() == len(results):
                return results, partial
        # Without block-quality skipping the top-N pass counts every hit as it goes;
        # with it, Whoosh skips nothing on these queries yet runs the whole query
        # a second time to count.
        search_kwargs = {"limit": max(needed, RESULTS_KEPT), "optimize": False}
        if allowed is not None:
            search_kwargs["filter"] = allowed
        if sort_by == ["published"] or sort_by == ["-published"]:
            # By date from the cached date column, undated documents last either way.
            dates, newest_first = self._dates(searcher), sort_by[0].startswith("-")

            def by_date(searcher, docnum):
                published = dates[docnum] if docnum < len(dates) else MISSING_DATE
                if published == MISSING_DATE:
                    return (1, 0)
                return (0, -published if newest_first else published)

            search_kwargs["sortedby"] = FunctionFacet(by_date)
        elif sort_by:
            search_kwargs["sortedby"] = [field.lstrip("-") for field in sort_by]
            search_kwargs["reverse"] = sort_by[0].startswith("-")
        if facets:
            search_kwargs["groupedby"] = [FieldFacet(facet, allow_overlap=True, maptype=Count) for facet in facets]
        # The budget sits inside the filter, which wraps last so that it sees every match
        # first: Whoosh's TimeLimitCollector, wrapping a filter, would skip the filter.
        allowed_docs = search_kwargs.pop("filter", None)
        budget = _Budget(searcher.collector(**search_kwargs))
        collector = budget if allowed_docs is None else FilterCollector(budget, allow=allowed_docs)
        partial = False
        _search_deadline.at = time.monotonic() + settings.REDLINE_SEARCH_SECONDS
        try:
            searcher.search_with_collector(parsed, collector)
        except TimeLimit:
            partial = True  # what was collected in time is the answer
        finally:
            _search_deadline.at = None
        results = collector.results()
        if getattr(self, "_recent_searcher", None) is not searcher:
            self._recent_searcher, self._recent = searcher, {}
        if len(self._recent) > 64:
            self._recent.clear()
        self._recent[key] = results, partial, time.monotonic()
        return results, partial

    def generation(self):
        """The number of the index's latest commit: it changes with every write."""
        if not self.setup_complete:
            self.setup()
        return self.index.latest_generation()

    def indexed_identifiers(self):
        """Every (django_ct, django_id) in the index, for consistency checks."""
        return {(fields[DJANGO_CT], fields[DJANGO_ID]) for fields in self.indexed_documents()}

    def indexed_documents(self):
        """The stored fields of every document, for `manage.py check_index`."""
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        with self.index.searcher() as searcher:
            return list(searcher.all_stored_fields())


# The deadline of the search this thread is running, if any. A search's time goes in
# two places: stepping through posting lists (a long phrase of common words steps a lot
# and may find nothing) and collecting what matched (a common word finds a lot); each
# checks the clock, and past the deadline stops the search with TimeLimit.
_search_deadline = threading.local()


def _check_deadline():
    deadline = getattr(_search_deadline, "at", None)
    if deadline is not None and time.monotonic() >= deadline:
        raise TimeLimit


class _Budget(WrappingCollector):
    """Stops collecting at the search's deadline, like Whoosh's TimeLimitCollector but
    reading the clock at each match rather than starting a timer thread (or a SIGALRM,
    which would interrupt the worker anywhere): the matches handled so far stay collected."""

    def matches(self):
        for docnum in self.child.matches():
            yield docnum  # collected (or filtered out) before the clock is read
            _check_deadline()


class _BudgetedPostings(WrappingMatcher):
    """A term's postings that read the clock at every step."""

    def next(self):
        _check_deadline()
        return self.child.next()

    def skip_to(self, id):
        _check_deadline()
        return self.child.skip_to(id)

    def all_ids(self):
        for docnum in self.child.all_ids():
            yield docnum
            _check_deadline()


def _budget_postings(searcher):
    """Give every term's postings in this searcher's segments a clock to read."""
    for leaf, _ in searcher.leaf_searchers():
        postings = leaf.postings

        def budgeted(fieldname, text, weighting=None, qf=1, postings=postings):
            return _BudgetedPostings(postings(fieldname, text, weighting=weighting, qf=qf))

        leaf.postings = budgeted


class _DateWindow(set):
    """A Whoosh filter that admits a document when its date is within bounds
    (and, if given, it is in `allowed`). Whoosh only asks `docnum in filter`."""

    def __init__(self, dates, allowed, since, until):
        super().__init__()
        self.dates, self.allowed = dates, allowed
        self.since = datetime_to_long(datetime.datetime.strptime(since, "%Y%m%d%H%M%S")) if since else 0
        self.until = datetime_to_long(datetime.datetime.strptime(until, "%Y%m%d%H%M%S")) if until else MISSING_DATE - 1

    def __bool__(self):
        return True

    def __contains__(self, docnum):
        if self.allowed is not None and docnum not in self.allowed:
            return False
        published = self.dates[docnum] if docnum < len(self.dates) else MISSING_DATE
        return self.since <= published <= self.until


class _Page:
    """Just enough of a Whoosh ResultsPage for haystack's result processing."""

    def __init__(self, results, hits, pagenum):
        self.results, self.hits, self.pagenum = results, hits, pagenum

    def __len__(self):
        return len(self.results)

    def __iter__(self):
        return iter(self.hits)

    def score(self, n):
        return self.hits[n].score


class RedlineWhooshSearchQuery(WhooshSearchQuery):
    """Haystack's Whoosh query, remembering whether the backend ran out of time."""

    partial = False

    def run(self, spelling_query=None, **kwargs):
        search_kwargs = self.build_params(spelling_query=spelling_query)
        search_kwargs.update(kwargs)
        results = self.backend.search(self.build_query(), **search_kwargs)
        self._results = results.get("results", [])
        self._hit_count = results.get("hits", 0)
        self._facet_counts = self.post_process_facets(results)
        self._spelling_suggestion = results.get("spelling_suggestion", None)
        self.partial = self.partial or results.get("partial", False)


def search_was_partial(results) -> bool:
    """Whether a search (a SearchQuerySet once evaluated) stopped at its time budget; False for a database browse."""
    return bool(getattr(getattr(results, "query", None), "partial", False))


class RedlineWhooshEngine(WhooshEngine):
    backend = RedlineWhooshBackend
    query = RedlineWhooshSearchQuery
