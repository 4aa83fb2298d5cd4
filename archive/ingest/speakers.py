"""Speaker names: archive-wide matching keys, role/name splitting, and the
per-article register that turns every mention into one canonical name."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from archive.ingest.bodies import (
    DOCUMENT_WORDS,
    ArticleBodies,
    document_issuer,
    document_word,
    strip_leading_words,
)
from archive.ingest.lexicon import (
    ANONYMOUS_HEADS,
    FEMALE_FIRST_NAMES,
    HONORIFICS,
    MALE_FIRST_NAMES,
    ROLE_MODIFIERS,
    TITLE_WORDS,
)
from archive.ingest.names import (
    described_body,
    described_person,
    first_name_key,
    is_first_name,
    non_speaker,
    split_person,
    surname_skeleton,
    tidy_name,
    titled_person,
)
from archive.ingest.records import Quote, SpeakerRecord

KEY_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*\.?")  # "thomas-greenfield" is one word
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
KEY_DROP = (TITLE_WORDS | HONORIFICS) - {"head"}
LEADING_ARTICLES = frozenset({"the", "a", "an"})
TRAILING_PUNCT = ".,;:’'\"”)"


def fold_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def speaker_key(name: str) -> str:
    """A matching key for one person across the archive: accents and transliteration
    variants folded, titles, suffixes and middle initials dropped, one key for the
    forms of a first name. "President Vladimir V. Putin" and "vladimir putin" share a
    key; so do "Volodymyr Zelenskyy" and "Vladimir Zelensky", "Tony" and "Antony Blinken"."""
    folded = fold_accents(name).casefold().replace("’", "'")
    folded = re.sub(r"'s\b", "", folded)
    tokens = [t for t in KEY_TOKEN_RE.findall(folded) if t not in SUFFIXES]
    # "the Kremlin" is the Kremlin; "A. Lee" keeps her initial
    while len(tokens) > 1 and (tokens[0] in LEADING_ARTICLES or tokens[0].rstrip(".") in KEY_DROP | ROLE_MODIFIERS):
        tokens.pop(0)
    out: list[str] = []
    for pos, token in enumerate(tokens):
        bare = token.replace(".", "")
        if not bare:
            continue
        is_initial = len(bare) <= 2 and ("." in token or len(bare) == 1)
        if is_initial and out and not all(len(t) <= 2 for t in out):
            continue  # a middle initial: "Vladimir V. Putin"
        if is_initial and out and all(len(t) <= 2 for t in out) and pos < len(tokens) - 1:
            out[-1] += bare  # "J. D." -> "jd"
            continue
        out.append(bare)
    if len(out) > 1:
        out[0] = first_name_key(out[0])
    # the first of several words is a first name, already keyed; any other word may be a surname
    return " ".join(surname_skeleton(t) if (pos or len(out) == 1) and len(t) > 3 else t for pos, t in enumerate(out))


def first_name_gender(name: str) -> str | None:
    """'m', 'f' or None from the first name, when it is a common one."""
    tokens = name.split()
    if len(tokens) < 2:
        return None
    first = fold_accents(tokens[0]).lower().strip(".")
    if first in FEMALE_FIRST_NAMES:
        return "f"
    if first in MALE_FIRST_NAMES:
        return "m"
    return None


def split_role(phrase: str) -> tuple[str, str]:
    """Split a pre-nominal title from a name: "UK Prime Minister Keir Starmer" ->
    ("UK Prime Minister", "Keir Starmer"); a bare name has an empty role. Descriptions
    are role too, and sentence words are no part of either (archive.ingest.names)."""
    person = split_person(phrase)
    return person.role, person.name


# One word for a country in a title, however the title names it: "Russia's foreign
# minister", "the foreign minister of Russia" and "the Russian foreign minister" are one
# role; so are "UK", "Britain's" and "British", "US", "America's" and "American".
COUNTRY_IN_TITLE = {
    "russia": "russian",
    "ukraine": "ukrainian",
    "britain": "british",
    "uk": "british",
    "united kingdom": "british",
    "america": "us",
    "american": "us",
    "united states": "us",
    "china": "chinese",
    "france": "french",
    "germany": "german",
    "poland": "polish",
    "belarus": "belarusian",
    "turkey": "turkish",
    "israel": "israeli",
    "iran": "iranian",
    "japan": "japanese",
    "italy": "italian",
    "canada": "canadian",
    "finland": "finnish",
    "sweden": "swedish",
    "hungary": "hungarian",
}
_COUNTRY_IN_TITLE_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, COUNTRY_IN_TITLE), key=len, reverse=True)) + r")(?:'s)?(?=\s|$)"
)


def _role_key(role: str) -> str:
    folded = " ".join(fold_accents(role).casefold().replace(".", "").replace("’", "'").split())
    folded = _COUNTRY_IN_TITLE_RE.sub(lambda match: COUNTRY_IN_TITLE[match.group(1)], folded)
    words = folded.split()
    if len(words) > 2 and words[-1] in COUNTRY_IN_TITLE.values():
        of = len(words) - (3 if words[-2] == "the" else 2)
        if of > 0 and words[of] == "of":  # "the president of the United States" -> "us president"
            lead = 1 if words[0] == "the" else 0
            words = words[:lead] + [words[-1]] + words[lead:of]
    return " ".join(words)


@dataclass(kw_only=True)
class _Entry:
    name: str
    kind: str
    order: int  # when the article first named this speaker
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    last_seen: int = 0
    key_tokens: list[str] = field(default_factory=list)  # of the current name

    def __post_init__(self) -> None:
        self.key_tokens = speaker_key(self.name).split()

    def rename(self, name: str) -> None:
        self.name = name
        self.key_tokens = speaker_key(name).split()


class ArticleSpeakers:
    """Everyone the article names, merged by name within the article. `position`
    is any increasing number (paragraph * 100000 + offset) used for recency."""

    def __init__(self, known_roles: Mapping[str, str] | KnownRoles | None = None) -> None:
        self._entries: list[_Entry] = []
        self._by_key: dict[str, _Entry] = {}
        # Every key token an entry's name has had: a lookup reads only the entries that
        # share a token with the name, so an article naming thousands stays linear.
        self._by_token: dict[str, list[_Entry]] = {}
        # Everyone the article gave each role: "President Biden" and "President Zelenskyy".
        self._roles: dict[str, dict[int, _Entry]] = {}  # role key -> {id(entry): entry}
        self._archive = known_roles if isinstance(known_roles, KnownRoles) else KnownRoles(known_roles)
        self._known_roles = self._archive.roles

    def _find(self, name: str, kind: str) -> _Entry | None:
        key = speaker_key(tidy_name(name) if kind == "person" else name)
        if key in self._by_key:
            return self._by_key[key]
        tokens = key.split()
        if not tokens:
            return None
        sharing = self._by_token.get(tokens[-1], [])
        if len(tokens) == 1:
            # A surname alone: the most recently seen full name that ends in it.
            matches = [e for e in sharing if e.key_tokens[-1:] == tokens]
            if not matches:
                # A first name alone ("Catherine said", after "Catherine Hummels"): a full
                # name keys its first name by `first_name_key`, a lone word as a surname (Dong
                # in "Dong Xiaolin" is found as it is). Only a known first name is read as one:
                # "Sievierodonetsk" is not "Sievierodonetsk Heavy", a heading run into its text.
                word = fold_accents(name).casefold().strip(TRAILING_PUNCT + " ")
                first = first_name_key(word) if is_first_name(word) else None
                candidates = sharing + self._by_token.get(first, []) if first else sharing
                matches = [e for e in candidates if tokens[0] in e.key_tokens or e.key_tokens[:1] == [first]]
            return max(matches, key=lambda e: (e.last_seen, -e.order)) if matches else None
        # A fuller or shorter form of an entry: same surname, and first names that agree.
        for entry in sorted(sharing, key=lambda e: (-e.last_seen, e.order)):
            other = entry.key_tokens
            if not other:
                continue
            if other[-1] != tokens[-1]:
                continue
            if (
                len(other) == 1
                or other[0] == tokens[0]
                or other[0].startswith(tokens[0])
                or tokens[0].startswith(other[0])
            ):
                return entry
        return None

    def add(self, name: str, *, role: str = "", kind: str = "person", position: int = 0) -> str:
        """Register a mention; return the canonical name it belongs to. A person's name
        is kept without the sentence words around it ("Whether Putin" is Putin)."""
        name = tidy_name(name) if kind == "person" else name.strip(TRAILING_PUNCT + " ")
        entry = self._find(name, kind)
        if entry is None:
            entry = _Entry(name=name, kind=kind, order=len(self._entries))
            self._entries.append(entry)
            self._index(entry, entry.key_tokens)
        elif len(speaker_key(name).split()) > len(entry.key_tokens):
            entry.aliases.append(entry.name)
            old_tokens = set(entry.key_tokens)
            entry.rename(name)
            self._index(entry, [t for t in entry.key_tokens if t not in old_tokens])
        if name != entry.name and name not in entry.aliases:
            entry.aliases.append(name)
        self._by_key[speaker_key(name)] = entry
        entry.last_seen = max(entry.last_seen, position)
        if role:
            if role not in entry.roles:
                entry.roles.append(role)
            self._roles.setdefault(_role_key(role), {})[id(entry)] = entry
        return entry.name

    def _index(self, entry: _Entry, tokens: list[str]) -> None:
        # A token may stay listed after a rename drops it; _find checks the current name.
        for token in dict.fromkeys(tokens):
            self._by_token.setdefault(token, []).append(entry)

    def lookup(self, name: str) -> str | None:
        entry = self._find(name, "person")
        return entry.name if entry else None

    def kind_of(self, name: str) -> str:
        entry = self._find(name, "person")
        return entry.kind if entry else "person"

    def touch(self, name: str, position: int) -> None:
        entry = self._find(name, "person")
        if entry:
            entry.last_seen = max(entry.last_seen, position)

    def holds_other_office(self, name: str, head: str) -> bool:
        """Whether this person holds another office than `head`, by the article or the
        archive: its "Russian president" is not "the prime minister", the "mayor of
        Chernihiv" not "the analyst", a spokesman not "the Saudi foreign minister"."""
        if head not in _SPECIFIC_OFFICES:
            return False
        entry = self._find(name, "person")
        keys = [_role_key(role) for role in entry.roles] if entry else []
        heads = {_role_head(key) for key in [*keys, *self._archive.roles_of(name)] if key}
        return bool(heads & _SPECIFIC_OFFICES) and not heads & ({head} | _ROLE_SYNONYMS.get(head, set()))

    def by_role(self, description: str) -> str | None:
        """Resolve "the Russian president" / "the Kremlin spokesman" to a name seen with
        that role in the article, else through the archive's known roles."""
        key = _role_key(re.sub(r"^(?:the|this|that)\s+", "", description, flags=re.I))
        if not key:
            return None
        if key in self._roles:
            # of two presidents, the one the article named last: "Mr. Biden said … “…,”
            # the president said", though President Zelenskyy's role was read later
            return max(self._roles[key].values(), key=lambda e: e.last_seen).name
        words = key.split()
        head = words[-1]
        # From other articles only a qualified title: "the Russian president" names one
        # person for a time, "the president" or "the ambassador" anyone, and "a Western
        # official" nobody: such a source is one of many, whatever another article said.
        from_archive = _qualified(key) and head not in ANONYMOUS_HEADS - _SPOKES
        if from_archive:
            self._archive.asked.add(key)
        if from_archive and key in self._known_roles:
            return self._known_roles[key]
        synonyms = {head} | _ROLE_SYNONYMS.get(head, set())
        candidates = []
        for role, holders in self._roles.items():
            rwords = role.split()
            if rwords and rwords[-1] in synonyms and all(w in rwords for w in words[:-1]):
                candidates.extend(holders.values())
        if candidates:
            return max(candidates, key=lambda e: e.last_seen).name
        if not from_archive:
            return None
        for role, name in self._known_roles.items():
            rwords = role.split()
            if rwords[-1] in synonyms and all(w in rwords for w in words[:-1]):
                return name
        return None

    def records(self, names: set[str] | None = None) -> list[SpeakerRecord]:
        out = []
        for entry in self._entries:
            if names is not None and entry.name not in names:
                continue
            out.append(
                SpeakerRecord(
                    name=entry.name,
                    kind=entry.kind,
                    aliases=tuple(a for a in entry.aliases if a != entry.name),
                    roles=tuple(entry.roles),
                )
            )
        return out


