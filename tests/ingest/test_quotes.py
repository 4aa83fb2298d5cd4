"""Quote span detection: which quoted stretches are quotations, and where they are."""

import pytest

from archive.ingest.quotes import quote_spans


def texts(paragraph):
    return [paragraph[s.start : s.end] for s in quote_spans(paragraph)]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # curly, straight, NYT doubled apostrophes, guillemets
        ("“We will rebuild the bridge,” the mayor said.", ["We will rebuild the bridge,"]),
        ('"The budget is balanced," Hollis said.', ["The budget is balanced,"]),
        ("''Nobody saw it coming,'' Ms. Arden said.", ["Nobody saw it coming,"]),
        ("«We will not give in», the minister said.", ["We will not give in"]),
        # single curly quotes used as quotation marks
        ("‘We are ready for talks,’ the envoy told reporters.", ["We are ready for talks,"]),
        # an apostrophe and a plural possessive are not quotation marks
        ("The Court of Appeals’ ruling was welcomed by the governor’s office.", []),
        # two quotes around one attribution
        ("“First,” she said. “Second.”", ["First,", "Second."]),
        # partial quote inside paraphrase
        ("Velasco blamed the delay on “a handful of stubborn regulators.”", ["a handful of stubborn regulators."]),
        ("He promised that the reply “will be measured”.", ["will be measured"]),
        # a characterisation after "as (a)", and a fragment coordinated with a quotation
        ("Pia Lund hailed the treaty as a “breakthrough.”", ["breakthrough."]),
        ("The council condemned the strike as “reckless” and a “betrayal.”", ["reckless", "betrayal."]),
        # any speech verb after a quote makes it one, even in capitals
        ("“FULL STEAM AHEAD,” she declared after the vote.", ["FULL STEAM AHEAD,"]),
        # a title stays a title after "as"
        ("The unit was known as the “Night Watch” for years.", []),
        # nickname, title of a work, scare quote
        ('The fight was won by Dolores "Lola" Hart in the end.', []),
        ("She appeared on “Morning Roundtable” to promote the book.", []),
        ("Critics dismissed the “reform” as cosmetic.", []),
        # a programme named after its channel, even with an attribution after it
        ("Sunday on Harbour TV’s “Morning Desk,” Rep. Ana Cole said the port would close.", []),
        # a transcript's stage direction
        ('"(CROSSTALK.)', []),
    ],
)
def test_quote_spans(paragraph, expected):
    assert texts(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # a short capitalised quote opened right after a speech verb and its comma
        ("Asked about a rematch, Ilse Moran shrugged and said, “We’ll see.”", ["We’ll see."]),
        # "what they call the …" quotes them, however short or capitalised
        ("Farmers marched against what they call the “Land Grab” rules.", ["Land Grab"]),
        ("The senator railed against what he calls the “cartel” in the capital.", ["cartel"]),
        # after a verb that reports a clause, "the “…”" is the speaker's words, not a scare quote
        ("Hanna Roos said the “quiet deal” hurt the town.", ["quiet deal"]),
        # ...but a judged object stays a scare quote, and a reporting verb in the sentence
        # before (one that ends inside a closing mark) does not reach it
        ("Critics dismissed the “reform” as cosmetic.", []),
        ('Ada Holm said, "We won." Then the "cure" arrived.', ["We won."]),
        # a long Title Case span right after the kind of work it names is its title
        ("In her 2019 book, “How We Lost the Quiet Valley Forever,” Mara Quint recalls the flood.", []),
        ("Ola Berg read an essay titled “Why the Harbour Will Never Be the Same Again” aloud.", []),
        # ...and a short one too, even when a speech verb follows the title
        ("In his 2011 memoir, “Salt and Iron,” Tomas Reyes recalled the strike.", []),
        # a naming verb with a person as object quotes an epithet, even in Title Case
        ("At the rally he called Brenner “Sleepy Otto” twice.", ["Sleepy Otto"]),
        ("Protesters held signs calling Vance “The Landlord King.”", ["The Landlord King."]),
        # first or second person in a fragment is the speaker's voice
        (
            "On Monday, Ilse Brandt groused that the agency “doesn’t treat me properly” before leaving.",
            ["doesn’t treat me properly"],
        ),
        ("Residents booed the plan, which “takes our homes away” from them.", ["takes our homes away"]),
        # a nickname after an initial is part of the name
        ('Rep. Robert C. "Bobby" Sallow said the bill was "a disgrace to the House."', ["a disgrace to the House."]),
    ],
)
def test_quote_classes(paragraph, expected):
    assert texts(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # marks around no word at all quote nobody, and never raise
        ("Oskar Brandt said: “…” and left the room.", []),
        ('"!"', []),
        ("the answer was “—” and nothing more", []),
        ("“?!” she wrote under the post.", []),
        ("“…” “Then we will see,” the coach said.", ["Then we will see,"]),
        ("‘…’ and then ‘ — ’ again", []),
        # one word is enough to be weighed as usual
        ("“No,” the clerk said.", ["No,"]),
    ],
)
def test_spans_without_words(paragraph, expected):
    assert texts(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # a mistyped shape is read by where the mark stands: scraped copy has them
        ("“Not today,“ the ferryman said. “Maybe tomorrow.”", ["Not today,", "Maybe tomorrow."]),
        (
            "Tenants said the owners “raised the rent” and ”changed the locks without notice” last winter.",
            ["raised the rent", "changed the locks without notice"],
        ),
        ("”We are not moving,” the tenant said.", ["We are not moving,"]),
        # a closing mark left out before an attribution clause: the quote ends there
        (
            '"The dam will hold for now, she added, "but not through another wet spring."',
            ["The dam will hold for now,", "but not through another wet spring."],
        ),
        (
            '"The dam will hold for now, added Lina Gorse, "but not through another wet spring."',
            ["The dam will hold for now,", "but not through another wet spring."],
        ),
        # ...and a mark that opened nothing is still dropped when no attribution follows it
        ('"In the old days, when the mill still ran and the river was clean, "progress" meant jobs.', []),
        # single marks beside double ones quote within a quote; where they are a
        # paragraph's own marks, or open it, they quote (British style)
        ("“We waited,” Ana said, and the clerk wrote ‘closed, come back’ on the form.", ["We waited,"]),
        ("The minister said: ‘We will not be moved.’ Aides agreed.", ["We will not be moved."]),
        (
            "‘We are ready for talks,’ the envoy told reporters. He said the offer was ‘final and fair’ and left.",
            ["We are ready for talks,", "final and fair"],
        ),
        # a short capitalised quote that completes "was", "as" or "a" is what someone
        # called a person, not a title...
        ("Gil Moreau said the new coach was “Brazilian.”", ["Brazilian."]),
        ("She refers to the mayor only as “Mr. Pike,” never by name.", ["Mr. Pike,"]),
        # ...unless it runs on into a noun it names
        ("He wore a “Rangers” cap to the hearing.", []),
        # ...and "known as" gives a name, not a characterisation
        ("The strikes, known as “Operation Lantern,” began at dawn.", []),
    ],
)
def test_mark_pairing_and_complements(paragraph, expected):
    assert texts(paragraph) == expected


