"""Names are names: a person's name without the words a sentence puts around it, and
the words that never name a speaker ("Russian", "the statement", "the Ministry").

`split_person` reads a phrase the way a reader does: the name is the last run of
name-like words; titles, descriptions and places before it are the role, sentence
words before it and a time or a place after it are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from archive.ingest.lexicon import (
    FEMALE_FIRST_NAMES,
    HONORIFICS,
    MALE_FIRST_NAMES,
    NON_NAME_WORDS,
    NON_PERSON_WORDS,
    ORG_HEADS,
    PERSON_HEADS,
    TIME_WORDS,
    TITLE_WORDS,
)

PUNCT = ".,;:’'\"”“‘)("
NAME_PARTICLES = frozenset("von van der den de da di del della des du dos al el bin ibn ben abu la le y".split())
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

# Words that open a sentence or a clause and are swallowed by a run of capitals:
# "Whether Putin", "Tonight Zelensky", "Neither Pelosi".
SENTENCE_WORDS = (
    NON_NAME_WORDS
    | frozenset(
        """whether neither nor either tonight overnight separately instead meanwhile follow sign
        condemning take message opinion update breaking exclusive watch listen live any first second third
        finally firstly secondly lastly perhaps maybe hence thus indeed""".split()
    )
) - TITLE_WORDS

# Months that are first names too: a name when nothing before them says "when".
MONTH_FIRST_NAMES = frozenset("april may june august".split())

# Words that open a clause: inside a run of capitals, what follows is a new subject.
CLAUSE_OPENERS = frozenset("but and or nor whether while as so yet however meanwhile then although though".split())

# Nouns that describe a person without being a title: "Actor Sean Penn", "Warlord Ramzan Kadyrov".
DESCRIPTOR_NOUNS = PERSON_HEADS | frozenset(
    """warlord loyalist astronaut cosmonaut farmer graduate owner mum mom dad grandma grandpa
    refugee podcaster photographer youtuber influencer blogger rapper musician singer-songwriter
    oligarch propagandist ideologue philosopher pundit tv comedian presenter mercenary paratrooper
    volunteer medic sniper marine pilot sailor airman grandmother widow widower teen teenager
    schoolgirl schoolboy boy girl child pensioner retiree peer infantryman serviceman servicemen
    publisher whistleblower""".split()
)

DEMONYMS = frozenset(
    """russian russians ukrainian ukrainians american americans british briton britons chinese
    israeli israelis palestinian palestinians iranian iranians german germans french polish pole
    poles belarusian belarussian belarusians turkish turk turks syrian syrians european europeans
    western westerners korean koreans japanese indian indians georgian georgians moldovan
    lithuanian latvian estonian finnish finn finns swedish swede swedes hungarian hungarians czech
    slovak romanian bulgarian serbian croatian italian italians spanish dutch canadian canadians
    australian australians arab arabs afghan afghans iraqi iraqis lebanese saudi emirati egyptian
    yemeni chechen chechens soviet norwegian danish irish scottish welsh english
    russian-american ukrainian-american""".split()
)

COUNTRIES = frozenset(
    """russia ukraine america britain china israel iran germany france poland belarus turkey
    hungary syria japan india georgia moldova lithuania latvia estonia finland sweden norway
    denmark italy spain canada australia crimea kyiv kiev moscow washington london brussels
    u.s. us u.s u.k. uk eu u.n. un nato""".split()
)

# Words that lead a person's name only as the place or body they speak for: "Ukraine Dmytro
# Kuleba" (from "Minister of Foreign Affairs of Ukraine Dmytro Kuleba"), "NATO Julianne Smith".
PLACE_WORDS = frozenset(
    word.replace(".", "")
    for word in (NON_PERSON_WORDS | COUNTRIES | DEMONYMS | {"nations", "affairs"})
    - MALE_FIRST_NAMES
    - FEMALE_FIRST_NAMES
)

# Countries that are nobody's first name.
COUNTRY_NAMES = frozenset(
    word.replace(".", "") for word in COUNTRIES - MALE_FIRST_NAMES - FEMALE_FIRST_NAMES - {"georgia", "washington"}
)
# What leads a person's name as the country or body they speak for.
LEADING_BODIES = frozenset(
    word.replace(".", "")
    for word in COUNTRIES | DEMONYMS | {"united", "nations", "state", "states", "kingdom", "union"}
)
# Words that make a capitalised run a place or a body rather than a person.
ORG_WORDS = frozenset(
    word.replace(".", "")
    for word in (NON_PERSON_WORDS | ORG_HEADS) - TITLE_WORDS - MALE_FIRST_NAMES - FEMALE_FIRST_NAMES
)

EXTRA_TITLES = frozenset({"pm", "p.m", "dpm"})
# Titles that never end a person's name: "Vladimir President" is debris ("Stephen King" is a name).
NAME_NEVER_ENDS = frozenset(
    """president minister secretary spokesman spokeswoman spokesperson ambassador chancellor premier governor
    senator mayor envoy official chairman chairwoman director adviser advisor pm""".split()
)
# Places and events that a run of capitals swallows: "Spring Conference", "Blenheim Palace".
VENUE_WORDS = frozenset(
    "conference summit forum palace street square avenue road stadium arena bridge festival".split()
)
SPEAKING_PLACES = frozenset(
    {"downing street", "buckingham palace", "kensington palace", "elysee palace", "wall street"}
)

LOCATIVE_PREPS = frozenset("in on at of to from for with during via".split())

# Heads of a phrase that names no one on its own: "the statement", "the Ministry",
# "a report", "the agency". A body the article names elsewhere may be meant; the
# phrase alone is no speaker.
GENERIC_HEADS = frozenset(
    """statement statements report reports ministry agency department document documents letter
    post tweet tweets message readout release filing memo study survey poll paper article book
    video footage website page account channel source sources official officials government
    administration office committee council court army military forces police embassy company
    group organisation organization institute service services authorities authority body
    bureau commission team campaign newspaper outlet network station lawsuit complaint
    indictment transcript interview speech address announcement communique declaration
    resolution text note notes analysis assessment update briefing bulletin summary caption
    headline publication staff prosecutors lawmakers mps republicans democrats experts analysts
    residents critics people activists leaders diplomats soldiers troops investigators
    watchdog firm foundation alliance command magazine club regiment brigade unit side force agencies
    facebook twitter telegram instagram youtube""".split()
)
GENERIC_MODIFIERS = frozenset(
    """defense defence foreign city military state federal local regional interior health
    justice finance economy press public national general emergency emergencies security
    intelligence energy environment education transport home affairs armed border municipal
    district provincial central joint new latest recent earlier previous separate joint
    official written brief short leaked internal legal newly declassified""".split()
)
DETERMINERS = frozenset("the a an this that these those its his her their our your another".split())


def fold(text: str) -> str:
    """Accents off: "Erdoğan" -> "Erdogan"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "ı": "i"})


