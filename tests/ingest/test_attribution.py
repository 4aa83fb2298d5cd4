"""Speaker attribution over whole (invented) articles."""

import pytest

from archive.ingest.attribution import article_speakers, attribute_article, extract_quotes


def attributed(paragraphs, **kwargs):
    """(quote text, speaker or description, attribution) for every quote, in order."""
    return [
        (q.text, q.speaker or q.source_description, q.attribution)
        for para in extract_quotes(paragraphs, **kwargs)
        for q in para
    ]


CASES = [
    pytest.param(
        ["“The harbour will reopen next week,” Nadia Ferreira said."],
        [("The harbour will reopen next week,", "Nadia Ferreira", "named")],
        id="name-said-after",
    ),
    pytest.param(
        ["“We expect a ruling soon,” said Tomas Riedel."],
        [("We expect a ruling soon,", "Tomas Riedel", "named")],
        id="said-name",
    ),
    pytest.param(
        ["Mayor Ilse Vandam said: “The tunnel is safe.”"],
        [("The tunnel is safe.", "Ilse Vandam", "named")],
        id="name-said-colon",
    ),
    pytest.param(
        ["Governor Pia Holm replied: “Not this year.”"],
        [("Not this year.", "Pia Holm", "named")],
        id="colon-replied",
    ),
    pytest.param(
        ["Ruth Calder, the campaign's press secretary, noted that “every county has reported.”"],
        [("every county has reported.", "Ruth Calder", "named")],
        id="appositive",
    ),
    pytest.param(
        ["Omar Haddad has spent weeks in the capital.", "“Nobody here wants another winter like the last,” he said."],
        [("Nobody here wants another winter like the last,", "Omar Haddad", "pronoun")],
        id="pronoun-previous-paragraph",
    ),
    pytest.param(
        ["Senator Lucas Brandt met the delegation on Monday. “It went well,” he told Channel Nine."],
        [("It went well,", "Lucas Brandt", "pronoun")],
        id="pronoun-addressee-is-not-speaker",
    ),
    pytest.param(
        ["“The vote is final,” Ada Nwosu said. “We move on tomorrow.”"],
        [("The vote is final,", "Ada Nwosu", "named"), ("We move on tomorrow.", "Ada Nwosu", "named")],
        id="continuation",
    ),
    pytest.param(
        [
            "Port authority spokesperson Kenji Mori suggested the strike talks between Adams and Lowe were a formality. He warned that the response “will be firm”."
        ],
        [("will be firm", "Kenji Mori", "pronoun")],
        id="pronoun-is-the-sentence-subject",
    ),
    pytest.param(
        ["Chilean President Rosa Ibarra arrived late.", "“The deal is dead,” the Chilean president said."],
        [("The deal is dead,", "Rosa Ibarra", "title")],
        id="title-through-role",
    ),
    pytest.param(
        ["“The blockade will end,” the Ruritanian president said."],
        [("The blockade will end,", "Marek Vos", "title")],
        id="title-through-known-roles",
    ),
    pytest.param(
        ["“We are close to an agreement,” said a senior EU official."],
        [("We are close to an agreement,", "a senior EU official", "anonymous")],
        id="anonymous-said",
    ),
    pytest.param(
        [
            "The depot is nearly empty, according to an engineer cited by the agency, who called a delivery “improbable”."
        ],
        [("improbable", "an engineer cited by the agency", "anonymous")],
        id="anonymous-cited-by",
    ),
    pytest.param(
        ["“No drones crossed the border overnight,” the Ruritanian Interior Ministry said."],
        [("No drones crossed the border overnight,", "Ruritanian Interior Ministry", "named")],
        id="organisation",
    ),
    pytest.param(
        ["Dario Conti blamed the shortage on “careless city planners.”"],
        [("careless city planners.", "Dario Conti", "named")],
        id="partial-in-paraphrase",
    ),
    pytest.param(
        ["“The fleet will sail,” the admiral said, the Gazette reported."],
        [("The fleet will sail,", "the Gazette", "named")],
        id="nested-report-outer-source",
    ),
    pytest.param(
        [
            "Officials met in Geneva on Tuesday.",
            "“There is still a gap on the harbour question and on the sequencing of sanctions relief.”",
        ],
        [
            (
                "There is still a gap on the harbour question and on the sequencing of sanctions relief.",
                None,
                "unattributed",
            )
        ],
        id="unattributed-stays-unattributed",
    ),
    pytest.param(
        [
            "Leona Marsh said she would not run.",
            "“I have other plans,” she said. “Good ones.”",
            "“I will say more in spring.”",
        ],
        [
            ("I have other plans,", "Leona Marsh", "pronoun"),
            ("Good ones.", "Leona Marsh", "pronoun"),
            ("I will say more in spring.", "Leona Marsh", "pronoun"),
        ],
        id="quote-paragraph-after-quote-paragraph",
    ),
    pytest.param(
        ["Rep. Carl Ostend (R-Ore.) said the bill was “dead on arrival.”"],
        [("dead on arrival.", "Carl Ostend", "named")],
        id="party-parenthetical",
    ),
    pytest.param(
        [
            "The line was that Mayor Ilse Vandam is a crook. Although Mr Orlov has no office in the city,"
            " he holds power. In a post issued through his firm, Concord he said: “She is a strong leader.”"
        ],
        [("She is a strong leader.", "Orlov", "pronoun")],
        id="pronoun-name-after-sentence-opening-although",
    ),
    pytest.param(
        [
            "As mayor, Tom Ray was photographed with Ida Wills. When Wills died in 1998, Ray released a statement:",
            "“I remember working with her. She never gave up.”",
        ],
        [("I remember working with her. She never gave up.", "Tom Ray", "pronoun")],
        id="salient-subject-is-the-main-clauses-not-the-opening-clauses",
    ),
    pytest.param(
        [
            "Relations between Ruritanian president Marek Vos and the West are beyond repair, Ann Lee has"
            " said. The prime minister said she “cannot see for the life of me” how they could mend."
        ],
        [("cannot see for the life of me", "Ann Lee", "title")],
        id="the-prime-minister-is-not-the-president-named-before",
    ),
    pytest.param(
        [
            "Ivan Petrenko, mayor of Harbourtown, said the cemeteries were full. The mayor said:"
            " “We are burying people in the old cemeteries.”"
        ],
        [("We are burying people in the old cemeteries.", "Ivan Petrenko", "title")],
        id="mayor-of-a-place-is-an-office-not-a-name",
    ),
    pytest.param(
        [
            "On the call, Tom Ray warned that a strike was near, while Ada Vos restated her view that the"
            " danger remains “serious but unclear.”"
        ],
        [("serious but unclear.", "Ada Vos", "named")],
        id="restated-is-a-speech-verb",
    ),
    pytest.param(
        [
            "Support rose early, according to Jean Roux. “He took charge,” Ada Vos, spokesperson for the"
            " Harbour Party told ABC News."
        ],
        [("He took charge,", "Ada Vos", "named")],
        id="appositive-without-its-closing-comma",
    ),
    pytest.param(
        [
            "The mayor, Ivan Petrenko, said the town was ruined. Street fighting is under way, he said,"
            " adding: “The situation is very serious.”"
        ],
        [("The situation is very serious.", "Ivan Petrenko", "pronoun")],
        id="capitalised-first-word-is-no-heading-when-he-said-adding",
    ),
    pytest.param(
        ["Mira Kovac has found a new purpose: rescuing animals. “They are my life,” says the 50-year-old."],
        [("They are my life,", "Mira Kovac", "title")],
        id="the-50-year-old-is-the-person-the-article-is-about",
    ),
    pytest.param(
        [
            "Some reporters wondered whether the minister knew. “The doubt is growing,” political analyst"
            " and visiting scholar at the Halden Institute Irina Sokolova said in a recent note."
        ],
        [("The doubt is growing,", "Irina Sokolova", "named")],
        id="long-role-with-affiliation-then-name-said",
    ),
    pytest.param(
        ["“The doubt is growing,” analysts at the Halden Institute said."],
        [("The doubt is growing,", "analysts", "anonymous")],
        id="long-role-no-person-name",
    ),
    pytest.param(
        ["“We have moved the monument,” the governor said, according to Russian state news agency RIA Novosti."],
        [("We have moved the monument,", "RIA Novosti", "named")],
        id="according-to-nationality-then-agency-name",
    ),
]


