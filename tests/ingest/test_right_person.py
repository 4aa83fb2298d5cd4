"""The right person: classes of wrong-person attribution found on hand-annotated war
reporting (issue 12), each with invented sentences."""

import pytest

from archive.ingest.attribution import extract_quotes
from archive.ingest.pipeline import extract_article
from archive.ingest.records import ArticleInput


def speakers(paragraphs):
    """(quote text, speaker or description, attribution) for every quote, in order."""
    return [
        (q.text, q.speaker or q.source_description, q.attribution) for para in extract_quotes(paragraphs) for q in para
    ]


def test_a_name_after_the_office_it_holds_is_the_speaker():
    paragraphs = [
        "Separately, the secretary of Ruritania's National Security Council Pavel Orlin said the talks had "
        "'found a path' to a truce."
    ]
    assert speakers(paragraphs) == [("found a path", "Pavel Orlin", "named")]


def test_a_name_in_apposition_after_an_inverted_title_is_the_speaker():
    paragraphs = [
        "The court jailed Tom Rees and Ian Pike for ten years.",
        "“This is a sham judgment with no legitimacy,” said the foreign secretary, Ada Whitlock.",
    ]
    assert speakers(paragraphs) == [("This is a sham judgment with no legitimacy,", "Ada Whitlock", "named")]


def test_a_title_that_says_whose_office_is_not_the_person_last_named():
    # Nobody in the article holds the office; Tom Rees, the subject before, is a captive.
    paragraphs = [
        "Tom Rees was captured in April near the port.",
        "The country's prosecutor general said they would “punish those responsible” for the killings.",
    ]
    [(text, speaker, attribution)] = speakers(paragraphs)
    assert speaker != "Tom Rees"
    assert attribution == "anonymous"


def test_the_last_person_named_still_holds_a_bare_title():
    paragraphs = [
        "Senator Ada Whitlock toured the border on Monday.",
        "“We will not wait,” the senator said.",
    ]
    assert speakers(paragraphs) == [("We will not wait,", "Ada Whitlock", "title")]


def test_the_name_before_an_appositive_left_open_speaks_not_the_place_in_it():
    paragraphs = [
        "Speaking to reporters, Dana Voss, Professor of Strategy and Security Studies at Lumen University said: "
        "“The station will come down in a controlled way.”"
    ]
    assert speakers(paragraphs) == [("The station will come down in a controlled way.", "Dana Voss", "named")]


def test_he_is_never_a_place_or_an_event():
    paragraphs = [
        "Ivo Marsh, a card expert, has tracked the attacks since March.",
        "Delegates met at Osk Investment Forum on Tuesday.",
        "“I think this is an opportunity the Kremlin is seizing,” he said.",
    ]
    assert speakers(paragraphs) == [("I think this is an opportunity the Kremlin is seizing,", "Ivo Marsh", "pronoun")]


def test_a_name_after_an_abbreviation_that_ended_the_sentence_is_the_person_named_before():
    paragraphs = [
        "Warsaw Mayor Pavel Orlin said the city had run out of beds.",
        "Poland has taken 2 million people, according to the U.N. Orlin said the response had been “improvised.”",
    ]
    assert speakers(paragraphs)[-1] == ("improvised.", "Pavel Orlin", "named")


def test_a_heading_run_into_a_participle_is_no_one_he_could_be():
    paragraphs = [
        "Ivo Marsh, the Ruritanian president, toured the front on Monday.",
        "Forces are massing near the city of Osk Highlighting the stakes, Marsh visited the trenches.",
        "“What you all deserve is victory,” he said.",
    ]
    assert speakers(paragraphs)[-1] == ("What you all deserve is victory,", "Ivo Marsh", "pronoun")


def test_he_and_she_know_ukrainian_first_names_and_a_french_jean():
    paragraphs = ["Iryna Holub met Jean Claude Mbeki in Kyiv on Monday.", "“We will fight on,” he said."]
    assert speakers(paragraphs) == [("We will fight on,", "Jean Claude Mbeki", "pronoun")]
    paragraphs = ["Mykola Stepanenko met Ada Whitlock in Kyiv on Monday.", "“We will fight on,” she said."]
    assert speakers(paragraphs) == [("We will fight on,", "Ada Whitlock", "pronoun")]