def test_offsets_exclude_marks():
    paragraph = "“Rain again,” Odile said."
    (span,) = quote_spans(paragraph)
    assert (span.start, span.end) == (1, 12)
    assert not span.open_ended


def test_open_quote_runs_to_paragraph_end():
    paragraph = "“The first part of a long statement goes on into the next paragraph."
    (span,) = quote_spans(paragraph)
    assert span.open_ended
    assert paragraph[span.start : span.end] == paragraph[1:]


@pytest.mark.parametrize(
    "paragraph",
    [
        "He said “the levy is unfair, and then the mark never closes",
        "An odd ” mark sits here, and another “ there, with words after it.",
        'Stray " straight mark in the middle of nothing much at all.',
    ],
)
def test_unbalanced_marks_never_raise(paragraph):
    for span in quote_spans(paragraph):
        assert 0 <= span.start < span.end <= len(paragraph)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # British copy set in plain ASCII: straight single marks are the quotation marks,
        # apostrophes and elisions are not
        ("Ada Rusk said: 'We will hold the line.' Aides agreed.", ["We will hold the line."]),
        ("'We won't leave,' the mayor's aide said.", ["We won't leave,"]),
        # a mark after a plural s closes a quote before a clause word, but is a
        # possessive before a noun
        ("He told staff to expect 'rumours and speculations' as the vote nears.", ["rumours and speculations"]),
        ("The soldiers' families waited for news of the 'missing' men.", []),
        # in such copy ''…'' is a quote inside a quote; where it is the only mark, it quotes
        ("'We agreed the ''dirty bomb'' claim is false,' Vos wrote.", ["We agreed the ''dirty bomb'' claim is false,"]),
        ("''We agreed,'' Vos wrote.", ["We agreed,"]),
        # a scraper that joined paragraphs leaves a quote running on, reopened after a
        # sentence end with no closing mark: two quotes, not one lost
        (
            "He said: “The first part ends here. “The second part follows.” Then he left.",
            ["The first part ends here.", "The second part follows."],
        ),
        (
            "She said: 'The first part ends here. 'The second part follows.' Then she left.",
            ["The first part ends here.", "The second part follows."],
        ),
    ],
)
def test_straight_single_marks_and_lost_paragraph_breaks(paragraph, expected):
    assert texts(paragraph) == expected


@pytest.mark.parametrize(
    ("quoted", "title"),
    [
        ("Make America Great Again", True),
        ("War of the Worlds", True),
        ("Go Donald Trump, go!!!", False),
        ("the beginning of the end", False),
    ],
)
def test_title_case_leaves_only_short_function_words_in_lower_case(quoted, title):
    from archive.ingest.quotes import is_title_case

    assert is_title_case(quoted) is title
