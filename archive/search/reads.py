"""Reading Redline's Whoosh index: one searcher per process, cached filters, a time budget.

Stock haystack opens the index, counts its documents and opens two or three
searchers per query, and turns each model restriction into a list of every
matching document. Here one searcher is kept per process and refreshed only
when a writer has committed, and each restriction becomes a cached filter.

Every search has a time budget (settings.REDLINE_SEARCH_SECONDS): past it, the
search answers with what it has found, and says so (`partial`).
"""

from __future__ import annotations

import array
import bisect
import datetime
import re
import threading
import time

from django.conf import settings
from django.utils.encoding import force_str
from haystack import connections
from haystack.backends.whoosh_backend import WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID
from haystack.models import SearchResult
from haystack.utils import get_model_ct
from whoosh.codec import whoosh3
from whoosh.collectors import FilterCollector, TimeLimit, WrappingCollector
from whoosh.matching import ReadTooFar
from whoosh.sorting import Count, FieldFacet, FunctionFacet
from whoosh.support.levenshtein import distance
from whoosh.util.times import datetime_to_long

MISSING_DATE = 2**64 - 1  # what Whoosh's date column holds for a document without a date
PARTIAL_REUSE_SECONDS = 2
RESULTS_KEPT = 40  # hits scored per search: two pages of results, so "next" costs no new search
# How haystack writes a date bound into the query string: " AND published:([20220301000000 to])".
DATE_BOUND = re.compile(r" AND published:\(\[(?:(?P<since>\d{14}) to|to (?P<until>\d{14}))\]\)")


class IndexReads:
    """The reading half of RedlineWhooshBackend (archive/search/whoosh.py)."""

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
        # Every model the index holds (articles and quotes on /search/) needs no filter: checking
        # each match against a set of every document cost a twentieth of the search.
        indexed = connections[self.connection_alias].get_unified_index().get_indexed_models()
        if models and not set(indexed) <= set(models):
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

    def _process_results(self, raw_page, highlight=False, query_string="", result_class=None, facet_types=None, **kw):
        """Each hit as a search result naming its object (model, id) and score: every reader
        loads the objects (load_all) and reads nothing else from a result. Haystack's own
        converts every stored field of every hit, trying each as a date and as JSON, the
        whole document text included: a millisecond and a half a page."""
        if highlight or facet_types:
            return super()._process_results(
                raw_page, highlight=highlight, query_string=query_string, result_class=result_class,
                facet_types=facet_types, **kw,
            )  # fmt: skip
        result_class = result_class or SearchResult
        results = []
        for offset, hit in enumerate(raw_page):
            app_label, model_name = hit[DJANGO_CT].split(".")
            results.append(result_class(app_label, model_name, hit[DJANGO_ID], raw_page.score(offset) or 0))
        return {"results": results, "hits": len(raw_page), "facets": {}, "spelling_suggestion": None}

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

    def word_frequency(self, word):
        """How many documents hold this index word (as archive.search.analysis reads it)."""
        return self._searcher().reader().doc_frequency(self.content_field_name, word)

    def similar_words(self, word, limit=5):
        """Index words a slip away from this one (two edits for a word of eight letters or
        more, else one: "sholtz" is not "shot") that share its first two letters, as (word, edits, documents holding it),
        fewest edits first, then most documents. It reads the words with those two letters
        (Whoosh's own automaton is slower in pure Python): a few milliseconds (BENCHMARKS.md)."""
        reader = self._searcher().reader()
        field = self.content_field_name
        most = 2 if len(word) >= 8 else 1
        found = []
        for raw in reader.expand_prefix(field, word[:2]):
            other = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if other != word and abs(len(other) - len(word)) <= most:
                edits = distance(word, other, limit=most)
                if edits <= most:
                    found.append((other, edits, reader.doc_frequency(field, other)))
        found.sort(key=lambda item: (item[1], -item[2]))
        return found[:limit]

    def documents_with(self, word, limit=5):
        """(django_ct, django_id) of some documents holding this index word."""
        searcher = self._searcher()
        found = []
        if not searcher.reader().doc_frequency(self.content_field_name, word):
            return found
        for docnum in searcher.postings(self.content_field_name, word).all_ids():
            fields = searcher.stored_fields(docnum)
            found.append((fields[DJANGO_CT], fields[DJANGO_ID]))
            if len(found) >= limit:
                break
        return found

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


def _budget_block_reads():
    """Read the clock each time a term's postings move on to their next block (128
    documents): a long phrase of common words steps through many and may match none.
    Whoosh 2.7's own block reader, patched once; reading the clock at every posting,
    through a wrapping matcher, cost a tenth of a search."""
    matcher_class = whoosh3.W3LeafMatcher
    if getattr(matcher_class, "_redline_budgeted", False):
        return
    next_block = matcher_class._next_block

    def _next_block(self):
        _check_deadline()
        next_block(self)

    matcher_class._next_block = _next_block
    matcher_class._redline_budgeted = True


_budget_block_reads()


def _skip_by_bisection():
    """Whoosh 2.7 skips through a block of postings one posting at a time (three method
    calls each) to reach a document: an AND or a phrase does that for every candidate of
    its rarer word (0.7 ms of a 12 ms search on average, more for those). The block's ids
    are sorted: bisect them."""
    matcher_class = whoosh3.W3LeafMatcher
    if getattr(matcher_class, "_redline_bisects", False):
        return
    step_by_step = matcher_class.skip_to

    def skip_to(self, targetid):
        if self._byteids:  # term vectors, which searches do not read
            return step_by_step(self, targetid)
        if not self.is_active():
            raise ReadTooFar
        if targetid <= self.id():
            return
        if targetid > self._maxid:
            self._skip_to_block(lambda: targetid > self._maxid)
            if not self.is_active():
                return
            if self._ids is None:
                self._read_ids()
        # This block's largest id is at least the target: it is in this block.
        self._i = bisect.bisect_left(self._ids, targetid, self._i)

    matcher_class.skip_to = skip_to
    matcher_class._redline_bisects = True


_skip_by_bisection()


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