# One row per class of attribution the rules handle beyond "Name said".
CLASS_CASES = [
    pytest.param(
        ["“Prices will rise before the winter,” the report stated."],
        [("Prices will rise before the winter,", "the report", "unattributed")],
        id="document-source-noun-like-verb",
    ),
    pytest.param(
        ["“The ceasefire is holding,” the statement said."],
        [("The ceasefire is holding,", "the statement", "unattributed")],
        id="document-source",
    ),
    pytest.param(
        ["The museum issued a report this month charging the militia with “crimes against humanity.”"],
        # a body described, not named, is the quote's description, not a speaker of the archive
        [("crimes against humanity.", "The museum", "anonymous")],
        id="time-words-are-not-speakers",
    ),
    pytest.param(
        ["Hal Brody toured the plant on Monday.", "The billionaire businessman said the deal was “a steal.”"],
        [("a steal.", "Hal Brody", "title")],
        id="epithet-resolves-to-named-person",
    ),
    pytest.param(
        ["Vladislav Orlov met the envoy.", "“There will be no retreat,” the Russian president warned."],
        [("There will be no retreat,", "Vladislav Orlov", "title")],
        id="role-noun-resolves-to-named-person",
    ),
    pytest.param(
        ["According to the ministry, the general said the line was “holding firm.”"],
        [("holding firm.", "the ministry", "anonymous")],
        id="leading-according-to-is-outer-source",
    ),
    pytest.param(
        ["The mayor was hurt by the audit and by Comptroller Ada Rusk's conclusion that it was “unrealistic.”"],
        [("unrealistic.", "Ada Rusk", "named")],
        id="possessive-speech-noun",
    ),
    pytest.param(
        ["Governor Lena Park of Vermont on Tuesday accused the utility of a “shameful cover-up.”"],
        [("shameful cover-up.", "Lena Park", "named")],
        id="subject-with-post-modifier-and-time",
    ),
    pytest.param(
        ["Already, Lina Ortiz has criticised the merger and said “we will look at blocking it” if elected."],
        [("we will look at blocking it", "Lina Ortiz", "named")],
        id="coordinated-verb-phrase",
    ),
    pytest.param(
        ["And Mayor Ruth Okafor gloated: “I told you so.”"],
        [("I told you so.", "Ruth Okafor", "named")],
        id="subject-after-conjunction-before-colon",
    ),
    pytest.param(
        ["“This is wonderful!” beamed Ray Holt of Dover."],
        [("This is wonderful!", "Ray Holt", "named")],
        id="inverted-any-verb-after-exclamation",
    ),
    pytest.param(
        ["“We will be back next year,” his nephew Omar el Tayeb told the website."],
        [("We will be back next year,", "Omar el Tayeb", "named")],
        id="description-ending-in-a-name",
    ),
    pytest.param(
        ["Norway’s Prime Minister Ola Berg hailed the deal as a “breakthrough.”"],
        [("breakthrough.", "Ola Berg", "named")],
        id="possessive-country-role-name",
    ),
    pytest.param(
        ["“We are thrilled” about the ruling, said Ana Reis, director of the Tenants Union, a group that sued."],
        [("We are thrilled", "Ana Reis", "named")],
        id="said-name-with-long-appositive",
    ),
    pytest.param(
        ["Dana Whitfield praised the new stadium and its designers.", "“It is the best ground in the league.”"],
        [("It is the best ground in the league.", "Dana Whitfield", "pronoun")],
        id="quote-paragraph-after-paragraph-about-a-person",
    ),
    pytest.param(
        ["Senator Ivo Kranj spoke to farmers in Ptuj. “We will protect your markets.”"],
        [("We will protect your markets.", "Ivo Kranj", "named")],
        id="quote-sentence-after-sentence-about-a-person",
    ),
    pytest.param(
        ["Stated Holt:", "“We have nothing to hide.”"],
        [("We have nothing to hide.", "Holt", "named")],
        id="inverted-introducer",
    ),
    pytest.param(
        ["“The offensive has stalled,” a senior US official said. “We will respond,” the Kremlin said."],
        [
            ("The offensive has stalled,", "a senior US official", "anonymous"),
            ("We will respond,", "the Kremlin", "named"),
        ],
        id="war-reporting-sources",
    ),
]