class KnownRoles:
    """The archive's roles as the register reads them ("russian president" -> a name),
    keyed once rather than per article, noting which role descriptions an article asked
    of them: a parallel ingest extracts with the roles known when the article was sent
    and re-extracts only an article whose questions a role learned since may answer."""

    def __init__(self, roles: Mapping[str, str] | None = None) -> None:
        self._raw: dict[str, str] = dict(roles or {})
        self.roles: dict[str, str] = {_role_key(raw): name for raw, name in self._raw.items()}
        self._spellings: dict[str, list[str]] | None = None  # key -> the raw roles folding to it, in order
        self._by_name: dict[str, list[str]] | None = None  # name -> its role keys, built when asked
        self.asked: set[str] = set()

    def roles_of(self, name: str) -> list[str]:
        """The role keys the archive knows this person by."""
        if self._by_name is None:
            self._by_name = {}
            for key, holder in self.roles.items():
                self._by_name.setdefault(holder, []).append(key)
        return self._by_name.get(name, [])

    def learn(self, roles: Mapping[str, str]) -> None:
        """Take roles in (new ones after the others), as if the whole mapping were keyed again:
        of several spellings of one key, the last in the mapping's order names the holder."""
        if self._spellings is None:
            self._spellings = {}
            for raw in self._raw:
                self._spellings.setdefault(_role_key(raw), []).append(raw)
        for raw, name in roles.items():
            key = _role_key(raw)
            spellings = self._spellings.setdefault(key, [])
            if raw not in self._raw:
                spellings.append(raw)
            self._raw[raw] = name
            self.roles[key] = self._raw[spellings[-1]]
        self._by_name = None