@lru_cache(maxsize=65536)
def _lower(token: str) -> str:
    return fold(token).lower().strip(PUNCT)


def _bare(token: str) -> str:
    """Lower case without dots: "U.N." and "UN" alike."""
    return _lower(token).replace(".", "")


def _is_capitalised(token: str) -> bool:
    bare = token.lstrip(PUNCT)
    return bool(bare) and (bare[0].isupper() or bare[0].isdigit())


def _is_possessive(token: str) -> bool:
    return bool(re.search(r"['’]s?$", token.rstrip(",.;:")) and len(token) > 2)


def _is_title(token: str) -> bool:
    lower = _lower(token)
    if lower in EXTRA_TITLES:
        return True
    if "-" in lower and not lower.startswith(("then-", "ex-")):
        return lower in TITLE_WORDS or any(part in TITLE_WORDS for part in lower.split("-"))  # "Secretary-Treasurer"
    return lower in TITLE_WORDS or lower in HONORIFICS or lower.rstrip(".") in TITLE_WORDS


def _is_initial(token: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.){1,3}|[A-Z]{1,2}", token))


def _is_name_token(token: str) -> bool:
    lower = _lower(token)
    if lower in NAME_PARTICLES or lower in SUFFIXES:
        return True
    return _is_capitalised(token) and not _is_possessive(token)


