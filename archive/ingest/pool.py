"""Extraction on several cores: worker processes turn article inputs into records
while the calling process stores them, in input order.

The one thing extraction reads that storing writes is the archive's known roles
("russian president" -> a name). Each batch goes out with the roles learned since
its worker's last batch; an article that asked about a role learned after it was sent
comes back marked stale, and the caller extracts it again with the roles as they are
then. So the records stored are the ones extracting every article in turn would give,
whatever the number of processes. No Django here: workers run this package only.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import islice

from .escalation import Escalation, Lexicon, code_quotes
from .pipeline import extract_article, within_quote_cap
from .records import ArticleInput, ArticleRecord, UnreadableInput
from .speakers import KnownRoles, may_answer

BATCH = 4  # articles a worker is handed at once: few, so that the roles it reads are recent
AHEAD = 2  # batches handed to each worker before its first comes back
WORKER_CHECK_SECONDS = 5.0  # how often a wait for results checks that the workers still live


@dataclass(frozen=True, kw_only=True)
class Extracted:
    """An article input's extraction, ready to store; or why it failed."""

    record: ArticleRecord | None = None  # with at most quote_cap quotes
    quotes_left_out: int = 0
    codes: tuple[Escalation, ...] = ()  # each kept quote's escalation codes, in the record's order
    asked: frozenset[str] = frozenset()  # role descriptions it looked up among the archive's roles
    roles_seen: int = 0  # how many of the run's learned roles the extraction knew
    epoch: int = 0
    failure: str | None = None  # the error's message
    unreadable: bool = False  # the failure was the input's (UnreadableInput), not the extractor's


def extract_for_archive(item: ArticleInput, *, known_roles: KnownRoles, lexicon: Lexicon, quote_cap: int) -> Extracted:
    """One article's record (capped at quote_cap quotes) and its quotes' codes, as the
    ingest service stores them; a failure is returned, to be reported in input order."""
    known_roles.asked = set()
    try:
        record, left_out = within_quote_cap(extract_article(item, known_roles=known_roles), cap=quote_cap)
        codes = code_quotes(record.body, record.quotes, lexicon=lexicon)
    except UnreadableInput as error:
        return Extracted(failure=str(error), unreadable=True)
    except Exception as error:  # reported for this article; the run goes on
        return Extracted(failure=str(error))
    return Extracted(record=record, quotes_left_out=left_out, codes=tuple(codes), asked=frozenset(known_roles.asked))


class ExtractionPool:
    """`processes` workers extracting ahead of the caller, results handed back in input order.

    Forked, so each starts with the lexicon and the roles known at the start of the
    run, and never touches the caller's database connections (close them before).
    The caller tells it what storing taught (`learned`) and asks whether an article's
    extraction is still the one it would get now (`fresh`).
    """

    def __init__(self, processes: int, *, roles: Mapping[str, str], lexicon: Lexicon, quote_cap: int):
        context = multiprocessing.get_context("fork")
        self._roles = roles  # the caller's roles, which storing updates
        self._learned: list[str] = []  # roles in the order storing learned them
        self._epoch = 0
        self._workers = []
        for _ in range(processes):
            tasks, results = context.Queue(), context.Queue()
            process = context.Process(
                target=_work, args=(tasks, results, dict(roles), lexicon, quote_cap, os.getpid()), daemon=True
            )
            process.start()
            self._workers.append(_Worker(process=process, tasks=tasks, results=results))
        self._lexicon, self._quote_cap = lexicon, quote_cap

    def close(self) -> None:
        for worker in self._workers:
            if worker.process.is_alive():
                worker.tasks.put(None)
        for worker in self._workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.tasks.close()
            worker.results.close()
        self._workers = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # -- what storing taught

    def learned(self, roles: Iterable[str]) -> None:
        """Roles (as the caller's mapping keys them) whose holder storing may have changed."""
        self._learned.extend(roles)

    def rebase(self, roles: Mapping[str, str]) -> None:
        """The caller's roles were read again (after a rollback): every worker starts over from them."""
        self._roles = roles
        self._epoch += 1
        for worker in self._workers:
            worker.rebased = False

    def fresh(self, extracted: Extracted) -> bool:
        """Whether extracting again now would give the same record: no role learned since
        it was sent may answer a description it asked about."""
        if not extracted.asked:
            return True
        if extracted.epoch != self._epoch:
            return False
        since = self._learned[extracted.roles_seen :]
        return not any(may_answer(role, asked) for role in set(since) for asked in extracted.asked)

    # -- extraction

    def extracted(self, items: Iterable) -> Iterator[tuple[object, Extracted | None]]:
        """(item, its extraction) in input order; None for an item a worker does not take
        (anything but an ArticleInput) or whose worker died: the caller extracts those."""
        items = iter(items)
        pending: deque[tuple[list, _Worker | None]] = deque()
        turn = 0
        while True:
            while len(pending) < AHEAD * max(1, len(self._live())):
                batch = list(islice(items, BATCH))
                if not batch:
                    break
                worker = self._next_worker(turn)
                turn += 1
                if worker is not None and any(isinstance(item, ArticleInput) for item in batch):
                    self._send(worker, batch)
                    pending.append((batch, worker))
                else:
                    pending.append((batch, None))
            if not pending:
                return
            batch, worker = pending.popleft()
            results = self._receive(worker) if worker is not None else None
            for n, item in enumerate(batch):
                if results is None or not isinstance(item, ArticleInput):
                    yield item, None
                else:
                    yield item, results[n]

    def _live(self):
        return [worker for worker in self._workers if not worker.dead]

    def _next_worker(self, turn: int):
        live = self._live()
        return live[turn % len(live)] if live else None

    def _send(self, worker: _Worker, batch: Sequence) -> None:
        if not worker.rebased:
            update, reset = dict(self._roles), True
            worker.rebased = True
        else:
            since = self._learned[worker.roles_seen :]
            update, reset = {role: self._roles[role] for role in since if role in self._roles}, False
        worker.roles_seen = len(self._learned)
        articles = [item if isinstance(item, ArticleInput) else None for item in batch]
        worker.tasks.put((articles, update, reset, worker.roles_seen, self._epoch))

    def _receive(self, worker: _Worker) -> list[Extracted] | None:
        """The worker's next batch of results; None when it died (its later batches too)."""
        while not worker.dead:
            try:
                return worker.results.get(timeout=WORKER_CHECK_SECONDS)
            except queue.Empty:
                if not worker.process.is_alive():
                    worker.dead = True
        return None


@dataclass(kw_only=True, eq=False)
class _Worker:
    process: object
    tasks: object
    results: object
    roles_seen: int = 0
    rebased: bool = True  # it was started with the caller's roles
    dead: bool = False


def _work(tasks, results, roles: dict[str, str], lexicon: Lexicon, quote_cap: int, parent_pid: int) -> None:
    """A worker: batches in, their extractions out, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the ingest, which then stops its workers
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # the worker dies with the ingest
    if os.getppid() != parent_pid:
        sys.exit(1)  # the ingest died before the line above
    known = KnownRoles(roles)
    while (task := tasks.get()) is not None:
        articles, update, reset, roles_seen, epoch = task
        if reset:
            known = KnownRoles(update)
        else:
            known.learn(update)
        out = []
        for item in articles:
            if item is None:
                out.append(None)
                continue
            extracted = extract_for_archive(item, known_roles=known, lexicon=lexicon, quote_cap=quote_cap)
            out.append(replace(extracted, roles_seen=roles_seen, epoch=epoch))
        results.put(out)


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
