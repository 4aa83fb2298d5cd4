"""Literal prefilters for regular expressions: a few strings, one of which every match contains.

Checking `needle in text` for a handful of needles costs far less than running a rule's
regular expression, and most rules find nothing in most quotes. A prefilter never changes
what a pattern finds: when no needle is in the text, the pattern cannot match there.
Needles are read from the parsed pattern; if it cannot be read, there is no prefilter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

try:  # the parser re itself uses; if a later Python moves it, patterns simply run unfiltered
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover
    _parser = None

_LIMIT = 64  # most strings an exact run may spell before it is cut
_RUN = re.compile(r"[a-z0-9]+")


def needles(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of `pattern` contains (lower-cased), or None.

    For a pattern compiled without IGNORECASE and searched in lower-cased text this is exact;
    with IGNORECASE it holds up to Unicode case-folding oddities (compare `text.lower()`).
    """
    if _parser is None:
        return None
    try:
        found = _required(list(_parser.parse(pattern)))
    except Exception:  # noqa: BLE001 - any pattern the parser dislikes just runs unfiltered
        return None
    if not found:
        return None
    kept = _cores(found)
    return kept if min(map(len, kept)) >= 2 else None


def _cores(found: set[str]) -> tuple[str, ...]:
    """Any part of a needle is a needle too: keep each one's longest word, then drop any that
    holds a shorter one ("threatened" once "threaten" is there)."""
    cores = set()
    for needle in found:
        needle = needle.lower()
        longest = max(_RUN.findall(needle), key=len, default="")
        cores.add(longest if len(longest) >= 4 else needle)
    kept: list[str] = []
    for core in sorted(cores, key=len):
        if not any(shorter in core for shorter in kept):
            kept.append(core)
    return tuple(kept)


def _exact(op, av) -> set[str] | None:
    """Every string the item can match, when there are few (a literal, a small alternation)."""
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN and len(av) <= 8 and all(kind is _c.LITERAL for kind, _ in av):
        return {chr(code) for _, code in av}
    if op is _c.SUBPATTERN:
        return _exact_sequence(av[-1])
    if op is _c.BRANCH:
        alternatives = [_exact_sequence(alternative) for alternative in av[1]]
        if any(alternative is None for alternative in alternatives):
            return None
        union = set().union(*alternatives)
        return union if len(union) <= _LIMIT else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[1] == 1 and av[0] in (0, 1):
        inner = _exact_sequence(av[2])
        return None if inner is None else inner | ({""} if av[0] == 0 else set())
    return None


def _exact_sequence(items) -> set[str] | None:
    out = {""}
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: the strings on either side stay adjacent
        part = _exact(op, av)
        if part is None or len(out) * len(part) > _LIMIT:
            return None
        out = {a + b for a in out for b in part}
    return out


def _required(items) -> set[str] | None:
    """Strings one of which every match of the sequence contains: the most selective of the
    runs of exact items and the requirements of the other items."""
    candidates: list[set[str]] = []
    run = {""}
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        part = _exact(op, av)
        if part is not None:
            if len(run) * len(part) <= _LIMIT:
                run = {a + b for a in run for b in part}
            else:
                candidates.append(run)
                run = part
            continue
        candidates.append(run)
        run = {""}
        required = None
        if op is _c.SUBPATTERN:
            required = _required(av[-1])
        elif op is _c.ATOMIC_GROUP:
            required = _required(av)
        elif op is _c.BRANCH:
            alternatives = [_required(alternative) for alternative in av[1]]
            if all(alternatives):
                required = set().union(*alternatives)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            required = _required(av[2])
        if required:
            candidates.append(required)
    candidates.append(run)
    candidates = [candidate for candidate in candidates if candidate and "" not in candidate]
    return max(candidates, key=lambda candidate: min(map(len, candidate)), default=None)


class NeedleScan:
    """Which of many needles a lower-cased text holds, in one pass of one expression.

    Needles that hold another are represented by the one they hold (a text holding
    "threatened" holds "threaten"), so no needle starts another and a lookahead at each
    position finds every needle present."""

    def __init__(self, needle_sets: Iterable[Iterable[str]]):
        everything = {needle for needles in needle_sets for needle in needles}
        kept: list[str] = []
        for needle in sorted(everything, key=len):
            if not any(shorter in needle for shorter in kept):
                kept.append(needle)
        self.representative = {needle: next(k for k in kept if k in needle) for needle in everything}
        self._pattern = re.compile(f"(?=({_trie(kept)}))") if kept else None

    def wanted(self, needles: Iterable[str] | None) -> frozenset[str] | None:
        """A row's needles as this scan reports them."""
        return None if needles is None else frozenset(self.representative[needle] for needle in needles)

    def present(self, text: str) -> set[str]:
        return set(self._pattern.findall(text)) if self._pattern else set()


def _trie(words: list[str]) -> str:
    """An expression matching exactly the words, branching one character at a time."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) if char else "" for char, child in sorted(node.items())]
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(root)