def may_answer(role: str, description_key: str) -> bool:
    """Whether an archive role could name who a description (as `by_role` keys it) is:
    the same key, or a role whose head and words the description's fit. Generous on purpose."""
    role, words = _role_key(role), description_key.split()
    rwords = role.split()
    if role == description_key:
        return True
    if not rwords or not words:
        return False
    synonyms = {words[-1]} | _ROLE_SYNONYMS.get(words[-1], set())
    return rwords[-1] in synonyms and all(word in rwords for word in words[:-1])


# Words that make a title no one person's: "the top general", "the senior official",
# "the city's mayor" (whichever city the article is about).
_GENERIC_PLACES_AND_BODIES = (
    "city town village country nation region province state company party group government ministry agency"
    " department organisation organization army regime club team family local regional municipal"
).split()
UNQUALIFYING = frozenset(
    "top senior former then chief deputy acting new current outgoing incoming retired leading military".split()
    + _GENERIC_PLACES_AND_BODIES
    + [f"{word}'s" for word in _GENERIC_PLACES_AND_BODIES]
)


# Words of an office itself, which say what the office is, not whose: "prime minister",
# "foreign minister", "secretary of state" could be any country's.
_OFFICE_WORDS = TITLE_WORDS | frozenset("of the for home finance trade health energy assistant associate".split())


