"""Quote lineage: recognise the same quote, or a near-copy of it, across outlets,
and wire copies of the same article. Normalise, hash, compare a few candidates.

No Django here: the ingest service looks candidates up by `text_key` and
`probe` and asks `near_copy` about each.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

WORD = re.compile(r"\w+(?:[-']\w+)*")
# Folded before splitting into words, so “don’t” and "don't" are one word.
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
QUOTE_SIMILARITY = 0.8  # a near-copy of a quote: outlets trim, re-punctuate or change a word or two
ARTICLE_SIMILARITY = 0.5  # a wire copy: the same body with another headline, dateline or ending
ARTICLE_PREFIX = 3000  # characters of the normalised body that stand for an article
MIN_CONTAINED_WORDS = 6  # a shorter excerpt of a quote counts as a copy from this many words on
# Fewer words than this are a phrase ("special military operation", "red line"): everyone's
# wording, so two of them are one quote only from one speaker.
PHRASE_WORDS = 6


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).translate(APOSTROPHES).casefold()
    return WORD.findall(text)


def normalise(text: str) -> str:
    """Case, quotation marks, punctuation and whitespace folded: what two copies of a quote share."""
    return " ".join(words(text))


def text_key(text: str) -> str:
    """A short hash of the normalised text: equal for exact copies."""
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:20]


def probe(text: str) -> str:
    """The quote's longest word (alphabetically first of equals): rare enough that
    near-copies of a quote almost always share it, so it finds candidates."""
    tokens = words(text)
    return min(tokens, key=lambda token: (-len(token), token))[:100] if tokens else ""


def _shingles(tokens: list[str], size: int) -> set[tuple[str, ...]]:
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def similarity(a: str, b: str) -> float:
    """How alike two quotes are, 0 to 1: the word-sequence ratio, or how much of
    the shorter one the longer holds when one is an excerpt of the other."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    if wa == wb:
        return 1.0
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    if matcher.real_quick_ratio() < QUOTE_SIMILARITY and min(len(wa), len(wb)) < MIN_CONTAINED_WORDS:
        return matcher.real_quick_ratio()
    ratio = matcher.ratio()
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(shorter) >= MIN_CONTAINED_WORDS:
        small, large = _shingles(shorter, 2), _shingles(longer, 2)
        ratio = max(ratio, len(small & large) / len(small))
    return ratio


def is_phrase(text: str) -> bool:
    return len(_profile(text).words) < PHRASE_WORDS


def near_copy(a: str, b: str, threshold: float = QUOTE_SIMILARITY) -> bool:
    """`similarity(a, b) >= threshold`, answered from cheap bounds where they settle it:
    ingest asks this of up to 200 held quotes per new quote, and most share few words."""
    wa, wb = _profile(a), _profile(b)
    if not wa.words or not wb.words:
        return similarity(a, b) >= threshold
    if wa.words == wb.words:
        return True
    shorter, longer = (wa, wb) if len(wa.words) <= len(wb.words) else (wb, wa)
    if (
        len(shorter.words) >= MIN_CONTAINED_WORDS
        and len(shorter.pairs & longer.pairs) / len(shorter.pairs) >= threshold
    ):
        return True
    # The share of words in common bounds difflib's ratio from above (its quick_ratio);
    # counted over the distinct words both hold, which is quicker than a Counter's &.
    shared = sum(min(wa.counts[word], wb.counts[word]) for word in wa.distinct & wb.distinct)
    if 2 * shared / (len(wa.words) + len(wb.words)) < threshold:
        return False
    return similarity(a, b) >= threshold


@dataclass(frozen=True)
class _Profile:
    words: tuple[str, ...]
    counts: Counter
    distinct: frozenset
    pairs: frozenset


@functools.lru_cache(maxsize=4096)
def _profile(text: str) -> _Profile:
    tokens = words(text)
    counts = Counter(tokens)
    return _Profile(tuple(tokens), counts, frozenset(counts), frozenset(_shingles(tokens, 2)))


def article_key(body: str) -> str:
    return hashlib.sha1(normalise(body).encode("utf-8")).hexdigest()[:20]


def article_similarity(a: str, b: str) -> float:
    """Jaccard similarity of word 5-gram shingles over the start of two bodies."""
    sa, sb = _article_shingles(a[:ARTICLE_PREFIX]), _article_shingles(b[:ARTICLE_PREFIX])
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


@functools.lru_cache(maxsize=64)  # a new article is compared with up to 20 candidates in turn
def _article_shingles(start: str) -> frozenset[tuple[str, ...]]:
    return frozenset(_shingles(words(start), 5))


@dataclass(frozen=True, kw_only=True)
class Piece:
    """A stretch of a copy's wording: the same as the earliest source, or changed."""

    text: str
    kind: str  # "same", "added" (in this copy only), "removed" (in the earliest only)


def wording_differences(earliest: str, copy: str) -> list[Piece]:
    """Where a copy's wording differs from the earliest source, word by word."""
    wa, wb = earliest.split(), copy.split()
    folded_a, folded_b = [normalise(w) for w in wa], [normalise(w) for w in wb]
    pieces: list[Piece] = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, folded_a, folded_b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece(text=" ".join(wb[b0:b1]), kind="same"))
            continue
        if a1 > a0:
            pieces.append(Piece(text=" ".join(wa[a0:a1]), kind="removed"))
        if b1 > b0:
            pieces.append(Piece(text=" ".join(wb[b0:b1]), kind="added"))
    return pieces