# The subject of a speech verb, wherever the sentence puts it.
SUBJECT_CASES = [
    pytest.param(
        ["Ramil Oduya, 31, a Leeds photographer, said the festival represented the “perfect opportunity” to shine."],
        [("perfect opportunity", "Ramil Oduya", "named")],
        id="said-then-reported-clause-subject-is-not-inverted",
    ),
    pytest.param(
        ["Councillor Tove Lind used to back the plan, but now said the mayor had “no mandate at all.”"],
        [("no mandate at all.", "Tove Lind", "named")],
        id="coordinated-said-takes-the-sentence-subject",
    ),
    pytest.param(
        ["Said Ann Lee on Friday: “We are done.”"],
        [("We are done.", "Ann Lee", "named")],
        id="inverted-subject-with-time-before-colon",
    ),
    pytest.param(
        ["Already, Pia Sand has denounced the merger and said, “We will look at blocking it” if she wins."],
        [("We will look at blocking it", "Pia Sand", "named")],
        id="subject-after-opener-and-comma",
    ),
    pytest.param(
        ["“It was the least bad option,” Ms. Ferro of the Harbour Trust said."],
        [("It was the least bad option,", "Ferro", "named")],
        id="name-with-of-post-modifier-after-quote",
    ),
    pytest.param(
        ["“He did what he had to do,” Linfield assistant athletic director Bo Maren said."],
        [("He did what he had to do,", "Bo Maren", "named")],
        id="affiliation-and-lower-case-role-before-name",
    ),
    pytest.param(
        ['Rep. Robert C. "Bobby" Sallow said the bill was “a disgrace to the House.”'],
        [("a disgrace to the House.", "Robert C. Sallow", "named")],
        id="nickname-inside-a-name",
    ),
]


