"""The speaker-identity benchmark's ground truth and rules (figures come from
`python -m benchmarks.speakers`, not from here)."""

import hashlib
import json
from collections import Counter

import pytest

from benchmarks import speakers as bench

from .conftest import ROOT, SHARED

CORPUS = SHARED / "corpus" / "conflict-news.jsonl"
KINDS = {"person", "organisation", "anonymous", "unattributed", "not_quote"}


def test_the_sample_is_large_enough_and_holds_no_article_text():
    sample = bench.load_sample()
    assert len(sample) >= 300
    assert len({item["id"] for item in sample}) >= 30
    for item in sample:
        assert set(item) == {"id", "start", "end", "sha1", "kind", "speaker", "description"}
        assert item["kind"] in KINDS
        # a speaker's name exactly when the quote is said by someone named
        assert bool(item["speaker"]) == (item["kind"] in ("person", "organisation"))
    assert len(set(Counter(item["speaker"] for item in sample if item["kind"] == "person"))) >= 60


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")
def test_the_sample_offsets_still_point_at_the_quotes():
    sample = bench.load_sample()
    records = bench.corpus_records({item["id"] for item in sample}, CORPUS)
    bodies = {record_id: bench.extracted(record).body for record_id, record in records.items()}
    for item in sample:
        text = bodies[item["id"]][item["start"] : item["end"]]
        assert hashlib.sha1(text.encode()).hexdigest()[:10] == item["sha1"], item


def test_people_list_forms_belong_to_one_person_each():
    people = bench.People.load()
    assert len(people.names) >= 100
    assert people.exact("Biden") == "Joe Biden"
    assert people.exact("Jill Biden") == "Jill Biden"
    assert people.exact("Olena Zelenska") == "Olena Zelenska"
    assert people.exact("Zelenskiy") == "Volodymyr Zelenskyy"
    assert people.exact("Whelan") is None  # David and Paul: no one person's surname


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Russian President Vladimir Putin", "vladimir putin"),
        ("Ukraine's Zelensky", "zelensky"),
        ("US President Joe Biden", "joe biden"),
        ("White House press secretary Jen Psaki", "jen psaki"),
        ("Germany Biden", "germany biden"),  # a place that leads no title stays
        ("Mr. Lavrov", "lavrov"),
    ],
)
def test_bare_name_drops_only_what_leads_a_name(name, bare):
    assert bench.bare_name(name) == bare


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("the Ministry", "generic"),
        ("the statement", "generic"),
        ("A statement", "generic"),
        ("The defense ministry", "generic"),
        ("Russian", "nationality"),
        ("the Ukrainians", "nationality"),
        ("S Putin", "debris"),
        ("Whether Putin", "debris"),
        ("S But Vance", "debris"),
        ("Tarasivska St. They", "debris"),
        ("Blenheim Palace", "debris"),
        ("Spring Conference", "debris"),
        ("Germany Biden", "debris"),
        ("Biden Biden", "debris"),
        ("Joe Biden Thursday", "debris"),
        ("a defensive Biden", "debris"),
        ("Then-Secretary", "debris"),
        ("Putin loyalist Alexander Dugin", "descriptor"),
        ("Russian-American journalist Masha Gessen", "descriptor"),
        ("Vladimir Putin", None),
        ("the State Department", None),
        ("the Russian Defense Ministry", None),
        ("Downing Street", None),
        ("Jonas Gahr Støre", None),
        ("The Institute for the Study of War", None),
    ],
)
def test_non_names(name, why):
    assert bench.non_name(name, bench.People.load()) == why


def test_people_of_stored_names():
    people = bench.People.load()
    assert people.person_of("Russian President Vladimir Putin") == ("Vladimir Putin", "exact")
    assert people.person_of("Whether Putin") == ("Vladimir Putin", "after")
    assert people.person_of("Joe Biden Thursday") == ("Joe Biden", "before")
    assert people.person_of("Simon Francis") == (None, "")  # someone else called Francis
    assert people.person_of("Hunter Biden") == ("Hunter Biden", "exact")


def tiny_archive():
    """Two speakers for Joe Biden (the main one holds more quotes), Jill Biden, one sample article."""
    speakers = {1: ("Joe Biden", "person"), 2: ("Biden", "person"), 3: ("Jill Biden", "person"), 4: ("Russian", "org")}
    quotes = [(10, 0, 5, 1, "named")] * 5 + [(10, 10, 20, 2, "named"), (10, 30, 40, 3, "named")]
    quotes += [(10, 50, 60, 4, "named"), (10, 70, 80, None, "unattributed")]
    return bench.Archive(speakers=speakers, aliases={}, quotes=quotes, articles_by_sha={})


def test_split_and_non_name_figures():
    archive = tiny_archive()
    people = bench.People.load()
    split = {row["person"]: row for row in bench.split_figures(archive, people)}
    assert split["Joe Biden"] == {"person": "Joe Biden", "quotes": 6, "speakers": 2, "outside": 1, "main": "Joe Biden"}
    assert split["Jill Biden"]["outside"] == 0
    figures = bench.non_name_figures(archive, people)
    assert figures["named_quotes"] == 8 and figures["non_name_quotes"] == 1
    assert figures["by_class"] == {"nationality": 1}


def test_right_person_needs_the_main_speaker(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "words"}) + "\n")
    archive = tiny_archive()
    archive.articles_by_sha = {bench._sha256("words"): 10}
    sample = [
        {"id": "a", "start": 0, "end": 5, "kind": "person", "speaker": "Joe Biden"},  # main row: right
        {"id": "a", "start": 10, "end": 20, "kind": "person", "speaker": "Joe Biden"},  # bare "Biden" row: wrong
        {"id": "a", "start": 30, "end": 40, "kind": "person", "speaker": "Jill Biden"},  # right
        {"id": "a", "start": 70, "end": 80, "kind": "person", "speaker": "Jill Biden"},  # no speaker: wrong
        {"id": "a", "start": 90, "end": 95, "kind": "person", "speaker": "Jill Biden"},  # not held: wrong
        {"id": "a", "start": 50, "end": 60, "kind": "anonymous", "speaker": None},  # an organisation's row: fine
        {"id": "a", "start": 30, "end": 40, "kind": "not_quote", "speaker": None},  # filed under Jill Biden
        {"id": "a", "start": 70, "end": 80, "kind": "unattributed", "speaker": None},  # no speaker: fine
    ]
    counts = bench.right_person(archive, bench.People.load(), sample, corpus)["counts"]
    assert counts["person_quotes"] == 5
    assert counts["person_right"] == 2
    assert counts["person_missing"] == 1
    assert (counts["nobody_quotes"], counts["nobody_under_a_person"]) == (3, 1)


def test_sample_lives_in_tests_data():
    assert bench.SAMPLE == ROOT / "tests" / "data" / "speaker_sample.jsonl"