def test_a_photo_caption_names_who_is_pictured_not_who_speaks_next():
    paragraphs = [
        "Ivo Marsh, a scholar of Ruritania, said the threats were “unpredictable.” President Pavel Orlin attends "
        "a video call of the “Capital Calling!” Investment Forum in Osk, Ruritania, Tuesday, Nov. 30, 2021. "
        "“I think this is an opportunity that Orlin is seizing,” he said."
    ]
    assert speakers(paragraphs)[-1] == ("I think this is an opportunity that Orlin is seizing,", "Ivo Marsh", "pronoun")


def test_someone_named_by_a_first_name_alone_is_who_he_is_next():
    paragraphs = [
        "CBS correspondent Holly Ward visited a military hospital. Mykola, a mechanic and reservist, told CBS "
        "News he was hit by shrapnel. “We can't stop them on our own,” he told Ward."
    ]
    assert speakers(paragraphs) == [("We can't stop them on our own,", "Mykola", "pronoun")]


def test_a_lede_describes_the_person_the_next_sentence_names():
    paragraphs = [
        "The siege has left the port in “utter ruin”, according to a Ruritanian businessman. "
        "Pavel Orlin has claimed that the dams will not hold another winter.",
    ]
    assert speakers(paragraphs) == [("utter ruin", "Pavel Orlin", "title")]


def test_a_lede_description_across_the_paragraph_break():
    paragraphs = [
        "A Ruritanian mayor has warned that his town is left “in complete ruin” by the shelling.",
        "Pavel Orlin, mayor of Osk, said that the town's hospitals were overflowing.",
    ]
    assert speakers(paragraphs) == [("in complete ruin", "Pavel Orlin", "title")]


def test_a_lede_description_stays_anonymous_when_the_next_sentence_names_no_speaker():
    paragraphs = [
        "A Ruritanian mayor has warned that his town is left “in complete ruin” by the shelling.",
        "Pavel Orlin visited the town on Monday.",
    ]
    assert speakers(paragraphs) == [("in complete ruin", "A Ruritanian mayor", "anonymous")]


def test_a_month_that_is_a_first_name_stays_in_the_name_after_a_title():
    paragraphs = ["“We will not fund it,” said Rep. August Pellow, who sits on the budget committee."]
    assert speakers(paragraphs) == [("We will not fund it,", "August Pellow", "named")]


def test_a_month_after_in_is_when_not_who():
    paragraphs = ["In August Orlin said: “We will not fund it.”"]
    assert speakers(paragraphs) == [("We will not fund it.", "Orlin", "named")]


def test_a_first_name_in_apposition_to_a_person_is_who_she_is_next():
    paragraphs = [
        "One woman with the injury, Liudmila, said she now had to choose between surgery and her roof. "
        "“The winter is coming,” she said.",
    ]
    assert speakers(paragraphs) == [("The winter is coming,", "Liudmila", "pronoun")]


def test_a_first_name_in_apposition_to_a_relative_speaks():
    paragraphs = ["His wife, Olena, told reporters: “He will come home.”"]
    assert speakers(paragraphs) == [("He will come home.", "Olena", "named")]


def test_a_name_and_a_contracted_has_is_the_subject_not_a_possessive():
    paragraphs = [
        "“Close the sky,” Ivo Marsh said.",
        "NATO's already gone on record saying a “no-fly zone” would mean war.",
    ]
    assert speakers(paragraphs)[1] == ("no-fly zone", "NATO", "named")


def test_the_russian_is_the_person_the_article_is_talking_about():
    paragraphs = [
        "Mr Orlin shared his view of the regime. Asked about the sanctions, the Russian replied: "
        "“They will not change a thing.”",
    ]
    assert speakers(paragraphs) == [("They will not change a thing.", "Orlin", "title")]


def test_the_british_are_a_people_not_one_person():
    paragraphs = ["Mr Orlin shared his view of the regime. The British said: “They will not change a thing.”"]
    assert speakers(paragraphs)[0][1] != "Orlin"


def test_a_name_in_an_opening_participle_phrase_is_not_the_subject():
    paragraphs = [
        "Speaking to Ivo Marsh on the evening news, Mr Orlin described the regime from within. "
        "“It cannot last,” he said.",
        "Asked about Ivo Marsh's question, Mr Orlin laughed. “I have said it before,” he said.",
    ]
    assert [speaker for _, speaker, _ in speakers(paragraphs)] == ["Orlin", "Orlin"]