PASSIVE_AND_FRAMING_CASES = [
    pytest.param(
        ["Commuters were called “a herd of grumblers” by Vera Lindqvist at the depot."],
        [("a herd of grumblers", "Vera Lindqvist", "named")],
        id="passive-agent-after-by",
    ),
    pytest.param(
        ["The levy was described as “a tax on breathing,” by Senator Aldo Brun."],
        [("a tax on breathing,", "Aldo Brun", "named")],
        id="passive-agent-after-as-and-comma",
    ),
    pytest.param(
        ["In a clip that Judge Ona Vey called “shameful,” Rolf Ekdahl voiced his anger."],
        [("shameful,", "Ona Vey", "named")],
        id="speech-verb-before-beats-verb-after-comma",
    ),
    pytest.param(
        ["“No,” the clerk said."],
        [("No,", "the clerk", "anonymous")],
        id="one-word-quote-before-nominal-said",
    ),
]


# Descriptions as sources: the whole description, not a noun inside its modifiers.
NOMINAL_SOURCE_CASES = [
    pytest.param(
        ["A spokeswoman for the port authority said the cranes were “beyond repair.”"],
        [("beyond repair.", "A spokeswoman for the port authority", "anonymous")],
        id="person-head-before-for-the-org",
    ),
    pytest.param(
        ["A person familiar with the tender said the bid was “far too low.”"],
        [("far too low.", "A person familiar with the tender", "anonymous")],
        id="familiar-with-post-modifier",
    ),
    pytest.param(
        ["A nurse in the ward at the clinic in Tarvik said the heating was “barely working.”"],
        [("barely working.", "A nurse in the ward at the clinic in Tarvik", "anonymous")],
        id="chain-of-prepositional-phrases",
    ),
    pytest.param(
        ["Edda Brun of the Coastal Trust said the dune plan was “a gamble.”"],
        [("a gamble.", "Edda Brun", "named")],
        id="name-of-the-org-said",
    ),
    pytest.param(
        ["A memo from the water board obtained by the Gazette warns that supplies are “critically low.”"],
        [
            (
                "critically low.",
                "A memo from the water board obtained by the Gazette",
                "unattributed",
            )
        ],
        id="document-obtained-by-outlet",
    ),
    pytest.param(
        ["A teacher who asked not to be named because she feared reprisals said the exam was “a farce.”"],
        [("a farce.", "A teacher who asked not to be named because she feared reprisals", "anonymous")],
        id="restrictive-relative-clause-subject",
    ),
    pytest.param(
        ["Quinn's lawyer, Edwin Mabry, said the charges were “baseless.”"],
        [("baseless.", "Edwin Mabry", "named")],
        id="description-then-name-in-commas",
    ),
    pytest.param(
        ["In the city, 41 percent of renters said their landlord was “unresponsive.”"],
        [("unresponsive.", "41 percent of renters", "anonymous")],
        id="share-of-a-group-of",
    ),
    pytest.param(
        ["Most said the new timetable was “a mess.”"],
        [("a mess.", "Most", "anonymous")],
        id="bare-quantity-subject",
    ),
    pytest.param(
        ["“We are not giving up,” the Ostrava campaign said."],
        [("We are not giving up,", "the Ostrava campaign", "named")],
        id="campaign-is-an-organisation",
    ),
    pytest.param(
        ["After the hearing, the Dunmore campaign sent out an appeal to donors saying: “Stand with us.”"],
        [("Stand with us.", "the Dunmore campaign", "named")],
        id="irregular-verb-ends-the-subject",
    ),
    pytest.param(
        ["“It is finished,” one Halloran confidant said."],
        [("It is finished,", "one Halloran confidant", "named")],
        id="noun-before-the-verb-heads-the-phrase",
    ),
    pytest.param(
        ["The levy is only a “temporary measure,” as a finance ministry memo put it."],
        [("temporary measure,", "a finance ministry memo", "unattributed")],
        id="as-x-put-it",
    ),
    pytest.param(
        ["Voss is no “local” candidate, as her rival's campaign manager suggested in May."],
        [("local", "her rival's campaign manager", "anonymous")],
        id="as-x-suggested-after-the-noun",
    ),
    pytest.param(
        ["The fine followed a warning from the harbour board that the pier was “unsafe for crowds.”"],
        [("unsafe for crowds.", "the harbour board", "anonymous")],
        id="speech-noun-from-source",
    ),
    pytest.param(
        ["Her letter backs the contention of former treasury minister Aldo Brun that the loan was “never repaid.”"],
        [("never repaid.", "Aldo Brun", "named")],
        id="speech-noun-of-named-source",
    ),
    pytest.param(
        [
            "Ivo Sten, the club's treasurer, repeated claims that Tell ignores the fan meeting points, calling him “a ghost.”"
        ],
        [("a ghost.", "Ivo Sten", "named")],
        id="noun-use-of-a-speech-verb-before-participle",
    ),
]


