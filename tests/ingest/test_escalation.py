"""Escalation coding, table-driven: invented sentences, what a reader would code them."""

import pytest

from archive.ingest.escalation import (
    DEFAULT_LEXICON,
    InvalidTerm,
    Lexicon,
    Term,
    code_quote,
    compile_term,
    sentence_around,
)


@pytest.mark.parametrize(
    "quote, act",
    [
        ("Any strike on our territory with these missiles will be met with a crushing response", "threat"),
        ("We will retaliate against the countries supplying these weapons", "threat"),
        ("Their bases will become legitimate targets", "threat"),
        ("This is our red line and it cannot be crossed", "red_line"),
        ("They must withdraw their troops within 48 hours", "red_line"),
        ("We have no plans to send troops to the region", "reassurance"),
        ("We did not order any strike on the city", "denial"),
        ("The reports that our forces attacked the convoy are a lie", "denial"),
        ("We call for negotiations without preconditions", "talks"),
        ("The only way out is a ceasefire and a return to dialogue", "talks"),
        ("We do not want a war with anybody", "reassurance"),
        ("We will continue to support Ukraine for as long as it takes", "reassurance"),
        ("This decision risks a dangerous escalation", "warning"),
        ("That could drag the whole continent into a wider war", "warning"),
        ("The weather in the capital was cold this morning", "other"),
    ],
)
def test_acts(quote, act):
    assert DEFAULT_LEXICON.code(quote).act == act


@pytest.mark.parametrize(
    "quote, act",
    [
        # Modal + harm verb, or a penalty announced as coming, even beside red-line words.
        ("Such a step is unacceptable and would carry far-reaching consequences for Moscow", "threat"),
        ("Any attempt to help them will be met with the harshest sanctions", "threat"),
        # A threat conditioned on non-compliance is an ultimatum; one conditioned on an act stays a threat.
        ("Unless the convoy turns back, we will strike it", "red_line"),
        ("If they do not leave the port by Friday, we will be forced to act", "red_line"),
        ("If they attack the port, we will strike back", "threat"),
        # Red lines the speaker draws, not red lines talked about.
        ("We will never accept a partition of our country", "red_line"),
        ("Foreign troops on our soil must not be allowed", "red_line"),
        ("Where exactly is the red line for the allies?", "other"),
        # Denials dispute a claim; a word like "fake" elsewhere is not one.
        ("We have not seen any evidence of a withdrawal", "denial"),
        ("The story that our pilots bombed the dam is completely false", "denial"),
        ("He asked whether the footage was fake", "other"),
        # Reassurance is the speaker's own: "we stand with", "we are not at war".
        ("We are not at war with the Russian people", "reassurance"),
        ("The whole nation stands firmly with you", "reassurance"),
        ("Voters wonder whether their leaders still stand with the farmers", "other"),
        # Talks are called for, not reported or talked about.
        ("The delegations met again for peace talks in the capital", "other"),
        ("I just want to talk about the budget", "other"),
        ("We urge both sides to return to the negotiating table", "talks"),
        ("There is no alternative to a diplomatic and peaceful solution", "talks"),
        # History is not a warning.
        ("The worst flooding since World War II", "other"),
        ("This could start a third world war", "warning"),
    ],
)
def test_act_rules(quote, act):
    assert DEFAULT_LEXICON.code(quote).act == act


def test_words_quoted_inside_a_quote_are_not_the_speakers_act():
    assert DEFAULT_LEXICON.code("Then he shouted at me: 'Pay up or else!' and left").act == "other"
    assert DEFAULT_LEXICON.code("They passed a so-called 'fake news' law last week").act == "other"


@pytest.mark.parametrize("cue", ["urged", "insisted", "appealed"])
def test_cue_verbs_that_introduce_anything_settle_nothing(cue):
    assert DEFAULT_LEXICON.code("the harvest was late this year", cue=cue).act == "other"


@pytest.mark.parametrize(
    "cue, act",
    [("warned", "warning"), ("denied", "denial"), ("threatened", "threat"), ("said", "other")],
)
def test_a_cue_verb_settles_a_quote_no_pattern_codes(cue, act):
    assert DEFAULT_LEXICON.code("the situation is what it is", cue=cue).act == act


@pytest.mark.parametrize(
    "text, weapons, targets",
    [
        (
            "If Storm Shadow and ATACMS hit Russian soil, NATO is at war with Russia",
            {"storm-shadow", "atacms"},
            {"nato", "russia"},
        ),
        ("Tomahawks for Kyiv would be a new stage", {"tomahawk"}, {"ukraine"}),
        ("Germany will not deliver Taurus", {"taurus"}, {"germany"}),
        ("The F-16s will arrive in the summer, the White House said", {"f-16"}, {"united-states"}),
        ("Our nuclear arsenal is ready and London knows it", {"nuclear"}, {"united-kingdom"}),
        ("The US military has no such plans", set(), {"united-states"}),
        ("Let us discuss this", set(), set()),
    ],
)
def test_weapons_and_targets(text, weapons, targets):
    coded = DEFAULT_LEXICON.code(text)
    assert set(coded.weapons) == weapons and set(coded.targets) == targets


def test_us_the_pronoun_is_not_the_united_states():
    assert "united-states" not in DEFAULT_LEXICON.code("Let us be clear: they will pay").targets


@pytest.mark.parametrize(
    "body, quote, conditional",
    [
        ("“We will respond,” he said, if the White House provides the missiles.", "We will respond", True),
        (
            "“Should Kyiv fire them at Moscow, we will respond,” he said.",
            "Should Kyiv fire them at Moscow, we will respond",
            True,
        ),
        ("“Unless they stop, we will act,” she said.", "Unless they stop, we will act", True),
        ("“We will respond,” he said. If asked, officials decline to comment.", "We will respond", False),
        ("“It looks as if they want war,” he said.", "It looks as if they want war", False),
    ],
)
def test_conditional_comes_from_the_quote_and_its_sentence(body, quote, conditional):
    start = body.index(quote)
    assert code_quote(quote, body=body, start=start, end=start + len(quote)).conditional is conditional


def test_sentence_around_stays_in_the_paragraph_and_runs_past_the_closing_mark():
    body = "First paragraph. It ends.\n\nHe spoke. “This is it,” he said on Monday. Then he left."
    start = body.index("This is it")
    assert sentence_around(body, start, start + len("This is it")) == "“This is it,” he said on Monday."


def test_editors_terms_extend_the_default_lexicon():
    lexicon = Lexicon(
        [
            Term(kind="weapon", label="Flamingo", pattern="flamingos?"),
            Term(kind="act", label="threat", pattern="bite back"),
        ]
    )
    coded = lexicon.code("Our Flamingo missiles will bite back")
    assert coded.weapons == ("flamingo",) and coded.act == "threat"
    assert lexicon.labels[("weapon", "flamingo")] == "Flamingo"


@pytest.mark.parametrize(
    "term",
    [
        Term(kind="weapon", label="Bad", pattern="(unclosed"),
        Term(kind="act", label="bluster", pattern="x"),
        Term(kind="colour", label="red", pattern="red"),
    ],
)
def test_bad_terms_are_refused(term):
    with pytest.raises(InvalidTerm):
        compile_term(term)
