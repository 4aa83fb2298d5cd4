"""Organisations, one entity each: "the Russian Defense Ministry", "Russia's defence
ministry" and "the Ministry" (once the article has said which) are all the Russian
Defence Ministry; "the Kremlin" and "Kremlin" are one speaker.

`ArticleBodies` holds the bodies an article names, so that "the ministry", "the
agency" or "the institute" can be read as the one the article means, and a document
("the statement", "the report") as the body or person that issued it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from archive.ingest.names import fold

# Country forms -> the adjective a canonical name uses.
COUNTRY_ADJECTIVES: dict[str, str] = {
    form: adjective
    for adjective, forms in {
        "Russian": "russia russian",
        "Ukrainian": "ukraine ukrainian",
        "British": "uk britain british",
        "US": "us usa american america",
        "Chinese": "china chinese",
        "Belarusian": "belarus belarusian belarussian",
        "German": "germany german",
        "French": "france french",
        "Polish": "poland polish",
        "Turkish": "turkey turkish",
        "Israeli": "israel israeli",
        "Iranian": "iran iranian",
        "Japanese": "japan japanese",
        "Indian": "india indian",
        "Finnish": "finland finnish",
        "Swedish": "sweden swedish",
        "Estonian": "estonia estonian",
        "Latvian": "latvia latvian",
        "Lithuanian": "lithuania lithuanian",
        "Moldovan": "moldova moldovan",
        "Georgian": "georgia georgian",
        "Kazakh": "kazakhstan kazakh",
        "Syrian": "syria syrian",
        "Slovak": "slovakia slovak",
        "Hungarian": "hungary hungarian",
        "Romanian": "romania romanian",
        "Canadian": "canada canadian",
        "Italian": "italy italian",
        "Norwegian": "norway norwegian",
        "Dutch": "netherlands dutch",
        "Czech": "czech czechia",
        "Serbian": "serbia serbian",
        "Greek": "greece greek",
        "Australian": "australia australian",
    }.items()
    for form in forms.split()
} | {"united kingdom": "British", "united states": "US", "russian federation": "Russian", "czech republic": "Czech"}

# Kinds of ministry, written every way the press writes them.
MINISTRY_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^(?:{pattern})$"), kind)
    for pattern, kind in (
        (r"defen[cs]e ministry|ministry of defen[cs]e|mod|ministry of defen[cs]e \(mod\)", "Defence Ministry"),
        (r"foreign ministry|ministry of foreign affairs|foreign affairs ministry|mfa", "Foreign Ministry"),
        (
            r"interior ministry|ministry of (?:the )?interior|(?:ministry of )?internal affairs(?: ministry)?",
            "Interior Ministry",
        ),
        (
            r"emergencies ministry|ministry of emergenc(?:ies|y situations)|emergency situations ministry",
            "Emergencies Ministry",
        ),
        (r"health ministry|ministry of health", "Health Ministry"),
        (r"justice ministry|ministry of justice", "Justice Ministry"),
        (r"finance ministry|ministry of finance", "Finance Ministry"),
        (r"energy ministry|ministry of energy", "Energy Ministry"),
        (r"economy ministry|ministry of (?:the )?economy|economic development ministry", "Economy Ministry"),
        (r"general staff|general staff of (?:the )?armed forces|armed forces general staff", "General Staff"),
    )
)

# Documents and posts that speak for whoever issued them.
DOCUMENT_WORDS = frozenset(
    """statement statements report reports post posts tweet tweets message readout release letter memo note
    document documents filing complaint lawsuit indictment transcript communique declaration update bulletin
    assessment analysis briefing video footage facebook twitter telegram instagram petition""".split()
)


def document_word(phrase: str) -> str | None:
    """The document a phrase is about, if it heads it: "the statement", "a Facebook post",
    "a statement from the Kremlin" -> "statement"."""
    words = [w.lower().strip(".,’'\"“”") for w in DETERMINER_RE.sub("", phrase.strip()).split()]
    for word in words[:3]:
        if word in DOCUMENT_WORDS:
            return word
        if word in ("from", "by", "of", "in"):
            break
    return words[-1] if words and words[-1] in DOCUMENT_WORDS else None


# Bodies known by one name whatever the article calls them.
FIXED_NAMES: dict[str, str] = {}
for name, forms in {
    "the Kremlin": ["kremlin"],
    "the White House": ["white house", "us white house"],
    "the Pentagon": [
        "pentagon",
        "us pentagon",
        "department of defence",
        "defence department",
        "us defence department",
        "us department of defence",
        "dod",
        "us defence ministry",
    ],
    "the US State Department": [
        "state department",
        "us state department",
        "department of state",
        "us department of state",
    ],
    "Downing Street": ["downing street", "number 10", "no 10"],
    "British Foreign Office": ["foreign office", "uk foreign office", "british foreign office", "fcdo"],
    "Institute for the Study of War": ["institute for the study of war", "isw", "us institute for the study of war"],
    "International Atomic Energy Agency": ["international atomic energy agency", "iaea", "un atomic agency"],
    "United Nations": ["united nations", "un"],
    "NATO": ["nato", "north atlantic treaty organization", "north atlantic treaty organisation"],
    "European Union": ["european union", "eu"],
    "European Commission": ["european commission", "eu commission"],
}.items():
    for form in forms:
        FIXED_NAMES[form] = name

DETERMINER_RE = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.I)
POSSESSIVE_RE = re.compile(r"['’]s?(?=\s|$)")
# The head word of a body's name, then what may lead it ("the Slovak", "Ukraine's") and
# follow it ("of Interior", "for the Study of War"), read around each head found.
BODY_HEAD_RE = re.compile(
    r"\b(?:(?i:ministry|general staff)|Ministries|Department|Agency|Institute|Office|Staff|Kremlin|Pentagon|Council|Committee|"
    r"Commission|Service|Court|Company|Corporation|Group|Bureau|Foundation|Journal|Times|Post|Force|Forces|Army|"
    r"Navy|Command|Directorate|Authority|Union|Organi[sz]ation|Watch|Network|Fund|Bank|Centre|Center|MoD|ISW|IAEA)\b"
)
BODY_LEAD_RE = re.compile(
    r"(?:(?:[A-Z][\w.’'-]*|of|the|for|and|on|defen[cs]e|foreign|interior|emergencies|health|justice|finance|energy|"
    r"economy)\s+){0,6}$"
)
BODY_TAIL_RE = re.compile(r"(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s*){1,4})?")
GENERIC_BODY_HEADS = frozenset(
    """ministry department agency institute office staff council committee commission service court company
    corporation group bureau foundation journal directorate authority union organisation organization network
    fund bank centre center watchdog regulator firm alliance command army navy military""".split()
)


def _key(text: str) -> str:
    text = fold(text).lower().replace("’", "'")
    text = POSSESSIVE_RE.sub("", text)
    text = re.sub(r"\bdefense\b", "defence", text).replace(".", "")
    return " ".join(re.findall(r"[a-z0-9()]+", text))


def _country_and_rest(key: str) -> tuple[str | None, str]:
    """ "russian defence ministry" -> ("Russian", "defence ministry"); "ministry of defence of russia"
    -> ("Russian", "ministry of defence")."""
    words = key.split()
    for size in (2, 1):
        lead = " ".join(words[:size])
        if len(words) > size and lead in COUNTRY_ADJECTIVES:
            return COUNTRY_ADJECTIVES[lead], " ".join(words[size:])
    match = re.match(r"^(.*) of (?:the )?([a-z ]+)$", key)
    if match and match.group(2) in COUNTRY_ADJECTIVES:
        return COUNTRY_ADJECTIVES[match.group(2)], match.group(1)
    return None, key


def ministry_kind(key: str) -> str | None:
    for pattern, kind in MINISTRY_KINDS:
        if pattern.match(key):
            return kind
    return None


LEADING_WORDS_RE = re.compile(
    r"^(?:(?:and|or|but|of|for|with|to|from|by|in|on|at|as|yesterday|today|tonight|meanwhile|also|then|now|"
    r"earlier|later|separately)\s+)+(?=\S)",
    re.I,
)


def strip_leading_words(phrase: str) -> str:
    """A body's phrase without the sentence words a run of capitals picked up before it:
    "Yesterday the Ukrainian Defence Ministry", "and the Russian Defense Ministry"."""
    return LEADING_WORDS_RE.sub("", phrase)


def canonical_body(phrase: str) -> tuple[str, bool]:
    """The canonical name of a body and whether it is settled (False: it needs the
    article to say which, as "the defence ministry" or "the Ministry" do). A body the
    tables do not know keeps the words it was given."""
    given = strip_leading_words(phrase.strip(" ,.;:’'\"“”"))
    key = _key(DETERMINER_RE.sub("", given))
    if key in FIXED_NAMES:
        return FIXED_NAMES[key], True
    country, rest = _country_and_rest(key)
    kind = ministry_kind(rest)
    if country and (country, kind) == ("US", "Defence Ministry"):
        return FIXED_NAMES["pentagon"], True
    if country and rest in FIXED_NAMES:
        return FIXED_NAMES[rest], True
    if kind:
        return (f"{country} {kind}", True) if country else (kind, False)
    # "the Ruritanian Interior Ministry": any capitalised qualifier says which country
    words = DETERMINER_RE.sub("", given).split()
    if len(words) > 1 and words[0][:1].isupper() and ministry_kind(" ".join(key.split()[1:])):
        qualifier = POSSESSIVE_RE.sub("", words[0])
        return f"{qualifier} {ministry_kind(' '.join(key.split()[1:]))}", True
    if key in GENERIC_BODY_HEADS:
        return given, False
    # "the Russian news outlet RT", "the news site Ukrinform": a description, then the name
    named = DESCRIBED_NAME_RE.match(given)
    if named:
        return canonical_body(named.group(1))
    return given, True


DESCRIBED_NAME_RE = re.compile(
    r"^(?:[Tt]he|[Aa]n?)\s+(?:[A-Z][\w-]*\s+)?(?:[a-z][\w-]*\s+)+((?:[A-Z][\w.&’'-]*)(?:\s+[A-Z][\w.&’'-]*){0,3})$"
)


@dataclass(frozen=True, kw_only=True)
class _Named:
    position: int
    name: str
    words: frozenset[str]


class ArticleBodies:
    """The bodies an article names, in order, to read "the ministry" or "the agency" by."""

    def __init__(self, paragraphs) -> None:
        self._named: list[_Named] = []
        self._starts: list[int] = []
        offset = 0
        for paragraph in paragraphs:
            for head in BODY_HEAD_RE.finditer(paragraph):
                lead = BODY_LEAD_RE.search(paragraph, max(0, head.start() - 90), head.start())
                tail = BODY_TAIL_RE.match(paragraph, head.end())
                start = lead.start() if lead else head.start()
                name, settled = canonical_body(paragraph[start : tail.end() if tail else head.end()])
                if settled:
                    self._add(offset + start, name)
            offset += len(paragraph) + 2

    def _add(self, position: int, name: str) -> None:
        words = frozenset(_key(name).split())
        self._named.append(_Named(position=position, name=name, words=words))
        self._starts.append(position)

    def resolve(self, phrase: str, position: int) -> str | None:
        """The body a phrase means at a position in the article, or None if the phrase
        alone cannot say which and the article has not named it before."""
        name, settled = canonical_body(phrase)
        if settled:
            return name
        kind = ministry_kind(_key(name))
        head = _key(name).split()[-1] if _key(name) else ""
        earlier = self._named[: bisect_right(self._starts, position)]
        for named in reversed(earlier):
            if kind and named.name.endswith(kind):
                return named.name
            if not kind and head and head in named.words:
                return named.name
        return None


NAME_RUN = r"((?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:of\s+|for\s+|the\s+|and\s+){0,2}[A-Z][\w.’'-]*){0,6})"
ISSUER_PATTERNS = tuple(
    re.compile(pattern.replace("NAME", NAME_RUN))
    for pattern in (
        r"NAME(?:['’]s)?\s+(?:said|says|wrote|writes|added|announced|warned|claimed|stated|noted)\s+(?:in|on)\s+"
        r"(?:a|an|its|his|her|their|the)\s+(?:[\w-]+\s+){0,2}DOC",
        r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,2}DOC\s+(?:from|by|issued by|released by|published by|posted by|of)\s+NAME",
        r"NAME['’]s?\s+(?:[\w-]+\s+){0,2}DOC",
        r"NAME\s+(?:issued|released|published|put out|posted|shared|said in)\s+(?:a|an|its|his|her|their)\s+"
        r"(?:[\w-]+\s+){0,2}DOC",
        # "the ministry shared the update in a Facebook post"
        r"NAME\s+[a-z]+(?:\s+[\w-]+){0,4}\s+in\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+){0,2}DOC",
    )
)


@lru_cache(maxsize=256)
def _issuer_patterns(stem: str) -> tuple[re.Pattern[str], ...]:
    doc = "(?i:" + stem + r"s?)\b"
    return tuple(re.compile(pattern.pattern.replace("DOC", doc)) for pattern in ISSUER_PATTERNS)


ISSUER_WINDOW = 160  # characters around a document's mention that may name its issuer


def document_issuer(text: str, document: str) -> str | None:
    """Who issued the document a text last mentions: "the ministry said in a statement",
    "a statement from the Kremlin", "Zelensky's Telegram post"."""
    stem = re.escape(document.lower()).rstrip("s")
    mentions = list(re.finditer(rf"(?i:\b{stem}s?\b)", text))
    if not mentions:
        return None
    last = mentions[-1]
    # Only around the document's last mention: that is the one the quote's sentence means.
    text = text[max(0, last.start() - ISSUER_WINDOW) : last.end() + ISSUER_WINDOW]
    best: tuple[int, str] | None = None
    for pattern in _issuer_patterns(stem):
        for match in pattern.finditer(text):
            if best is None or match.end() > best[0]:
                best = (match.end(), match.group(1))
    return best[1].strip(" .,;:’'\"") if best else None