# Subjects the speech verb does not sit next to: inside an adverbial clause,
# coordinated, or a pronoun-like determiner.
CLAUSE_SUBJECT_CASES = [
    pytest.param(
        ["There were sharper moments, as when Ilse Marr rebuked the board and called its plan a “fantasy.”"],
        [("fantasy.", "Ilse Marr", "named")],
        id="subject-inside-a-when-clause",
    ),
    pytest.param(
        ["Even as they weighed the offer of “a fair deal for every worker on the line,” the unions kept striking."],
        [("a fair deal for every worker on the line,", "they", "pronoun")],
        id="subject-after-as",
    ),
    pytest.param(
        ["The audit put the loss at $4 million, which Mayor Ada Kress called “a rounding error,” blaming Tom Rusk."],
        [("a rounding error,", "Ada Kress", "named")],
        id="participle-after-the-quote-takes-an-object",
    ),
    pytest.param(
        ["“Disgrace!” screamed the headline of the Daily Courier."],
        [("Disgrace!", "Daily Courier", "named")],
        id="inverted-verb-and-description-end-the-sentence",
    ),
    pytest.param(
        ["One flyer promised lower rents. Another notes the mayor’s “quiet war on landlords” in red ink."],
        [("quiet war on landlords", "Another", "anonymous")],
        id="determiner-standing-alone-as-subject",
    ),
    pytest.param(
        [
            "A coalition of 40 nurses, porters and cleaners this week signed a pledge against the “broken promises of the hospital board.”"
        ],
        [("broken promises of the hospital board.", "A coalition", "anonymous")],
        id="subject-past-a-list-of-nouns",
    ),
    pytest.param(
        ["“The depot stays open,” Save Our Buses for 2030 campaign director Lina Perez told the council."],
        [("The depot stays open,", "Lina Perez", "named")],
        id="long-affiliation-and-role-before-the-name",
    ),
    pytest.param(
        ["The count ran late, and, according to Nils Aberg, Mayor Eva Lund called the result “a sham.”"],
        [("a sham.", "Nils Aberg", "named")],
        id="according-to-opening-a-later-clause",
    ),
    pytest.param(
        ["In a speech that Governor Ines Varga called “reckless,” Ole Brandt expressed a wish to “start over.”"],
        [("reckless,", "Ines Varga", "named"), ("start over.", "Ole Brandt", "named")],
        id="verb-before-the-quote-beats-a-non-reporting-verb-after-it",
    ),
    pytest.param(
        ["Asked about the bridge, Ada Moss said: “It will open in May,” the Courier reported."],
        [("It will open in May,", "the Courier", "named")],
        id="outer-report-after-the-quote-still-wins",
    ),
    pytest.param(
        [
            "On “Meet the Voters,” Rep. Ana Cole (Ore.), who chairs the panel, reviewed the budget line by line. “The numbers do not add up, and everyone in this building knows it.”"
        ],
        [("The numbers do not add up, and everyone in this building knows it.", "Ana Cole", "named")],
        id="subject-after-a-title-whose-comma-is-inside-the-marks",
    ),
    pytest.param(
        ["Mayor Ada Kress praised the verdict, adding that the Ohio-born judge was “fair to everyone in the room.”"],
        [("fair to everyone in the room.", "Ada Kress", "named")],
        id="judge-is-a-noun",
    ),
    pytest.param(
        [
            "Ana Ruiz refers to the bill as “the rescue plan,” while Tom Oduya refers to it as “a land grab by the back door.”"
        ],
        [("the rescue plan,", "Ana Ruiz", "named"), ("a land grab by the back door.", "Tom Oduya", "named")],
        id="partial-quote-hangs-on-the-nearest-clause-subject",
    ),
    pytest.param(
        ["By Monday there was a report by the Harbour Gazette that the mayor had “quietly shelved” the bridge."],
        [("quietly shelved", "the Harbour Gazette", "named")],
        id="report-by-an-outlet",
    ),
]


