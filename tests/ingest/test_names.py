"""Names are names: a person's name without the words around it, one name per body,
and no speaker at all for words that name no one."""

import pytest

from archive.ingest.attribution import attribute_article, extract_quotes
from archive.ingest.bodies import ArticleBodies, canonical_body, document_issuer
from archive.ingest.names import described_body, non_speaker, split_person, titled_person


def speakers(paragraphs):
    """(quote text, speaker or description, attribution) for every quote, in order."""
    return [
        (q.text, q.speaker or q.source_description, q.attribution) for para in extract_quotes(paragraphs) for q in para
    ]


@pytest.mark.parametrize(
    ("phrase", "role", "name"),
    [
        # descriptions and titles before the name are its role
        ("Russian-American journalist Dana Voss", "Russian-American journalist", "Dana Voss"),
        ("Actor Milo Grant", "Actor", "Milo Grant"),
        ("Warlord Ruslan Tagayev", "Warlord", "Ruslan Tagayev"),
        ("Lumen Bank economist Ines Kroll", "Lumen Bank economist", "Ines Kroll"),
        ("Secretary of State Ada Whitlock", "Secretary of State", "Ada Whitlock"),
        (
            "Minister of Foreign Affairs of Moldova Petr Halas",
            "Minister of Foreign Affairs of Moldova",
            "Petr Halas",
        ),
        ("U.S. Ambassador to NATO Julia Sand", "U.S. Ambassador to NATO", "Julia Sand"),
        ("Head of the Presidential Office Andriy Holub", "Head of the Presidential Office", "Andriy Holub"),
        ("Editor-in-Chief Martin Vey", "Editor-in-Chief", "Martin Vey"),
        ("Ivo Marsh's wife Cherie", "Ivo Marsh's wife", "Cherie"),
        ("Pope Clement", "Pope", "Clement"),
        # sentence words before a name, and a time or a place after it, are no part of it
        ("Whether Orlov", "", "Orlov"),
        ("Tonight Halas", "", "Halas"),
        ("S Orlov", "", "Orlov"),
        ("Neither Pelham", "", "Pelham"),
        ("Vladislav Orlov Thursday", "", "Vladislav Orlov"),
        ("Petr Halas in Kyiv", "", "Petr Halas"),
        ("Dana Marsh of Kentucky", "", "Dana Marsh"),
        ("Jack Keane The", "", "Jack Keane"),
        ("Petr Halas on Twitter Sunday", "", "Petr Halas"),
        ("Vladislav Orlov But Dana Voss", "Vladislav Orlov But", "Dana Voss"),
        ("Vladislav President", "", "Vladislav"),
        ("Kessler Kessler", "", "Kessler"),
        # names are kept whole
        ("Ursula von der Leyen", "", "Ursula von der Leyen"),
        ("Stephen King", "", "Stephen King"),
        ("Martin Luther King Jr.", "", "Martin Luther King Jr"),
        ("J.D. Carver", "", "J.D. Carver"),
        # a social media handle is the account's, not part of the name
        ("Ilse Vandam @IlseVandamUa", "", "Ilse Vandam"),
        ("Tom Ray (@tomray)", "", "Tom Ray"),
        # a run that names a place or a body is not split as a person's name
        ("the New Jersey Generals", "", "New Jersey Generals"),
        ("University of Akron", "", "University of Akron"),
        ("the Institute for the Study of War", "", "Institute for the Study of War"),
        ("Navy SEAL Ty Woods", "", "Navy SEAL Ty Woods"),
        ("House Select Committee on Benghazi", "", "House Select Committee on Benghazi"),
        # a title-case headline is no list of names
        (
            "Halas Said The Deal Was Something That Needed To Pass",
            "",
            "Halas Said The Deal Was Something That Needed To Pass",
        ),
    ],
)
def test_split_person(phrase, role, name):
    person = split_person(phrase)
    assert (person.role, person.name) == (role, name)