def test_an_official_is_nobody_another_article_named_but_a_spokesman_of_a_body_is():
    # Roles the archive learned from other articles: a bad parse once gave a spokesman
    # "Western official" as a role; a body's spokesman is one person at a time.
    roles = {"Western official": "Ivo Marsh", "Osk Kremlin spokesman": "Pavel Orlin"}
    paragraphs = [
        "“The front is at a near standstill,” the Western official said.",
        "“There will be no talks,” the Osk Kremlin spokesman said.",
    ]
    found = [(q.speaker, q.source_description) for para in extract_quotes(paragraphs, known_roles=roles) for q in para]
    assert found == [(None, "the Western official"), ("Pavel Orlin", None)]


def test_words_of_a_question_put_to_a_person_are_not_theirs_but_the_answer_is():
    paragraphs = [
        "When asked whether he thinks Orlin is “still rational,” Ivo Marsh said he would not guess.",
        "When asked about the talks, Ivo Marsh said: “We will see.”",
    ]
    assert speakers(paragraphs) == [
        ("still rational,", "the question", "anonymous"),
        ("We will see.", "Ivo Marsh", "named"),
    ]


def test_a_capital_that_speaks_is_its_government_not_a_person():
    kinds = [
        (q.speaker, q.speaker_kind)
        for para in extract_quotes(["“We will respond,” Moscow said.", "Kyiv denied it was “a provocation”."])
        for q in para
    ]
    assert kinds == [("Moscow", "organisation"), ("Kyiv", "organisation")]


def test_a_person_whose_surname_is_a_capital_stays_a_person():
    paragraphs = ["Ivo Paris ran the campaign.", "“It was close,” Paris said."]
    assert [(q.speaker, q.speaker_kind) for para in extract_quotes(paragraphs) for q in para] == [
        ("Ivo Paris", "person")
    ]


def test_the_unnamed_person_the_article_brought_in_is_not_the_person_it_names_most():
    paragraphs = [
        "Pavel Orlin's army is losing men. The audio is a call between a Ruritanian soldier and his wife.",
        "The Ruritanian soldier continued: “We shoot our own.”",
    ]
    assert speakers(paragraphs) == [("We shoot our own.", "The Ruritanian soldier", "anonymous")]


def test_a_name_in_apposition_after_an_office_of_an_organisations_body():
    paragraphs = [
        "“We propose to extend the ban,” the head of the Osk Duma's information committee, Pavel Orlin, "
        "said on his Telegram channel."
    ]
    assert speakers(paragraphs) == [("We propose to extend the ban,", "Pavel Orlin", "named")]


def test_an_office_whose_holder_a_possessive_names_is_not_the_person_last_named():
    paragraphs = [
        "Pavel Orlin spoke to the committee on Monday.",
        "“We will go to the moon,” the head of Ruritania's space agency said.",
    ]
    assert speakers(paragraphs) == [("We will go to the moon,", "the head of Ruritania's space agency", "anonymous")]


def test_a_name_in_a_sentence_opening_description_is_who_he_is_next():
    paragraphs = [
        "“We will not move,” Mr Orlin said. Yet that is what Osk is doing.",
        "The Osk Defence Secretary Ivo Marsh has suggested it would not be enough. “We want them weakened,” he said.",
    ]
    assert speakers(paragraphs)[1] == ("We want them weakened,", "Ivo Marsh", "pronoun")


def test_he_after_an_unnamed_official_is_the_official_not_a_man_named_before():
    paragraphs = [
        "Pavel Orlin has said he will not back down. A senior Western official said the war would last. "
        "“Orlin cannot be seen to win,” he said.",
    ]
    assert speakers(paragraphs) == [("Orlin cannot be seen to win,", "A senior Western official", "pronoun")]


def test_he_after_an_office_of_a_named_body_is_its_unnamed_holder():
    paragraphs = [
        "Pavel Orlin has said he will not back down. The political leader of the Osk Republic made clear the "
        "trial was a sham. “The evidence has been fully assembled,” he said.",
    ]
    assert speakers(paragraphs) == [
        ("The evidence has been fully assembled,", "The political leader of the Osk Republic", "pronoun")
    ]