# Conventions of war reporting the US-politics dev set rarely shows (all invented).
WIRE_STYLE_CASES = [
    pytest.param(
        ["Ada Brenn said: 'We will hold.'", "'It is hard,' she added."],
        [("We will hold.", "Ada Brenn", "named"), ("It is hard,", "Ada Brenn", "pronoun")],
        id="british-straight-single-marks",
    ),
    pytest.param(
        ["Ada Brenn said: “The first part ends here. “The second part follows.”"],
        [("The first part ends here.", "Ada Brenn", "named"), ("The second part follows.", "Ada Brenn", "named")],
        id="lost-paragraph-break-inside-a-quote",
    ),
    pytest.param(
        [
            "Ivo Sand said: “The ferry will run.” The port opened in 1990. It has two piers and a crane."
            " Few ships call there now. “Nobody expected that.”"
        ],
        # past narrative the quote no longer continues the one before (previous_quote); only
        # the loosest rule, whom the article is about, still guesses it (salient_person)
        [("The ferry will run.", "Ivo Sand", "named"), ("Nobody expected that.", "Ivo Sand", "pronoun")],
        id="no-carry-over-past-narrative",
    ),
    pytest.param(
        ["“The ferry will run,” Ivo Sand said. “It always has.”"],
        [("The ferry will run,", "Ivo Sand", "named"), ("It always has.", "Ivo Sand", "named")],
        id="carry-over-to-the-next-sentence",
    ),
    pytest.param(
        ["Ada Brenn said the port is continuing to handle grain “despite the blockade.”"],
        [("despite the blockade.", "Ada Brenn", "named")],
        id="continuing-to-is-no-speech",
    ),
    pytest.param(
        [
            "ODESSA, Ruritania (AP) — Ferry captain Ivo Sand on Friday denounced the blockade as “a crime against sailors.”"
        ],
        [("a crime against sailors.", "Ivo Sand", "named")],
        id="dateline-is-no-speaker",
    ),
    pytest.param(
        ["“We are ready,” Ruritania’s president, Marta Ilves, said."],
        [("We are ready,", "Marta Ilves", "named")],
        id="role-then-name-in-commas-after-quote",
    ),
    pytest.param(
        ["Former minister Piet Roos has since admitted that the plan was meant to “buy time.”"],
        [("buy time.", "Piet Roos", "named")],
        id="has-since-admitted",
    ),
    pytest.param(
        ["Former Olympic skater Tatiana Vell said she was “deeply shocked.”"],
        [("deeply shocked.", "Tatiana Vell", "named")],
        id="capitalised-modifier-noun-name",
    ),
]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    CASES
    + CLASS_CASES
    + SUBJECT_CASES
    + PASSIVE_AND_FRAMING_CASES
    + NOMINAL_SOURCE_CASES
    + CLAUSE_SUBJECT_CASES
    + WIRE_STYLE_CASES,
)
def test_attribution(paragraphs, expected):
    assert attributed(paragraphs, known_roles={"ruritanian president": "Marek Vos"}) == expected


def test_mention_is_in_the_quotes_paragraph_or_none():
    paragraphs = ["Omar Haddad spoke first.", "“We will stay,” he said."]
    (quote,) = extract_quotes(paragraphs)[1]
    assert paragraphs[1][quote.mention_start : quote.mention_end] == "he"
    assert quote.cue == "said"
    carried = extract_quotes(["“Part one of a statement that runs on", "“and ends here,” said Nora Bex."])
    assert carried[0][0].speaker == "Nora Bex"
    assert carried[0][0].mention_start is None


def test_anonymous_is_never_a_named_person():
    paragraphs = ["Defence Minister Jonas Berg visited the base.", "“Supplies are short,” a defence official said."]
    (quote,) = extract_quotes(paragraphs)[1]
    assert quote.attribution == "anonymous"
    assert quote.speaker is None
    assert quote.source_description == "a defence official"


def test_article_speakers_collects_names_aliases_roles():
    paragraphs = [
        "Kremlin spokesperson Pavel Gromov spoke on Friday.",
        "“The talks are over,” Gromov said.",
        "“We will see,” the Ruritanian Interior Ministry said.",
    ]
    quotes, speakers = attribute_article(paragraphs)
    by_name = {s.name: s for s in speakers}
    assert by_name["Pavel Gromov"].roles == ("Kremlin spokesperson",)
    assert "Gromov" in by_name["Pavel Gromov"].aliases
    assert by_name["Ruritanian Interior Ministry"].kind == "organisation"
    assert article_speakers(paragraphs, quotes) == speakers


def test_relative_pronoun_is_part_of_the_mention():
    paragraph = "“We are angry,” said Alderman Tomas Reyes, who thinks the city “has lost its way.”"
    first, second = extract_quotes([paragraph])[0]
    assert first.speaker == second.speaker == "Tomas Reyes"
    assert paragraph[second.mention_start : second.mention_end] == "Alderman Tomas Reyes, who"


def test_epithet_reports_its_mention():
    paragraphs = ["Hal Brody toured the plant on Monday.", "The billionaire businessman said it was “a steal.”"]
    (quote,) = extract_quotes(paragraphs)[1]
    assert paragraphs[1][quote.mention_start : quote.mention_end] == "The billionaire businessman"


def test_contracted_pronoun_is_the_subject():
    paragraph = "Ever since Tom Vale entered the race, he's said the same line at every stop: “It is about you.”"
    (quote,) = extract_quotes([paragraph])[0]
    assert paragraph[quote.mention_start : quote.mention_end] == "he"
    assert quote.speaker == "Tom Vale"


def test_participle_speaks_for_the_nearest_clause_subject():
    paragraph = "Rita Solis was praised for the plan, though last week she used harsher words, saying it “must end.”"
    (quote,) = extract_quotes([paragraph])[0]
    assert paragraph[quote.mention_start : quote.mention_end] == "she"
    subordinate = "Ivo Marsh apologized for the notes after they leaked, saying they were “old and silly.”"
    (quote,) = extract_quotes([subordinate])[0]
    assert quote.speaker == "Ivo Marsh"


