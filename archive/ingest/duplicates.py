"""Speakers that look like one person: the pairs an editor is offered to merge.

Pure Python: given each speaker's matching keys (archive.ingest.speakers.speaker_key of
its name and aliases), pairs are found inside groups that share a key or a surname,
never by comparing every speaker with every other, so ten thousand speakers take a
moment. Why a pair is offered is a row of REASONS, strongest first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True, kw_only=True)
class Reason:
    code: str
    rank: int  # 0 is the strongest evidence
    says: str
    example: str


REASONS = {
    reason.code: reason
    for reason in [
        Reason(
            code="same-name",
            rank=0,
            says="the same name once accents, titles and spellings are folded",
            example="Volodymyr Zelensky / Volodymyr Zelenskyy",
        ),
        Reason(
            code="shared-alias",
            rank=1,
            says="both have been called by the same full name",
            example="Dmitry Peskov (alias 'Dmitri Peskov') / Dmitri Peskov",
        ),
        Reason(
            code="first-name-agrees",
            rank=2,
            says="the same surname, and one first name is the other's initial or its start",
            example="J. Biden / Joe Biden",
        ),
        Reason(
            code="surname-only",
            rank=3,
            says="the same surname, one of them known by the surname alone",
            example="Biden / Joe Biden",
        ),
    ]
}


@dataclass(frozen=True, kw_only=True)
class KnownSpeaker:
    id: int
    key: str  # speaker_key of the canonical name
    alias_keys: frozenset[str]
    person: bool
    quotes: int


@dataclass(frozen=True, kw_only=True)
class LikelyPair:
    first: int  # the more quoted of the two
    second: int
    reason: Reason
    quotes: int  # both speakers' quotes: the pairs that matter most come first


def likely_duplicates(speakers) -> list[LikelyPair]:
    """Pairs of speakers that may be one person, strongest evidence first, then most quoted."""
    speakers = {speaker.id: speaker for speaker in speakers if speaker.key}
    found: dict[tuple[int, int], Reason] = {}

    def offer(a: KnownSpeaker, b: KnownSpeaker, code: str) -> None:
        pair = (min(a.id, b.id), max(a.id, b.id))
        reason = REASONS[code]
        if pair not in found or reason.rank < found[pair].rank:
            found[pair] = reason

    by_key: dict[str, list[KnownSpeaker]] = defaultdict(list)
    by_surname: dict[str, list[KnownSpeaker]] = defaultdict(list)
    for speaker in speakers.values():
        for key in {speaker.key, *speaker.alias_keys}:
            by_key[key].append(speaker)
        if speaker.person:
            by_surname[speaker.key.split()[-1]].append(speaker)
    for key, holders in by_key.items():
        for a, b in combinations(holders, 2):
            if a.key == b.key:
                offer(a, b, "same-name")
            elif " " in key:  # a shared bare surname is weaker evidence: judged below
                offer(a, b, "shared-alias")
    for holders in by_surname.values():
        for a, b in combinations(holders, 2):
            code = _surname_reason(a.key, b.key)
            if code:
                offer(a, b, code)
    pairs = []
    for (a, b), reason in found.items():
        first, second = sorted((speakers[a], speakers[b]), key=lambda s: (-s.quotes, s.id))
        pairs.append(LikelyPair(first=first.id, second=second.id, reason=reason, quotes=first.quotes + second.quotes))
    pairs.sort(key=lambda pair: (pair.reason.rank, -pair.quotes, pair.first, pair.second))
    return pairs


def _surname_reason(a: str, b: str) -> str | None:
    """Two keys with one surname: one a bare surname, or first names that agree."""
    first_a, first_b = a.split()[:-1], b.split()[:-1]
    if not first_a or not first_b:
        return "surname-only" if first_a or first_b else "same-name"
    x, y = first_a[0], first_b[0]
    # "j" / "joe", "alex" / "alexander": one first name starts the other.
    return "first-name-agrees" if x.startswith(y) or y.startswith(x) else None
