"""One person, one speaker: the pure rules of archive-wide resolution."""

import pytest

from archive.ingest.identity import (
    Known,
    bare_surname_owner,
    edit_distance,
    first_names_agree,
    full_names_agree,
    group_people,
)
from archive.ingest.speakers import speaker_key


def known(pk, name, quotes=1, *, kind="person", aliases=(), roles=(), confirmed=False):
    return Known(
        id=pk,
        key=speaker_key(name),
        kind=kind,
        quotes=quotes,
        alias_keys=tuple(speaker_key(alias) for alias in aliases),
        roles=frozenset(roles),
        confirmed=confirmed,
    )


def test_edit_distance_counts_a_swap_as_one():
    assert edit_distance("podolyak", "podoylak") == 1
    assert edit_distance("zelensky", "zelenksy") == 1
    assert edit_distance("haidai", "gaidai") == 1
    assert edit_distance("smith", "jones") == 3  # past the limit


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Volodymyr Zelenskyy", "Vladimir Zelensky", True),
        ("Rafael Mariano Grossi", "Rafael Grossi", True),  # a middle name more
        ("J. Biden", "Joe Biden", True),
        ("Jill Biden", "Joe Biden", False),
        ("Hunter Biden", "Joe Biden", False),
        ("Oleksiy Kuleba", "Dmytro Kuleba", False),
        ("Paul Whelan", "David Whelan", False),
    ],
)
def test_full_names_agree(a, b, same):
    assert full_names_agree(speaker_key(a), speaker_key(b)) is same


def test_slips_are_one_letter_in_a_long_word_only():
    assert full_names_agree(speaker_key("Atonio Guterres"), speaker_key("Antonio Guterres"), slips=True)
    assert full_names_agree(speaker_key("Mykhailo Podoylak"), speaker_key("Mykhailo Podolyak"), slips=True)
    assert not full_names_agree(speaker_key("Atonio Guterres"), speaker_key("Antonio Guterres"))
    assert not full_names_agree(speaker_key("Ann Lee"), speaker_key("Ann Lea"), slips=True)  # too short to be a slip


def test_first_names_agree_by_initial_or_start():
    assert first_names_agree("j", "joseph")
    assert first_names_agree("ed", "edmund")
    assert first_names_agree("dan", "danil")
    assert not first_names_agree("jill", "joseph")


def test_a_surname_alone_is_its_roles_person_else_the_dominant_one():
    # Joe (1,200 quotes, "us president") and Jill (25, "first lady")
    people = [(1, 1200, frozenset({"us president"})), (2, 25, frozenset({"first lady"}))]
    assert bare_surname_owner("biden", [], people) == 1
    assert bare_surname_owner("biden", ["First Lady"], people) == 2
    # David (59) and Paul (47) Whelan: neither dominates
    assert bare_surname_owner("whelan", [], [(3, 59, frozenset()), (4, 47, frozenset())]) is None
    assert bare_surname_owner("whelan", [], [(3, 59, frozenset())]) == 3  # the only one known
    assert bare_surname_owner("whelan", [], []) is None


def test_group_people_joins_spellings_and_keeps_people_apart():
    speakers = [
        known(1, "Volodymyr Zelensky", 1956),
        known(2, "Vladimir Zelenskyy", 221),
        known(3, "Volodymr Zelensky", 24),  # a slip in a minority spelling
        known(4, "Zelensky", 40),  # the surname alone: Volodymyr dominates it
        known(5, "Olena Zelenska", 89),  # his wife: another name
        known(6, "Joe Biden", 1210, roles={"us president"}),
        known(7, "Biden", 444),
        known(8, "Biden", 12, roles={"president"}),
        known(9, "Jill Biden", 25, roles={"first lady"}),
        known(10, "Hunter Biden", 5),
        known(11, "Whelan", 3),
        known(12, "David Whelan", 59),
        known(13, "Paul Whelan", 47),
        known(14, "the Kremlin", 112, kind="organisation"),
        known(15, "Kremlin", 8, kind="organisation"),
    ]
    # each group survivor first: the most quoted
    assert group_people(speakers) == [[1, 2, 4, 3], [6, 7, 8], [14, 15]]


def test_editors_decisions_are_kept():
    speakers = [
        known(1, "Joe Biden", 1210),
        known(2, "Biden", 30, confirmed=True),  # an editor gave it quotes: never folded away
        known(3, "Joseph Biden", 5, confirmed=True),
        known(4, "Joe Biden", 2, confirmed=True),  # two confirmed speakers: kept apart
    ]
    groups = group_people(speakers)
    assert [2] not in groups and all(2 not in group[1:] for group in groups)
    assert not any({3, 4} <= set(group) for group in groups)
    # a confirmed speaker survives the group it is in, however few its quotes
    assert any(group[0] in (3, 4) and 1 in group for group in groups)


def test_an_initial_joins_one_person_not_two():
    speakers = [known(1, "John Smith", 50), known(2, "Jane Smith", 40), known(3, "J. Smith", 3)]
    groups = group_people(speakers)
    assert len(groups) <= 1 and not any({1, 2} <= set(group) for group in groups)


def test_an_alias_that_names_someone_else_joins_nobody():
    speakers = [known(1, "Vladimir Putin", 1368), known(2, "Dana Voss", 8, aliases=["Vladimir Putin"])]
    assert group_people(speakers) == []


def test_grouping_does_not_depend_on_order():
    speakers = [
        known(1, "Serhiy Haidai", 86),
        known(2, "Serhiy Hayday", 22),
        known(3, "Serhiy Gaidai", 21),
        known(4, "Haidai", 1),
    ]
    forward = group_people(speakers)
    backward = group_people(list(reversed(speakers)))
    assert forward == backward == [[1, 2, 3, 4]]