def test_verb_and_said_takes_the_clause_pronoun():
    paragraph = "When Ned Cole, the firm's manager was asked about it, he smiled and said, “Wait and see.”"
    (quote,) = extract_quotes([paragraph])[0]
    assert paragraph[quote.mention_start : quote.mention_end] == "he"


def test_sender_of_a_document_speaks():
    paragraph = "An hour later, the Vale campaign sent out a press release saying the mayor owes “the city an apology.”"
    (quote,) = extract_quotes([paragraph])[0]
    assert quote.source_description != "a press release"
    assert paragraph[quote.mention_start : quote.mention_end] == "the Vale campaign"


def test_name_after_a_dash_heads_the_quote():
    paragraph = "Analysts agree - Lena Ortiz: “The lesson is simple: keep calling voters.”"
    (quote,) = extract_quotes([paragraph])[0]
    assert quote.speaker == "Lena Ortiz"


def test_opening_participle_or_preposition_is_no_speaker():
    paragraph = "Facing new criticism, Omar Diaz released a note calling the claims “a smear.”"
    (quote,) = extract_quotes([paragraph])[0]
    assert quote.speaker == "Omar Diaz"


def test_honorific_gives_the_pronoun_its_gender():
    paragraphs = ["Mrs. Dana Holt met Kim Arden on Monday. Arden spoke first.", "Later she said: “We are done.”"]
    (quote,) = extract_quotes(paragraphs)[1]
    assert quote.speaker == "Dana Holt"
    assert paragraphs[1][quote.mention_start : quote.mention_end] == "she"


def test_description_mention_covers_its_modifiers():
    paragraph = "An engineer who worked on the dam and who spoke on condition of anonymity said it was “cracked.”"
    (quote,) = extract_quotes([paragraph])[0]
    assert quote.speaker is None
    assert paragraph[quote.mention_start : quote.mention_end] == paragraph[: paragraph.index(" said")]
    named = "Rena Vik of the Harbour Trust said the pier was “unsafe.”"
    (quote,) = extract_quotes([named])[0]
    assert quote.speaker == "Rena Vik"
    assert named[quote.mention_start : quote.mention_end] == "Rena Vik of the Harbour Trust"


def test_coordinated_subject_mention_covers_both():
    paragraph = "Mayor Ana Ruiz of Leeds and Senator Tim Oduya of Hull both back a “cap on every fare” by spring."
    (quote,) = extract_quotes([paragraph])[0]
    assert quote.speaker == "Ana Ruiz"
    assert paragraph[quote.mention_start : quote.mention_end] == "Mayor Ana Ruiz of Leeds and Senator Tim Oduya"


def test_who_after_a_prepositional_phrase_is_the_person_before_it():
    paragraph = "“Come to the square,” Vera Lind told Joel Marsh on camera, who answered: “We will be there.”"
    first, second = extract_quotes([paragraph])[0]
    assert first.speaker == "Vera Lind"
    assert second.speaker == "Joel Marsh"
    assert paragraph[second.mention_start : second.mention_end] == "Joel Marsh on camera, who"


def test_it_is_the_organisation_that_heads_its_sentence():
    paragraph = "The harbour board on Tuesday rejected the bid, which it called “a raid on public land.”"
    (quote,) = extract_quotes([paragraph])[0]
    # a body described, not named: the description the quote keeps
    assert (quote.speaker, quote.source_description) == (None, "The harbour board")
    assert paragraph[quote.mention_start : quote.mention_end] == "it"


def test_quote_without_a_cue_shares_the_cue_after_the_next_quote_in_its_sentence():
    paragraphs = [
        "Ada Moss spoke first.",
        "“On the budget,” Tom Ray “has said nothing of substance for a year,” the letter argued.",
    ]
    first, second = extract_quotes(paragraphs)[1]
    assert first.source_description == second.source_description == "the letter"
    aside = "Ivo Dahl says the mayor has the votes. “The council vote” -- set for May -- “is a formality,” he says."
    first, second = extract_quotes([aside])[0]
    assert aside[first.mention_start : first.mention_end] == "he"


def test_speech_noun_after_another_quote_frames_its_own():
    paragraph = (
        "Vera Lind was known for what she called the “quiet majority,” summed up in her famous promise"
        " at Dunmore in 1994: “No town left behind.”"
    )
    first, second = extract_quotes([paragraph])[0]
    assert paragraph[first.mention_start : first.mention_end] == "she"
    assert paragraph[second.mention_start : second.mention_end] == "her"
    assert second.speaker == "Vera Lind"