@dataclass(frozen=True, kw_only=True)
class PersonPhrase:
    role: str
    name: str


def _trim_tail(tokens: list[str]) -> list[str]:
    """Drop a time or a place after the name: "Joe Biden Thursday", "Volodymyr Zelensky in
    Kyiv", "Mitch McConnell of Kentucky", "John Kirby Separately", "Jack Keane The"."""
    tokens = list(tokens)
    while len(tokens) > 1 and (_lower(tokens[-1]) in TIME_WORDS | SENTENCE_WORDS or not _lower(tokens[-1])):
        tokens.pop()
    for pos in range(2, len(tokens) - 1):
        if _lower(tokens[pos]) not in LOCATIVE_PREPS or _is_capitalised(tokens[pos]):
            continue
        before, after = tokens[:pos], tokens[pos + 1 :]
        named = [t for t in before if _is_capitalised(t) and not _is_title(t) and _bare(t) not in PLACE_WORDS]
        if len(named) >= 2 and _is_name_token(before[-1]) and not _is_title(before[-1]) and len(after) <= 3:
            if not any(_is_title(t) for t in after):
                return before
    return tokens


def _trim_head(tokens: list[str]) -> list[str]:
    """Drop sentence words, participles and stray letters before a name: "Whether Putin",
    "Visiting Bucha", "S Putin"."""
    tokens = list(tokens)
    dropped = ""
    while len(tokens) > 1:
        first = tokens[0]
        lower = _lower(first)
        stray_letter = len(first.strip(PUNCT)) == 1 and not first.rstrip(",;:").endswith(".")
        participle = len(lower) > 6 and lower.endswith("ing") and lower not in MALE_FIRST_NAMES | FEMALE_FIRST_NAMES
        if len(tokens) > 1 and _is_title(tokens[1]):
            break  # "First Lady", "First Minister": the word is part of the title
        if lower in MONTH_FIRST_NAMES and dropped not in LOCATIVE_PREPS | {"since", "until", "by", "last", "this"}:
            break  # "Rep. August Pfluger", "April Ryan"; but "In August Biden said"
        if lower in SENTENCE_WORDS - HONORIFICS - {"mr", "mrs", "ms", "dr"} or stray_letter or participle or not lower:
            dropped = lower
            tokens.pop(0)
            continue
        break
    return tokens