def _qualified(role_key: str) -> bool:
    """A title that names one person across articles: "russian president", "mariupol mayor";
    not "top general", "prime minister", "the city's mayor"."""
    words = role_key.split()
    return len(words) > 1 and any(word not in UNQUALIFYING and word not in _OFFICE_WORDS for word in words[:-1])


# Offices one person does not hold two of at once: the article's president is not its
# prime minister (a senator may well be a candidate too).
_LEADING_OFFICES = frozenset({"president", "minister", "premier", "chancellor", "king", "queen"})

_SPOKES = {"spokesman", "spokeswoman", "spokesperson"}
_ROLE_SYNONYMS: dict[str, set[str]] = {word: _SPOKES for word in _SPOKES} | {
    "ambassador": {"envoy"},
    "envoy": {"ambassador"},
    "lawyer": {"attorney"},
    "attorney": {"lawyer"},
    "chairman": {"chairwoman", "chair"},
    "chairwoman": {"chairman", "chair"},
}
# Offices and professions a writer calls a person by only when the person holds them:
# "the analyst" is not the mayor the article named, nor "the ambassador" its president.
# ("the leader", "the billionaire", "the official" may be anyone's epithet.)
_SPECIFIC_OFFICES = _LEADING_OFFICES | frozenset(
    """ambassador envoy mayor governor senator analyst expert professor journalist reporter
    correspondent commander admiral spokesman spokeswoman spokesperson chairman chairwoman
    lawyer attorney judge prosecutor economist historian researcher scientist""".split()
)


def _role_head(role_key: str) -> str:
    """The office of a role: "mayor of chernihiv" -> mayor, "russian president" -> president."""
    words = role_key.split()
    for pos, word in enumerate(words):
        if pos > 0 and word in ("of", "to", "for", "at", "in", "on"):
            return words[pos - 1]
    return words[-1]


# -- the last step of attribution: every speaker a name -----------------------

SENTENCE_BREAK_RE = re.compile(r"(?<=[a-z0-9])[.!?]\s+(?=[A-Z])")
ISSUER_PARAGRAPHS = 2  # how many paragraphs before a quote name the issuer of "the statement"