def test_single_marks_quote_only_in_an_article_without_double_ones():
    # American style: a transcript running on from a double-quoted paragraph nests its singles.
    american = [
        "“We waited all day,” Ana Lintz said.",
        "Then I asked the clerk, ‘Where is the form?’ and she shrugged.",
    ]
    assert [text for text, *_ in attributed(american)] == ["We waited all day,"]
    british = ["Ana Lintz said: ‘We waited all day.’", "She called the wait ‘a disgrace’."]
    assert attributed(british) == [("We waited all day.", "Ana Lintz", "named"), ("a disgrace", "Ana Lintz", "pronoun")]


def test_a_capitalised_name_after_the_is_no_person():
    # Were "the Grand Canal Regatta" a person, "the … Leader" would resolve to it as a title.
    paragraphs = [
        "With the Grand Canal Regatta on Sunday, few voters were watching.",
        "The Lakeside Union Leader said the mayor had been “rattled” by the vote.",
    ]
    ((text, speaker, _),) = attributed(paragraphs)
    assert (text, speaker) == ("rattled", "The Lakeside Union Leader")


def test_it_and_they_are_never_one_named_person():
    army = [
        "“We will not retreat,” Ada Brenn said.",
        "The northern army is recruiting for what it calls its “special task.”",
    ]
    assert attributed(army)[1][1] != "Ada Brenn"
    family = [
        "Ivo Sand was freed on Monday.",
        "In a statement, Sand’s family thanked supporters. “A hard year,” they said.",
    ]
    assert attributed(family) == [("A hard year,", "they", "pronoun")]


def test_common_first_name_is_no_organisation():
    # "Bill" is also a noun ("a bill"): as a first name it opens a person's name.
    paragraphs = [
        "Bill Harrow, a retired banker, tells a radio station that it is over. He said: “There is no way back.”"
    ]
    quotes = extract_quotes(paragraphs)
    assert [(q.speaker, q.attribution) for q in quotes[0]] == [("Bill Harrow", "pronoun")]
    assert [(s.name, s.kind) for s in article_speakers(paragraphs, quotes)] == [("Bill Harrow", "person")]


def _speaker_of(paragraphs, para, index=0):
    quotes = extract_quotes(paragraphs)[para][index]
    return quotes.speaker or quotes.source_description


def test_pronoun_prefers_the_subject_named_by_title_over_its_object():
    paragraphs = [
        "Secretary of State Tom Vale flew to Oslo.",
        "The Secretary of State on Monday accused Ivan Dorn of lying about the convoy.",
        "“We have the images,” he said.",
    ]
    assert _speaker_of(paragraphs, 2) == "Tom Vale"


def test_pronoun_subject_outranks_the_person_it_addresses():
    paragraphs = [
        "Tom Vale, the Foreign Secretary, spoke on Monday.",
        "He appealed directly to Ivan Dorn for “restraint.”",
        "“We need calm,” he said.",
    ]
    assert _speaker_of(paragraphs, 2) == "Tom Vale"


def test_plural_description_is_never_one_named_person():
    paragraphs = ["Ola Berg spoke first.", "The experts noted that video showed “targeted killings.”"]
    quote = extract_quotes(paragraphs)[1][0]
    assert quote.speaker is None
    assert quote.source_description == "The experts"


def test_a_title_given_in_an_appositive_resolves_later_mentions():
    spokesman = [
        "Ivo Marek, the Ruritanian government spokesman, said on Monday that the talks were over.",
        "Officials in the capital disagreed. “We will not be threatened,” the government spokesman added.",
    ]
    assert attributed(spokesman) == [("We will not be threatened,", "Ivo Marek", "title")]
    envoy = [
        "Lena Voss, Ruritania's ambassador to Ghent, warned the council on Tuesday.",
        "Analysts were unmoved. Senator Ted Lowe spoke too. “This is a red line,” the ambassador said.",
    ]
    assert attributed(envoy) == [("This is a red line,", "Lena Voss", "title")]
    quotes = extract_quotes(envoy)
    (voss,) = [record for record in article_speakers(envoy, quotes) if record.name == "Lena Voss"]
    assert "Ruritania's ambassador" in voss.roles  # what the archive learns for other articles


def test_an_appositive_that_is_no_title_gives_no_role():
    paragraphs = ["Ann Lee, the mother of two, lives near the plant.", "“We stay,” Ann Lee said."]
    quotes = extract_quotes(paragraphs)
    (lee,) = article_speakers(paragraphs, quotes)
    assert lee.roles == ()


def test_only_a_qualified_title_is_resolved_from_other_articles():
    learned = {"ambassador": "Lena Voss", "ruritanian ambassador": "Lena Voss"}
    bare = ["“This is a red line,” the ambassador said."]
    assert attributed(bare, known_roles=learned) == [("This is a red line,", "the ambassador", "anonymous")]
    qualified = ["“This is a red line,” the Ruritanian ambassador said."]
    assert attributed(qualified, known_roles=learned) == [("This is a red line,", "Lena Voss", "title")]