@lru_cache(maxsize=65536)
def split_person(phrase: str) -> PersonPhrase:
    """Split a phrase naming a person into a role and a name: "Russian-American journalist
    Masha Gessen" -> ("Russian-American journalist", "Masha Gessen"); "UK Prime Minister Hal
    Denton" -> ("UK Prime Minister", "Hal Denton"); "Whether Putin" -> ("", "Putin")."""
    # "Volodymyr @ZelenskyyUa": a social media handle names an account, not the person
    tokens = _trim_head(_trim_tail([word for word in phrase.split() if not word.lstrip("(").startswith("@")]))
    if not tokens:
        return PersonPhrase(role="", name="")
    # "Comptroller Ada Rusk's conclusion": the possessor is the person
    tokens[-1] = re.sub(r"['’]s?$", "", tokens[-1]) if _is_possessive(tokens[-1]) else tokens[-1]
    # "Vladimir President", "Lahren Lahren": a title never ends a name, nor does a word twice
    while len(tokens) > 1 and _lower(tokens[-1]) in NAME_NEVER_ENDS:
        tokens.pop()
    tokens = [t for pos, t in enumerate(tokens) if pos == 0 or _lower(t) != _lower(tokens[pos - 1])]
    # The name: the last run of name words. A title or a description ends it once it
    # holds a name word ("Pope Francis"); before that they are part of it ("Stephen King").
    start = len(tokens)
    has_name = False
    while start > 0:
        token = tokens[start - 1]
        lower = _lower(token)
        if not _is_name_token(token):
            break
        describes = (_is_title(token) or lower in DESCRIPTOR_NOUNS) and lower not in NAME_PARTICLES
        if has_name and (describes or (lower in CLAUSE_OPENERS and not _is_initial(token))):
            break  # "Pope Francis"; "Vladimir Putin But Rebekah Koffler"
        if lower not in NAME_PARTICLES and lower not in SUFFIXES and not describes:
            has_name = True
        start -= 1
    # Places and bodies leading a person's name are what the person speaks for: "Ukraine
    # Dmytro Kuleba", "NATO Julianne Smith". A run that still holds a place or a body
    # word names no person ("New Jersey Generals", "Department of Justice", "Navy SEAL
    # Ty Woods"): it is split at its last title only, as a body's name is.
    while len(tokens) - start > 2 and _bare(tokens[start]) in LEADING_BODIES:
        start += 1
    if len(tokens) - start == 2 and _bare(tokens[start]) in COUNTRY_NAMES:
        start += 1  # "Germany Biden": the end of one clause and the subject of the next
    joined = start > 0 and _lower(tokens[start - 1]) in ("of", "for", "and", "the", "on", "in", "at", "to", "from")
    if not has_name or any(_bare(t) in ORG_WORDS for t in tokens[start:]) or (joined and len(tokens) - start < 2):
        # "University of Akron", "Institute for the Study of War": one word after "of" is a body's
        return _split_at_title(tokens)
    name_tokens, role_tokens = tokens[start:], tokens[:start]
    role = " ".join(t for pos, t in enumerate(role_tokens) if not _honorific_only(role_tokens, pos))
    role = re.sub(r"^(?:(?:the|a|an|and|of|to)\s+)+", "", role, flags=re.I)
    return PersonPhrase(role=role.strip(PUNCT + " "), name=" ".join(name_tokens).strip(PUNCT + " "))


def _split_at_title(tokens: list[str]) -> PersonPhrase:
    """A body's name or a run without a personal name: the role is what comes before the
    last title word ("Defence Ministry spokesman"), the rest is the name."""
    cut = 0
    for pos, token in enumerate(tokens[:-1]):
        if _is_title(token):
            cut = pos + 1
    if 0 < cut < len(tokens) - 2 and tokens[cut] == "of":
        # "Secretary of State John Kerry": the office's "of X" belongs to the role
        keep = 3 if len(tokens) - cut > 3 and re.fullmatch(r"[A-Z]\.", tokens[-2]) else 2
        cut = max(cut, len(tokens) - keep)
    role = " ".join(t for pos, t in enumerate(tokens[:cut]) if not _honorific_only(tokens[:cut], pos))
    return PersonPhrase(role=role.strip(PUNCT + " "), name=" ".join(tokens[cut:]).strip(PUNCT + " "))


def _honorific_only(tokens: list[str], pos: int) -> bool:
    """An honorific is no role ("Mr. Trump", "Lady Dannatt"), unless it is part of one
    ("First Lady", "Lord Chancellor")."""
    lower = _lower(tokens[pos])
    if lower not in HONORIFICS:
        return False
    if lower not in ("lady", "lord"):
        return True
    last = pos == len(tokens) - 1
    return last and not (pos > 0 and _lower(tokens[pos - 1]) == "first")