@pytest.mark.parametrize(
    ("phrase", "why"),
    [
        ("Russian", "nationality"),
        ("the Ukrainians", "nationality"),
        ("the statement", "generic"),
        ("A statement", "generic"),
        ("the Ministry", "generic"),
        ("The defense ministry", "generic"),
        ("a Facebook", "generic"),
        ("a U.S.", "generic"),
        ("Minister", "title"),
        ("Then-Secretary", "title"),
        ("The PM", "title"),
        ("Finnish Ambassador", "title"),
        ("Spring Conference", "place"),
        ("Blenheim Palace", "place"),
        ("Downing Street", None),
        ("S", "debris"),
        ("the State Department", None),
        ("the Russian Defense Ministry", None),
        ("the Kremlin", None),
        ("Reuters", None),
        ("Vladislav Orlov", None),
        # a headline a run of capitals took in, people in the plural, a saint's city, an adverb
        ("Says Ruritanians Reportedly Recruiting Foreign Volunteers", "debris"),
        ("Senators", "generic"),
        ("St Petersburg", "place"),
        ("Perhaps", "debris"),
        ("Ursula von der Leyen", None),
    ],
)
def test_non_speaker(phrase, why):
    assert non_speaker(phrase) == why


@pytest.mark.parametrize(
    ("phrase", "name", "settled"),
    [
        ("the Russian Defense Ministry", "Russian Defence Ministry", True),
        ("Russia's defence ministry", "Russian Defence Ministry", True),
        ("the Russian Ministry of Defence", "Russian Defence Ministry", True),
        ("The Russian MoD", "Russian Defence Ministry", True),
        ("the UK Ministry of Defence", "British Defence Ministry", True),
        ("Ukraine’s foreign ministry", "Ukrainian Foreign Ministry", True),
        ("the Ukrainian general staff", "Ukrainian General Staff", True),
        ("Kremlin", "the Kremlin", True),
        ("The Pentagon", "the Pentagon", True),
        ("the U.S. Department of Defense", "the Pentagon", True),
        ("the ISW", "Institute for the Study of War", True),
        ("the Ruritanian Interior Ministry", "Ruritanian Interior Ministry", True),
        ("the defence ministry", "Defence Ministry", False),
        ("the Ministry", "the Ministry", False),
        ("the Gazette", "the Gazette", True),
        ("Yesterday the Ukrainian Defence Ministry", "Ukrainian Defence Ministry", True),
        ("and the Russian Defense Ministry", "Russian Defence Ministry", True),
    ],
)
def test_canonical_body(phrase, name, settled):
    assert canonical_body(phrase) == (name, settled)


def test_the_ministry_is_the_one_the_article_named():
    paragraphs = [
        "The Ruritanian Ministry of Defence said on Monday that its drones had hit a depot.",
        "The Slovak Ministry of Interior opened a second crossing.",
    ]
    bodies = ArticleBodies(paragraphs)
    assert bodies.resolve("the ministry", 10_000) == "Slovak Interior Ministry"
    assert bodies.resolve("the defence ministry", 10_000) == "Ruritanian Defence Ministry"
    assert bodies.resolve("the interior ministry", 10) is None  # not named yet


@pytest.mark.parametrize(
    ("text", "document", "issuer"),
    [
        ("The Kremlin issued a statement on Monday.", "statement", "The Kremlin"),
        (
            "It cited a statement from the Ruritanian Investigative Committee.",
            "statement",
            "the Ruritanian Investigative Committee",
        ),
        ("Defence minister Petr Halas said in a Facebook post that", "Facebook", "Petr Halas"),
        ("Halas’s Telegram post said", "post", "Halas"),
        (
            "The Lumen Ministry of Foreign Affairs shared the update in a Facebook post.",
            "post",
            "The Lumen Ministry of Foreign Affairs",
        ),
        ("The White House disputed that account.", "statement", None),
    ],
)
def test_document_issuer(text, document, issuer):
    assert document_issuer(text, document) == issuer


def test_a_statement_speaks_for_whoever_issued_it():
    assert speakers(
        ["The Ruritanian Defence Ministry issued a statement on Monday.", "“The line is holding,” the statement said."]
    ) == [("The line is holding,", "Ruritanian Defence Ministry", "named")]
    # nobody said to issue it: no speaker, the words stay as the description
    assert speakers(["“The line is holding,” the statement said."]) == [
        ("The line is holding,", "the statement", "unattributed")
    ]


def test_the_ministry_is_one_body_across_its_names():
    paragraphs = [
        "Russia's defence ministry said on Tuesday that the bridge had been repaired.",
        "“Traffic has resumed,” the Ministry said.",
        "“All units are in place,” the Russian Defense Ministry added.",
    ]
    assert [speaker for _, speaker, _ in speakers(paragraphs)] == ["Russian Defence Ministry"] * 2