def test_she_after_a_title_the_article_named_is_still_that_person():
    paragraphs = ["Senator Ada Vos toured the border. The senator said it was calm. “We will not wait,” she said."]
    assert speakers(paragraphs) == [("We will not wait,", "Ada Vos", "pronoun")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The spokesman for Russian President Pavel Orlin said it was “absurd”.",
        "The chief of staff of Ukrainian President Pavel Orlin has told reporters it was “absurd”.",
        "A lawyer for former President Pavel Orlin said it was “absurd”.",
    ],
)
def test_someone_who_speaks_for_a_person_is_not_the_person(sentence):
    [(_, speaker, attribution)] = speakers([sentence])
    assert speaker != "Pavel Orlin"
    assert attribution == "anonymous"


def test_an_office_of_a_body_then_its_holder_is_the_holder():
    paragraphs = ["The secretary of Osk's Security Council Pavel Orlin said it was “absurd”."]
    assert speakers(paragraphs) == [("absurd", "Pavel Orlin", "named")]


def test_he_after_an_unnamed_subject_behind_an_opening_phrase():
    paragraphs = [
        "Ivo Marsh said the Commission expected the worst. Asked about those comments, the spokesperson said "
        "the Commission was planning for a halt. “We are working on the worst scenario,” he said.",
        "Pavel Orlin said he prefers the old order. Similarly, a leader of the Osk community in Moscow told the "
        "paper most were sympathetic. “The west pushed them to do this,” he said.",
    ]
    assert speakers(paragraphs) == [
        ("We are working on the worst scenario,", "the spokesperson", "pronoun"),
        ("The west pushed them to do this,", "a leader of the Osk community in Moscow", "pronoun"),
    ]


def test_a_generic_someone_in_a_persons_reported_words_is_not_an_unnamed_speaker():
    paragraphs = [
        "Mr. Rogers spoke at length. A developer who wants to cheat can “make up something wild” and get away "
        "with it, he says.",
        "Antony Vale arrived on Monday. The Secretary of State said the talks went well. “We will see,” he said.",
    ]
    assert [speaker for _, speaker, _ in speakers(paragraphs)] == ["Rogers", "Antony Vale"]


def test_he_after_a_countrys_office_is_the_person_holding_it():
    paragraphs = [
        "President Ada Vos spoke on Monday. The president of the United States said the talks went well. "
        "“We will see,” she said.",
        "Pavel Orlin spoke on Monday. The president of Russia said the talks went well. “We will see,” he said.",
    ]
    assert [speaker for _, speaker, _ in speakers(paragraphs)] == ["Ada Vos", "Pavel Orlin"]


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("In an interview, Ada Whitlock dismissed the suggestion that Marek Vos was “unhinged”.", "unhinged"),
        ("Ada Whitlock denied reports of a “purge” in the ministry.", "purge"),
        ("Ada Whitlock scoffed at claims that the strike was “a provocation” staged by Kyiv.", "a provocation"),
        ("The two men were convicted on charges of “mercenary activity” in Dorvik.", "mercenary activity"),
        ("Tom Rees was charged with “sabotage” on Friday.", "sabotage"),
        ("Marek Vos has been described as “the general's banker” for years.", "the general's banker"),
        ("Tom Rees, who was dubbed “the quiet hand”, left the court.", "the quiet hand"),
    ],
)
def test_words_of_a_rejected_claim_a_charge_or_a_passive_label_are_no_ones_the_sentence_names(sentence, words):
    [(text, speaker, attribution)] = speakers([sentence])
    assert text == words
    assert (speaker, attribution) == (None, "unattributed")


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("Ruritania accused Dorvik of “nuclear terrorism” on Monday.", "Ruritania"),
        ("Marek Vos was described as “a coward” by Ada Whitlock.", "Ada Whitlock"),
        (
            "“It was a provocation,” Ada Whitlock said, dismissing the suggestion that it was an accident.",
            "Ada Whitlock",
        ),
        ("Ada Whitlock described the talks as “useful”.", "Ada Whitlock"),
    ],
)
def test_a_speaker_the_sentence_names_still_speaks_around_claims_and_labels(sentence, speaker):
    [(_, found, _)] = speakers([sentence])
    assert found == speaker


def test_a_person_others_are_said_to_quote_is_not_the_speaker_of_a_quote_before():
    paragraphs = [
        "The call, which the Ruritanian official described as “long and frank,” Ada Whitlock was said to have "
        "ended early."
    ]
    assert speakers(paragraphs) == [("long and frank,", "the Ruritanian official", "anonymous")]


def test_the_women_are_a_group_not_the_woman_last_named():
    paragraphs = [
        "The letter was signed by Ada Whitlock and forty other women.",
        "“We urge you to bring her home,” the women write.",
    ]
    assert speakers(paragraphs) == [("We urge you to bring her home,", "the women", "anonymous")]