def described_person(phrase: str) -> bool:
    """A phrase read as a body that describes one unnamed person: "The Tory peer", "a
    Russian infantryman" (a name after the description is someone's: see titled_person)."""
    words = [w for w in phrase.split() if _lower(w)]
    if len(words) < 2 or _lower(words[0]) not in DETERMINERS:
        return False
    head = _lower(words[-1])
    return head in DESCRIPTOR_NOUNS and not _is_capitalised(words[-1]) and head not in GENERIC_HEADS


def titled_person(phrase: str) -> str | None:
    """The person a phrase read as a body actually names after a title: "US Department
    of State spokesperson Ned Price" -> "Ned Price"; None for a body's own name."""
    person = split_person(phrase)
    words = person.name.split()
    if not person.role or len(words) < 2 or len(words) > 4:
        return None
    role = person.role.split()
    titled = any(_is_title(word) or _lower(word) in DESCRIPTOR_NOUNS for word in role)
    # "State Department Ned Price", "the UN Ada Vos": a body, then a common first name;
    # "The Atlantic's Anne Applebaum", "RUSI's Nick Reynolds": a body's own person
    known_first = is_first_name(_lower(words[0]))
    of_body = _bare(role[-1]) in ORG_WORDS or _bare(role[-1]).isupper() or _is_possessive(role[-1])
    if not (titled or (of_body and known_first)):
        return None
    if any(_bare(word) in ORG_WORDS or not _is_name_token(word) for word in words):
        return None
    return person.name


def tidy_name(name: str) -> str:
    """A person's name as the register keeps it: `split_person`'s name part."""
    tidy = split_person(name).name
    return tidy or name.strip(PUNCT + " ")


def non_speaker(name: str) -> str | None:
    """Why a phrase can be no speaker's name, or None: "nationality" ("Russian", "the
    Ukrainians"), "generic" ("the statement", "the Ministry", "a Facebook post"), "title"
    (a title alone: "Minister", "Then-Secretary"), "debris" ("Any", "S"), "place"
    ("Spring Conference")."""
    raw = [t for t in name.replace("-", " ").split() if t.strip(PUNCT)]
    words = [_lower(t) for t in raw]
    content = [(t, w) for t, w in zip(raw, words) if w not in DETERMINERS and w]
    if not content:
        return "generic"
    if all(w in DEMONYMS for _, w in content):
        return "nationality"
    last_is_title = _is_title(content[-1][0])
    if last_is_title and (
        content[-1][1] in NAME_NEVER_ENDS
        or all(_is_title(t) or w in SENTENCE_WORDS or _bare(t) in PLACE_WORDS for t, w in content)
    ):
        return "title"  # "Minister", "Finnish Ambassador", "The PM", "Vatican Secretary"
    if all(w in SENTENCE_WORDS for _, w in content) or (len(content) == 1 and len(content[0][1]) == 1):
        return "debris"  # "Any", "S"
    if content[0][1] in HEADLINE_VERBS or len(content) > 5:
        return "debris"  # a headline: "Says Russians Reportedly Recruiting Syrian Mercenaries"
    if len(content) == 1 and _people_noun(content[0][1]):
        return "generic"  # "Senators", "Staff": people, not one of them
    if content[0][1] in ("st", "st.") and len(content) > 1:
        return "place"  # "St Petersburg"
    if content[-1][1] in VENUE_WORDS and " ".join(w for _, w in content) not in SPEAKING_PLACES:
        return "place"  # "Spring Conference", "Blenheim Palace" (but "Downing Street" speaks for No 10)
    proper = len(content) > 1 and all(_is_capitalised(t) for t, _ in content)  # "the State Department"
    if (
        not proper
        and content[-1][1] in GENERIC_HEADS
        and all(w in GENERIC_HEADS or w in GENERIC_MODIFIERS for _, w in content)
    ):
        return "generic"
    if words[0] in ("a", "an") and (
        content[-1][1] in GENERIC_HEADS or all(_bare(t) in PLACE_WORDS for t, _ in content)
    ):
        return "generic"  # "a Facebook", "a U.S." (official)
    return None