def settle_speakers(
    paragraphs: Sequence[str], quotes_per_paragraph: list[list[Quote]], register: ArticleSpeakers
) -> list[list[Quote]]:
    """Make every quote's speaker a name, or no speaker at all.

    A body gets its one canonical name ("the Russian Defense Ministry" -> "Russian
    Defence Ministry"), and "the ministry" or "the agency" the one the article named
    before. A document ("the statement", "a Facebook post") gives way to whoever issued
    it, when the text says; a bare nationality, a title alone or a body the article
    never names is no speaker: the quote keeps the words as its description.
    """
    bodies = (
        ArticleBodies(paragraphs)
        if any(q.speaker and q.speaker_kind != "person" for quotes in quotes_per_paragraph for q in quotes)
        else None
    )
    offsets = list(accumulate((len(p) + 2 for p in paragraphs[:-1]), initial=0))
    settled = []
    for p_index, quotes in enumerate(quotes_per_paragraph):
        out = []
        for quote in quotes:
            if quote.speaker:
                position = offsets[p_index] + (quote.mention_start if quote.mention_start is not None else quote.start)
                context = _text_before(paragraphs, p_index, quote.mention_start or quote.start)
                quote = _settle(quote, bodies, register, position, context)
            out.append(quote)
        settled.append(out)
    return settled


# How far back a document's issuer is looked for: "The Kremlin issued a statement. … The
# statement said". Bounded, so that a paragraph of thousands of quotes stays linear.
ISSUER_CONTEXT = 3000


def _text_before(paragraphs: Sequence[str], p_index: int, end: int) -> str:
    """The text before offset `end` of paragraph p_index, through the ISSUER_PARAGRAPHS
    paragraphs before it, at most ISSUER_CONTEXT characters of it."""
    parts = [paragraphs[p_index][max(0, end - ISSUER_CONTEXT) : end]]
    left = ISSUER_CONTEXT - len(parts[0])
    for before in reversed(paragraphs[max(0, p_index - ISSUER_PARAGRAPHS) : p_index]):
        if left <= 0:
            break
        parts.append(before[-left:])
        left -= len(before) + 2
    return "\n\n".join(reversed(parts))


def _settle(
    quote: Quote, bodies: ArticleBodies | None, register: ArticleSpeakers, position: int, context: str
) -> Quote:
    phrase = SENTENCE_BREAK_RE.split(quote.speaker or "")[-1]  # "on Tuesday. The Wall Street Journal"
    if quote.speaker_kind != "person":
        phrase = strip_leading_words(phrase)  # "and the Russian Defense Ministry", "of Russia's ..."
    if phrase != quote.speaker:
        quote = dataclasses.replace(quote, speaker=phrase)
    why = non_speaker(phrase)
    if quote.speaker_kind == "person" or bodies is None:
        return _described(quote, "anonymous") if why else quote
    person = titled_person(phrase)
    if person is not None:  # "US Department of State spokesperson Ned Price" is Ned Price
        return dataclasses.replace(quote, speaker=register.lookup(person) or person, speaker_kind="person")
    if described_person(phrase):  # "The Tory peer", "a Russian infantryman": someone, unnamed
        return _described(quote, "anonymous")
    document = document_word(phrase)
    if document or (phrase.split()[0].lower() in ("a", "an") and why):
        # "a statement from the Kremlin" names its issuer; "the statement" leaves it to the text before
        issuer = document_issuer(phrase, document) if document else None
        issuer = issuer or document_issuer(context, document or phrase.split()[-1].lower().strip(".,’'"))
        speaker = _issuer_speaker(issuer, bodies, register, position) if issuer else None
        if speaker is not None:
            return dataclasses.replace(quote, speaker=speaker[0], speaker_kind=speaker[1])
        return _described(quote, "unattributed")
    if why == "nationality":
        return _described(quote, "unattributed")
    name = bodies.resolve(phrase, position)
    if name is not None:
        name = strip_leading_words(SENTENCE_BREAK_RE.split(name)[-1])  # "Thursday. The ministry"
    if name is None or non_speaker(name) or described_body(name):
        return _described(quote, "anonymous")
    return dataclasses.replace(quote, speaker=name)


def _issuer_speaker(
    issuer: str, bodies: ArticleBodies, register: ArticleSpeakers, position: int
) -> tuple[str, str] | None:
    person = register.lookup(issuer)
    if person is not None and register.kind_of(issuer) == "person":
        return person, "person"
    name = bodies.resolve(issuer, position)
    if name is None or non_speaker(name) or name.split()[-1].lower() in DOCUMENT_WORDS:
        return None
    return name, "organisation"


def _described(quote: Quote, attribution: str) -> Quote:
    """No speaker: the words that named one stay as the quote's description."""
    return dataclasses.replace(
        quote,
        speaker=None,
        speaker_kind=None,
        attribution=attribution,
        source_description=quote.source_description or quote.speaker,
    )
