"""Likely duplicate speakers, found without comparing every speaker with every other."""

import time

import pytest

from archive.ingest.duplicates import REASONS, KnownSpeaker, likely_duplicates
from archive.ingest.speakers import speaker_key


def known(pk, name, *aliases, person=True, quotes=0):
    return KnownSpeaker(
        id=pk,
        key=speaker_key(name),
        alias_keys=frozenset(speaker_key(alias) for alias in aliases),
        person=person,
        quotes=quotes,
    )


@pytest.mark.parametrize(
    "a, b, reason",
    [
        (known(1, "Volodymyr Zelensky"), known(2, "Volodymyr Zelenskyy"), "same-name"),
        (known(1, "Rafael Grossi"), known(2, "Rafael Mariano Grossi"), "first-name-agrees"),
        (known(1, "Joe Biden"), known(2, "J. Biden"), "first-name-agrees"),
        (known(1, "Alex Brown"), known(2, "Alexander Brown"), "same-name"),  # one first name (speaker_key)
        (known(1, "Joe Biden"), known(2, "Biden"), "surname-only"),
        (known(1, "Mark Rutte"), known(2, "Marcus Rutte", "Mark Rutte"), "shared-alias"),
        (known(1, "NATO", person=False), known(2, "Nato", person=False), "same-name"),
    ],
)
def test_pairs_and_why(a, b, reason):
    (pair,) = likely_duplicates([a, b])
    assert pair.reason is REASONS[reason] and {pair.first, pair.second} == {1, 2}


@pytest.mark.parametrize(
    "a, b",
    [
        (known(1, "Joe Biden"), known(2, "Hunter Biden")),  # other first names: other people
        (known(1, "Ann Lee"), known(2, "Tom Ray")),
        (known(1, "Ministry of Defence", person=False), known(2, "Defence", person=False)),  # bodies: names only
    ],
)
def test_not_pairs(a, b):
    assert likely_duplicates([a, b]) == []


def test_strongest_evidence_first_then_most_quoted():
    pairs = likely_duplicates(
        [
            known(1, "Joe Biden", quotes=5),
            known(2, "Biden", quotes=50),
            known(3, "Volodymyr Zelensky", quotes=1),
            known(4, "Volodymyr Zelenskyy", quotes=2),
            known(5, "Keir Starmer", quotes=9),
            known(6, "K. Starmer", quotes=9),
        ]
    )
    assert [(p.first, p.second, p.reason.code) for p in pairs] == [
        (4, 3, "same-name"),  # the more quoted first in each pair
        (5, 6, "first-name-agrees"),
        (2, 1, "surname-only"),
    ]


def _archive(n):
    """n speakers: mostly distinct people, a few namesakes in every hundred."""
    speakers = []
    for i in range(n):
        surname = f"Surname{i // 3}x"  # three to a surname: a name, its initial, another person
        first = ["Anna", "A.", "Boris"][i % 3]
        speakers.append(known(i, f"{first} {surname}", quotes=i % 7))
    return speakers


def test_ten_thousand_speakers_grow_linearly():
    """Grouped by key and surname, never all pairs: 10x the speakers costs about 10x the CPU
    time (all pairs would be 100x). CPU time, so other work on the machine does not count."""

    def cost(n):
        speakers = _archive(n)
        started = time.process_time()
        pairs = likely_duplicates(speakers)
        return time.process_time() - started, len(pairs)

    small, small_pairs = min(cost(1_000) for _ in range(3))
    large, large_pairs = min(cost(10_000) for _ in range(3))
    assert small_pairs == 333 and large_pairs == 3333  # Anna / A. in each full surname
    assert large < 50 * max(small, 0.002)  # all pairs: 100x