# Verbs that open a headline a run of capitals may take for a name: "Says Russians …".
HEADLINE_VERBS = frozenset("says said tells told warns claims adds reveals slams urges vows".split())
# Heads of a phrase that leave a body's description unnamed ("the Russian Orthodox church",
# "The war in Ukraine") unless the body is one that speaks as such ("the Ukrainian government").
POST_MODIFIERS = frozenset("of in at from on to for with about against over despite which who that".split())


# Bodies the press names by a description and quotes as one: "the Ukrainian government said".
# A parliament, a church, a newspaper's board or "the news" described so are no one speaker.
SPEAKING_BODIES = frozenset(
    """government administration ministry department agency office committee council commission
    court army military navy police embassy campaign party company firm group command service
    services authorities forces bureau institute foundation organisation organization union
    alliance coalition prosecutors""".split()
)


def _people_noun(word: str) -> bool:
    return word in PERSON_HEADS or word in TITLE_WORDS or (word.endswith("s") and _people_noun(word[:-1]))


def described_body(phrase: str) -> bool:
    """A phrase read as a body that only describes one: "A US Congressional", "a charity"
    (an indefinite phrase names nothing), "The Ukrainian parliament", "The war in
    Ukraine", "this evening nuclear watchdog" (a lower-case head that is no body the press
    quotes as one: SPEAKING_BODIES). The quote keeps the words as its description."""
    words = [w for w in phrase.split() if _lower(w)]
    if len(words) < 2:
        return False
    first = _lower(words[0])
    if first in ("a", "an"):
        return True
    if first not in DETERMINERS and not (first in SENTENCE_WORDS and not _is_capitalised(words[1])):
        return False
    head = next((words[pos - 1] for pos in range(2, len(words)) if _lower(words[pos]) in POST_MODIFIERS), words[-1])
    if _is_capitalised(head) or _is_possessive(head):
        return False
    return _lower(head) not in SPEAKING_BODIES or first != "the" or any(_is_possessive(w) for w in words)


# -- one person however the name is spelled -----------------------------------

# First names that are one name: transliterations of the Ukrainian and the Russian form,
# and the short forms the press uses. Each line: the key, then its variants.
SLAVIC_FIRST_NAMES = """
vladimir: volodymyr volodimir wladimir wolodymyr
dmitry: dmytro dmitri dmitriy dmitrii dimitry dimitri dmytriy
sergei: serhiy serhii sergiy sergii sergey serhij sergej
alexei: oleksiy oleksii olexiy oleksij alexey aleksey aleksei alexii olexii
alexander: oleksandr olexandr aleksandr alexandr alexsandr aleksander alyaksandr alex
mikhail: mykhailo mykhaylo mikhaylo myhailo michael mike
andrei: andriy andrii andrey andrej andrew andy
kirill: kyrylo kiril
vadim: vadym
irina: iryna
pyotr: petro piotr petr peter
yuri: yuriy yury yurii iurii jurij
vitaly: vitaliy vitali vitalii
elena: olena yelena
nikolai: mykola nikolay mikola
valery: valeriy valerii valeri
yevgeny: evgeny yevgeniy yevhen evgeniy yevgenii eugene
anna: hanna ganna
tatiana: tetiana tatyana tetyana
natalia: natalya nataliya
anatoly: anatoliy anatolii
gennady: hennadiy gennadiy hennadii
vasily: vasyl vassily vasiliy vassili vasili
maxim: maksym maksim max
denis: denys
igor: ihor
oleg: oleh
pavel: pavlo paul
bogdan: bohdan
viktor: victor
olga: olha
ekaterina: kateryna yekaterina katerina katarina
yulia: yuliya iuliia julia
svetlana: svitlana
lyudmila: lyudmyla ludmila
grigory: hryhoriy grigoriy gregory greg
georgy: heorhiy georgiy george
arseny: arseniy arsenii
vyacheslav: viacheslav
yaroslav: jaroslav
anton:
ivan:
taras:
roman:
ruslan:
stepan:
leonid:
oksana:
boris: borys
"""
SHORT_FIRST_NAMES = """
joseph: joe joey
antony: anthony tony
william: bill billy will
robert: bob bobby rob
james: jim jimmy
david: dave
thomas: tom tommy
benjamin: ben
daniel: dan danny
charles: chuck charlie
elizabeth: liz lizz beth
jennifer: jen jenny
nicholas: nick
edward: ed eddie ted
richard: rick dick rich
steven: steve stephen
christopher: chris
matthew: matt
samuel: sam
katherine: kate catherine kathy cathy kathryn
margaret: maggie
patrick: pat
jeffrey: jeff geoffrey
lawrence: larry
ronald: ron
donald: don
kenneth: ken
timothy: tim
emmanuel: emanuel
rafael: raphael
"""


