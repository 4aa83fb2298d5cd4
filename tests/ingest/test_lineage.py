"""Quote lineage: exact copies, near-copies and excerpts group; different quotes do not."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.ingest.lineage import (
    QUOTE_SIMILARITY,
    article_similarity,
    near_copy,
    normalise,
    probe,
    similarity,
    text_key,
    wording_differences,
)


def test_normalise_folds_case_quotes_punctuation_and_space():
    assert (
        normalise("“We WON’T  back down,”\n he said!")
        == normalise('"we won\'t back down," he said')
        == ("we won't back down he said")
    )
    assert text_key("We won’t back down.") == text_key("we won't back down")


@pytest.mark.parametrize(
    "a, b, same",
    [
        (
            "This will mean that NATO countries are fighting Russia",
            "This will mean NATO countries are fighting Russia",
            True,
        ),
        (
            "This will mean that NATO countries are fighting Russia.",
            "this will mean that nato countries are fighting russia",
            True,
        ),
        (
            "We will respond decisively if Russia further invades Ukraine, and our allies will too",
            "respond decisively if Russia further invades Ukraine",
            True,
        ),  # an excerpt of the longer quote
        ("We will respond decisively", "We will not respond at all", False),
        ("Russia started this conflict", "Russia can end this conflict straight away", False),
        ("unlikely", "likely", False),
    ],
)
def test_near_copies(a, b, same):
    assert near_copy(a, b) is same


def test_probe_is_the_longest_word():
    assert probe("We will respond decisively") == "decisively"
    assert probe("") == ""


def test_wording_differences_mark_what_a_copy_adds_and_drops():
    pieces = wording_differences(
        "This will mean that NATO is fighting Russia", "This will mean NATO is now fighting Russia"
    )
    assert [(p.kind, p.text) for p in pieces if p.kind != "same"] == [("removed", "that"), ("added", "now")]


def test_wire_copies_are_alike_and_other_stories_are_not():
    story = " ".join(f"Sentence {n} of the wire story about the missile decision in Washington." for n in range(40))
    copy = "LONDON (Wire) - " + story.replace("Sentence 3 ", "Line 3 ")
    other = " ".join(f"Paragraph {n} of another report on grain exports from Odesa." for n in range(40))
    assert article_similarity(story, copy) >= 0.5
    assert article_similarity(story, other) < 0.1


VOCABULARY = ["we", "will", "not", "accept", "missiles", "the", "west", "Russia", "strike", "deep", "“", ",", "."]


@given(
    st.lists(st.sampled_from(VOCABULARY), max_size=14).map(" ".join),
    st.lists(st.sampled_from(VOCABULARY), max_size=14).map(" ".join),
)
def test_near_copy_shortcuts_agree_with_the_full_comparison(a, b):
    assert near_copy(a, b) is (similarity(a, b) >= QUOTE_SIMILARITY)