def test_a_nationality_is_no_speaker():
    (quote,) = extract_quotes(["Russian troops were sent as “peacekeepers” and stayed."])[0]
    assert quote.speaker is None


def test_a_person_keeps_the_name_not_the_sentence():
    paragraphs = [
        "Ruritanian President Vladislav Orlov spoke on Monday.",
        "Whether Orlov will go is unclear. “We will not retreat,” he said.",
        "“The talks are over,” said Russian-American journalist Dana Voss.",
    ]
    quotes, records = attribute_article(paragraphs)
    assert [q.speaker for para in quotes for q in para] == ["Vladislav Orlov", "Dana Voss"]
    voss = next(r for r in records if r.name == "Dana Voss")
    assert voss.roles == ("Russian-American journalist",)


def test_a_middle_initial_is_no_acronym():
    paragraphs = [
        "The case has one advocate: Shira A. Lindqvist, the judge who presided over it.",
        "“He was a businessman,” Ms. Lindqvist said.",
    ]
    assert [speaker for _, speaker, _ in speakers(paragraphs)] == ["Shira A. Lindqvist"]


def test_a_participle_is_no_part_of_a_name():
    assert split_person("Visiting Bucha").name == "Bucha"
    assert split_person("Speaking Halas").name == "Halas"
    assert split_person("Xi Jinping").name == "Xi Jinping"


def test_a_title_from_other_articles_needs_a_qualifier_that_says_whose():
    from archive.ingest.speakers import ArticleSpeakers

    register = ArticleSpeakers(known_roles={"top general": "Sergei Rudov", "ruritanian president": "Marek Vos"})
    assert register.by_role("the top general") is None  # anyone's top general
    assert register.by_role("the Ruritanian president") == "Marek Vos"


@pytest.mark.parametrize(
    ("paragraph", "speaker", "attribution"),
    [
        # a description, then the body's name: the name
        ("“Sanctions are working,” according to the Ruritanian news outlet RTX.", "RTX", "named"),
        ("The state broadcaster RTX said the talks were “over.”", "RTX", "named"),
        # a person described, not named: anonymous
        ("“The bill is dead,” the Tory peer said.", "the Tory peer", "anonymous"),
        # a statement whose issuer the phrase names, and one whose issuer is only a nationality
        ("“No talks,” said a statement from the Kremlin.", "the Kremlin", "named"),
        ("“No talks,” said a statement from the Ukrainian.", "a statement from the Ukrainian", "unattributed"),
    ],
)
def test_bodies_named_after_a_description(paragraph, speaker, attribution):
    assert speakers([paragraph]) == [(paragraph.split("“")[1].split("”")[0], speaker, attribution)]


def test_first_is_no_name_but_first_lady_is_a_title():
    assert speakers(["First came a letter urging a “rapid end to the conflict.”"])[0][1:] != ("First", "named")
    assert split_person("First Lady Jill Vos").role == "First Lady"


@pytest.mark.parametrize(
    ("phrase", "described"),
    [
        # a description of a body names none: an indefinite phrase, a head that is no body
        ("A coalition", True),
        ("A Ruritanian Congressional", True),
        ("The war in Ruritania", True),
        ("this evening nuclear watchdog", True),
        ("The city's council", True),
        ("The Ruritanian parliament", True),
        # a body's own name, and a body that speaks as such
        ("the State Department", False),
        ("the Ruritanian government", False),
        ("the Biden administration", False),
        ("the Institute for the Study of War", False),
        ("the Kremlin", False),
    ],
)
def test_described_body(phrase, described):
    assert described_body(phrase) is described


def test_a_body_described_is_no_speaker():
    [(_, speaker, attribution)] = speakers(["“The front is holding,” the war in Ruritania showed, said a report."])
    assert (speaker, attribution) != ("The war in Ruritania", "named")
    assert speakers(["A charity for refugees said the camp was “overflowing.”"]) == [
        ("overflowing.", "A charity for refugees", "anonymous")
    ]


@pytest.mark.parametrize(
    ("phrase", "person"),
    [
        ("The Atlantic's Sarah Whitlock", "Sarah Whitlock"),
        ("the UN Sarah Whitlock", "Sarah Whitlock"),
        ("Cleveland's Plain Dealer", None),
        ("The International Committee of the Red Cross", None),
    ],
)
def test_a_body_then_a_persons_name_is_the_person(phrase, person):
    assert titled_person(phrase) == person