def _first_name_table(text: str) -> dict[str, str]:
    return {
        variant: key
        for line in text.strip().splitlines()
        for key, variants in [line.split(":")]
        for variant in [key, *variants.split()]
    }


FIRST_NAME_KEYS = _first_name_table(SHORT_FIRST_NAMES) | _first_name_table(SLAVIC_FIRST_NAMES)


# A slip keeps the first letter ("Volodymr", "Vladmir", "Dymtro"): candidates by it.
_FIRST_NAMES_BY_INITIAL: dict[str, list[tuple[str, str]]] = {}
for _variant, _key in FIRST_NAME_KEYS.items():
    _FIRST_NAMES_BY_INITIAL.setdefault(_variant[0], []).append((_variant, _key))


@lru_cache(maxsize=16384)
def first_name_key(first: str) -> str:
    """One key for the forms of a first name: "Volodymyr" and "Vladimir", "Tony" and
    "Antony"; and for a long form one slip away from one of them ("Volodymr", "Vladmir")."""
    if first in FIRST_NAME_KEYS or len(first) < 6:
        return FIRST_NAME_KEYS.get(first, first)
    near = {
        key
        for variant, key in _FIRST_NAMES_BY_INITIAL.get(first[0], ())
        if abs(len(variant) - len(first)) <= 1 and _one_slip(first, variant, swap_only=len(first) < 7)
    }
    return near.pop() if len(near) == 1 else first


def is_first_name(word: str) -> bool:
    """Whether a lower-case word is a first name the lists know, in any of its forms."""
    return word in MALE_FIRST_NAMES or word in FEMALE_FIRST_NAMES or first_name_key(word) != word


def _one_slip(a: str, b: str, *, swap_only: bool) -> bool:
    """One letter added, dropped or changed, or two neighbours swapped ("dymtro")."""
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return True
        return len(diff) == 1 and not swap_only
    if swap_only:
        return False
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def surname_skeleton(word: str) -> str:
    """A surname with its transliteration variants folded: Zelensky, Zelenskyy, Zelenskiy;
    Podolyak, Podoliak; Boychenko, Boichenko; Vassily, Vasily. Gendered forms stay apart:
    Zelenska is not Zelensky, Petrova not Petrov. (Haidai and Gaidai differ by one letter:
    archive-wide resolution reads them as one when the first names agree.)"""
    skeleton = word.replace("kh", "h").replace("y", "i")
    skeleton = re.sub(r"([a-z])\1+", r"\1", skeleton)
    skeleton = re.sub(r"(?<=sk)aia$", "a", skeleton)  # Zelenskaya, Zelenska
    skeleton = re.sub(r"(?<=[a-z]{3})i[ij]?$", "i", skeleton)
    return skeleton.replace("ie", "e") if len(skeleton) > 5 else skeleton