def test_an_office_the_person_does_not_hold_is_not_that_person():
    # The mayor named before is not "the analyst"; the archive's Ruritanian president is
    # not "the Dorvik ambassador to the U.N.".
    paragraphs = [
        "Pavel Orlin, mayor of Vetka, said the city was surrounded.",
        "On television the analyst said the army was using a “mediaeval siege method” to take towns.",
    ]
    [(_, speaker, attribution)] = speakers(paragraphs)
    assert (speaker, attribution) == ("the analyst", "anonymous")
    paragraphs = [
        "Marek Vos spoke again on Monday.",
        "According to the Dorvik ambassador to the U.N., Marek Vos has decided to use “hunger as a weapon.”",
    ]
    learned = {"ruritanian president": "Marek Vos"}
    [quote] = extract_quotes(paragraphs, known_roles=learned)[1]
    assert (quote.speaker, quote.attribution) == (None, "anonymous")


def test_an_office_the_person_holds_still_names_them():
    paragraphs = [
        "Pavel Orlin, the mayor of Vetka, toured the square.",
        "“We will rebuild,” the mayor said.",
    ]
    assert speakers(paragraphs) == [("We will rebuild,", "Pavel Orlin", "title")]


def test_the_archive_files_no_guess_under_a_person():
    # "full control over its cranes" has no cue: whom the article is talking about is
    # the extractor's loosest guess. extract_quotes writes it with its low confidence;
    # the record the archive stores keeps the quote unattributed and Ada Whitlock, who
    # said nothing, off the speakers.
    paragraphs = [
        "Ada Whitlock toured the port on Monday with the harbour master.",
        "Given that the port has “full control over its cranes”, fears have been raised about the strike.",
    ]
    [guess] = extract_quotes(paragraphs)[1]
    assert (guess.speaker, guess.confidence) == ("Ada Whitlock", pytest.approx(0.3))
    record = extract_article(ArticleInput(raw_text="Port strike\n\n" + "\n\n".join(paragraphs), title="Port strike"))
    [stored] = record.quotes
    assert stored.text == "full control over its cranes"
    assert (stored.speaker, stored.attribution, stored.confidence) == (None, "unattributed", 0.0)
    assert "Ada Whitlock" not in {speaker.name for speaker in record.speakers}


def test_of_two_people_given_one_title_the_title_is_the_one_named_last():
    paragraphs = [
        "President Ada Whitlock spoke on Monday. President Pavel Orlin of Dorvik replied in a post reading, "
        "“I say this as the President of a small country.”",
        "“Let there be no doubt,” Ms. Whitlock said. “We have to be ready,” the president said.",
    ]
    assert [speaker for _, speaker, _ in speakers(paragraphs)][-1] == "Ada Whitlock"


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("President Orlin of Ruritania said, “We will not wait.”", "Orlin"),
        ("Mayor Klitsch of Vetka said, “We will not wait.”", "Klitsch"),
    ],
)
def test_a_titled_surname_of_a_place_is_the_person_not_the_place(sentence, speaker):
    [(_, found, attribution)] = speakers([sentence])
    assert (found, attribution) == (speaker, "named")


def test_a_lede_description_is_the_person_the_next_sentence_names_with_a_role_that_fits():
    lede = "A Ruritanian official on Friday issued a warning, saying such moves would have “serious repercussions.”"
    fits = lede + " Ruritanian Foreign Ministry spokesperson Ada Whitlock made the remarks at a briefing."
    assert speakers([fits]) == [("serious repercussions.", "Ada Whitlock", "title")]
    other = lede + " Dorvik Foreign Ministry spokesperson Ada Whitlock made the remarks at a briefing."
    assert speakers([other]) == [("serious repercussions.", "A Ruritanian official", "anonymous")]


def test_a_leading_office_is_not_a_person_known_by_another_office():
    # The archive knows Lena Voss as a spokesman: "the Dorvik foreign minister" is someone else.
    paragraphs = [
        "Lena Voss spoke to reporters on Monday.",
        "The Dorvik foreign minister said such an accusation is intended to “distort the facts”.",
    ]
    [quote] = extract_quotes(paragraphs, known_roles={"White House spokesman": "Lena Voss"})[1]
    assert (quote.speaker, quote.source_description) == (None, "The Dorvik foreign minister")
