"""Attribute each direct quote of an article to its speaker: find the speech verb
and its subject around the quote, then resolve pronouns, titles and surnames to
the people and organisations the article names."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import islice

from archive.ingest.lexicon import (
    DOCUMENT_HEADS,
    FEMALE_FIRST_NAMES,
    HONORIFICS,
    INDEFINITE_DETERMINERS,
    INTRANSITIVE_SPEECH_VERBS,
    INVERTIBLE_VERBS,
    MALE_FIRST_NAMES,
    NON_NAME_WORDS,
    NON_PERSON_WORDS,
    NOUN_LIKE_VERBS,
    NOUN_ONLY_VERBS,
    ORG_HEADS,
    PERSON_HEADS,
    PRONOUNS,
    REPORTING_VERBS,
    ROLE_MODIFIERS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    TIME_WORDS,
    TITLE_WORDS,
    VERB_FILLERS,
    WEAK_SPEECH_VERBS,
)
from archive.ingest.quotes import (
    QuoteSpan,
    is_nickname,
    paired_spans,
    quotation_flags,
    quotes_with_double_marks,
)
from archive.ingest.records import Quote, SpeakerRecord
from archive.ingest.speakers import ArticleSpeakers, first_name_gender, split_role

TOKEN_RE = re.compile(r"\w(?:[\w'’\-]|\.(?=\w))*\.?|--|[,;:()—–!?.\-]")
POSSESSIVE_RE = re.compile(r"['’]s?$")


def _bare_word(word: str) -> str:
    """A word lower-cased, without its possessive and trailing comma: "Ministry's" ->
    "ministry". Not strip("'s"), which would turn "Senate" into "enate"."""
    return POSSESSIVE_RE.sub("", word.lower().rstrip(",."))


# A nickname a name is read through: `Robert C. "Bobby" Scott` is Robert C. Scott.
NICKNAME_RE = re.compile(r"\s*(?:''|[“\"])[^\s“”\"]+(?:\s[^\s“”\"]+)?(?:''|[”\"])(?=\s)")
ABBREVIATIONS = frozenset(
    """mr mrs ms dr sen rep gov gen lt col adm sgt capt maj prof rev jr sr st mt ft
    inc co corp ltd no vs sept oct nov dec jan feb aug calif fla mass penn wis
    ariz ill mich minn conn del md va wash ore tenn ky ala ga ind iowa kan nev""".split()
)
POSSESSIVE_DETERMINERS = {"his": "he", "her": "she", "their": "they", "its": "it"}
# Punctuation after which a speech-verb form was a noun: "according to a pool report."
PHRASE_ENDS = frozenset({".", ",", ";", ")"})
# Words that open a noun phrase, so never continue one: "sent out a message".
ARTICLES = frozenset({"a", "an", "the", "his", "her", "their", "its"})
DETERMINERS = frozenset({"the", "this"}) | INDEFINITE_DETERMINERS | frozenset(POSSESSIVE_DETERMINERS)
NAME_PARTICLES = frozenset({"de", "van", "von", "bin", "al", "el", "da", "di", "del", "der", "la", "le", "du", "ibn"})
POST_MODIFIER_PREPS = frozenset({"for", "of", "at", "with", "from", "in", "to", "on"})
CITED = frozenset({"cited", "quoted", "interviewed", "contacted", "reached", "obtained", "reviewed"})
NP_STOP = frozenset(
    """who which that whom whose and or but if when while as because said says told
    on in at by to from into about after before during since than then is was are were
    be been has have had will would could should may might can do does did not no""".split()
)
PLURAL_PRONOUNS = frozenset({"they", "we"})
# Sentence openers that may make a person named elsewhere the sentence's subject.
TITLED_SUBJECT_OPENERS = frozenset({"he", "she", "the"})
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lord": "m", "dame": "f", "lady": "f"}
PREPOSITIONS = frozenset(
    """at in of for with on from by to about into over under after before during since
    near across against among around between through toward towards via per as""".split()
)
# Words that may open a sentence before its subject.
CLAUSE_OPENERS = frozenset("and but so yet still then now already instead meanwhile however also later earlier".split())
ANONYMOUS_HEADS = frozenset(
    """official officials source sources aide aides person people insider insiders diplomat
    diplomats staffer staffers adviser advisers advisor advisors spokesman spokeswoman
    spokesperson someone""".split()
)
# Words that head a share of a group, which speaks like a description: "most said",
# "63 percent of voters said", "a majority say".
QUANTITY_HEADS = frozenset(
    """percent majority minority plurality half third thirds quarter most many some few others both""".split()
)
# Words that may stand before a quantity head: "only 52 percent", "more than half".
QUANTITY_MODIFIERS = frozenset(
    """only just nearly almost about roughly around over under more less fewer than some
    one two three four five six seven eight nine ten twenty thirty forty fifty sixty
    seventy eighty ninety hundred""".split()
)
# Cues after a quote that report it even when a speech verb sits right before it:
# `He called it “a mess,” Lee said` is Lee's report.
CLAUSE_REPORTING_CUES = REPORTING_VERBS | INVERTIBLE_VERBS | {"according", "reported", "reports", "claimed", "claims"}
# Determiners that can stand alone as a subject: "Another said", "Others warned".
STANDALONE_DETERMINERS = frozenset("another others one some many most both several few".split())
# Adjectives that open a post-modifier of a source: "a person familiar with the talks".
SOURCE_ADJECTIVES = frozenset({"familiar", "close", "knowledgeable", "involved", "briefed", "speaking"})
# How many sentences after the previous quote of its paragraph a quote without a cue
# of its own still continues it: its attribution's (`“A,” Lee said. “B.”`) and one
# sentence of narrative more. Further on, the paragraph has moved on to others.
CARRY_SENTENCES = 2
# How many of the latest mentions pronoun and title resolution read.
SALIENCE_LOOKBACK = 400
ORG_NAME_WORDS = (ORG_HEADS | NON_PERSON_WORDS) - {"press", "campaign", "house", "staff", "team"}


def _names_organisation(words: Sequence[str]) -> bool:
    """Whether a capitalised run names an organisation or place: it holds a word such
    as "Ministry" or "Times". A common first name opening a longer run is the
    person's own ("Bill Mercer"), not the noun it also is."""
    for pos, word in enumerate(words):
        lower = word.lower()
        if lower not in ORG_NAME_WORDS and _bare_word(word) not in ORG_NAME_WORDS:
            continue
        if pos == 0 and len(words) > 1 and lower in MALE_FIRST_NAMES | FEMALE_FIRST_NAMES:
            continue
        return True
    return False


class Token:
    """One word, punctuation mark or whole quote. A plain slotted class: a paragraph
    makes hundreds of these, and tokens are compared by identity."""

    __slots__ = ("text", "lower", "start", "end", "kind", "quote", "cap")

    def __init__(self, *, text: str, lower: str, start: int, end: int, kind: str, quote: int = -1) -> None:
        self.text = text
        self.lower = lower
        self.start = start
        self.end = end
        self.kind = kind  # "w" word, "p" punctuation, "q" quote
        self.quote = quote  # index into the paragraph's spans, for kind "q"
        self.cap = kind == "w" and text[0].isupper()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.kind}, {self.start})"


@dataclass(frozen=True, kw_only=True)
class Phrase:
    """A noun phrase that may be a speaker: token range and what kind of mention."""

    first: int
    last: int  # inclusive
    start: int
    end: int
    text: str
    kind: str  # "pronoun" | "name" | "description"
    role: str = ""
    name: str = ""


@dataclass(frozen=True, kw_only=True)
class Speaker:
    """What an attribution resolved to."""

    attribution: str
    speaker: str | None = None
    speaker_kind: str | None = None
    description: str | None = None
    mention: tuple[int, int] | None = None


@dataclass(frozen=True, kw_only=True)
class Mention:
    """A person named in the text, for pronoun resolution."""

    name: str
    paragraph: int
    sentence: int
    order: int  # position of the mention within its sentence
    gender: str | None


# ---------------------------------------------------------------- tokens


def _closing_mark_length(text: str, span: QuoteSpan) -> int:
    if span.open_ended:
        return 0
    return 2 if text.startswith(("''", "``"), span.end) else 1


def tokenize(text: str, spans: Sequence[QuoteSpan]) -> list[Token]:
    """Words and punctuation outside the quotes, each quote as one token."""
    tokens: list[Token] = []
    cursor = 0
    bounds = [(s.start - len(s.mark), s.end + _closing_mark_length(text, s), index) for index, s in enumerate(spans)]
    bounds.append((len(text), len(text), -1))
    for q_start, q_end, index in bounds:
        for match in TOKEN_RE.finditer(text, cursor, max(cursor, q_start)):
            word = match.group()
            start = match.start()
            if len(word) > 1 and word.endswith(".") and not _is_abbreviation(word):
                tokens.append(
                    Token(text=word[:-1], lower=word[:-1].lower(), start=start, end=match.end() - 1, kind="w")
                )
                tokens.append(Token(text=".", lower=".", start=match.end() - 1, end=match.end(), kind="p"))
                continue
            kind = "w" if word[0].isalnum() or word[0] == "_" else "p"
            lower = word.lower()
            cut = _contraction_cut(lower) if kind == "w" and ("'" in word or "’" in word) else 0
            if cut:
                # "he's said", "she'd told": the pronoun is the subject, the rest an auxiliary
                tokens.append(Token(text=word[:cut], lower=lower[:cut], start=start, end=start + cut, kind="w"))
                tokens.append(Token(text=word[cut:], lower=lower[cut:], start=start + cut, end=match.end(), kind="w"))
                continue
            tokens.append(Token(text=word, lower=lower, start=start, end=match.end(), kind=kind))
        if index >= 0:
            tokens.append(Token(text=text[q_start:q_end], lower="", start=q_start, end=q_end, kind="q", quote=index))
        cursor = max(cursor, q_end)
    return tokens


CONTRACTIONS = frozenset({"s", "re", "ve", "d", "ll", "m"})


def _contraction_cut(lower: str) -> int:
    """Where a pronoun's contracted auxiliary starts ("he's", "they’ve"), else 0."""
    for mark in ("'", "’"):
        cut = lower.find(mark)
        if cut > 0 and lower[:cut] in PRONOUNS and lower[cut + 1 :] in CONTRACTIONS:
            return cut
    return 0


def _is_abbreviation(word: str) -> bool:
    bare = word[:-1]
    return bare.lower() in ABBREVIATIONS or (len(bare) == 1 and bare.isupper()) or "." in bare


def sentence_ids(tokens: Sequence[Token], text: str, spans: Sequence[QuoteSpan]) -> list[int]:
    ids: list[int] = []
    current = 0
    for pos, token in enumerate(tokens):
        ids.append(current)
        nxt = tokens[pos + 1] if pos + 1 < len(tokens) else None
        if nxt is None:
            continue
        ends = token.kind == "p" and token.text in ".!?"
        if token.kind == "q":
            quoted = text[spans[token.quote].start : spans[token.quote].end].rstrip()
            ends = quoted[-1:] in ".!?"
        if ends and (nxt.kind == "q" or nxt.cap):
            current += 1
    return ids


# How many tokens either side of a quote its cue is looked for in: far more than any
# real sentence needs, and it keeps the work per quote bounded in run-on text.
CUE_WINDOW = 80


class SentenceIndex:
    """Where each token's sentence starts and ends, the next quote token and a running
    count of words, so a quote finds its sentence in constant time however long the
    paragraph is."""

    __slots__ = ("ids", "_first", "_end", "_next_quote", "_words")

    def __init__(self, tokens: Sequence[Token], ids: Sequence[int]) -> None:
        self.ids = ids
        self._first: list[int] = []
        self._end: list[int] = []
        for pos, sentence in enumerate(ids):
            if sentence == len(self._first):
                self._first.append(pos)
                self._end.append(pos + 1)
            else:
                self._end[sentence] = pos + 1
        self._next_quote = [len(tokens)] * (len(tokens) + 1)
        for pos in range(len(tokens) - 1, -1, -1):
            self._next_quote[pos] = pos if tokens[pos].kind == "q" else self._next_quote[pos + 1]
        self._words = [0]
        for token in tokens:
            self._words.append(self._words[-1] + (token.kind == "w"))

    def start(self, pos: int) -> int:
        """The first token of pos's sentence, at most CUE_WINDOW tokens back."""
        return max(self._first[self.ids[pos]], pos - CUE_WINDOW)

    def true_start(self, pos: int) -> int:
        return self._first[self.ids[pos]]

    def end(self, pos: int) -> int:
        """One past the last token of pos's sentence, at most CUE_WINDOW tokens on."""
        return min(self._end[self.ids[pos]], pos + CUE_WINDOW)

    def next_quote(self, pos: int) -> int:
        return self._next_quote[pos]

    def has_words(self, first: int, end: int) -> bool:
        return self._words[end] > self._words[first]


# ---------------------------------------------------------------- phrases


def _is_name_word(token: Token) -> bool:
    return token.cap and token.lower not in NON_NAME_WORDS


def _is_role_word(token: Token) -> bool:
    bare = token.lower.rstrip(".")
    return token.kind == "w" and (bare in TITLE_WORDS or token.lower in TITLE_WORDS or bare in ROLE_MODIFIERS)


def _is_head(token: Token) -> bool:
    bare = token.lower.rstrip(".")
    return token.kind == "w" and (bare in PERSON_HEADS or bare in ORG_HEADS or bare in TITLE_WORDS or token.cap)


def _is_possessive(token: Token) -> bool:
    return token.kind == "w" and token.lower.endswith(("'s", "’s", "s'", "s’")) and token.lower[0] not in "'’"


def _phrase(tokens: Sequence[Token], text: str, first: int, last: int, kind: str) -> Phrase:
    start, end = tokens[first].start, tokens[last].end
    span_text = text[start:end]
    role = name = ""
    if kind == "name":
        role, name = split_role(span_text)
        name = POSSESSIVE_RE.sub("", NICKNAME_RE.sub("", name) if '"' in name or "“" in name or "''" in name else name)
    return Phrase(first=first, last=last, start=start, end=end, text=span_text, kind=kind, role=role, name=name)


def _extend_post_modifier(tokens: Sequence[Token], last: int, limit: int) -> int:
    """Take in "cited by Reuters", "for the Pentagon", "familiar with the talks"."""
    pos = last + 1
    if pos + 1 < limit and tokens[pos].lower in CITED and tokens[pos + 1].lower == "by":
        end = _name_run_end(tokens, pos + 2, limit)
        return end if end is not None else last
    if pos + 1 < limit and tokens[pos].lower in ("familiar", "close", "knowledgeable"):
        end = pos + 1
        while (
            end + 1 < limit and tokens[end + 1].kind == "w" and tokens[end + 1].lower not in NP_STOP and end - pos < 5
        ):
            end += 1
        return end
    if pos + 1 < limit and tokens[pos].lower in POST_MODIFIER_PREPS:
        look = pos + 1
        if tokens[look].lower == "the" and look + 1 < limit:
            look += 1
        if _is_name_word(tokens[look]) or tokens[look].lower in ORG_HEADS:
            end = _name_run_end(tokens, look, limit)
            return end if end is not None else last
    return last


def _name_run_end(tokens: Sequence[Token], pos: int, limit: int) -> int | None:
    """Last token of a capitalised run starting at pos (org heads allowed)."""
    end = None
    while pos < limit:
        token = tokens[pos]
        if token.cap or (end is not None and token.lower in NAME_PARTICLES and pos + 1 < limit and tokens[pos + 1].cap):
            end = pos
            pos += 1
            continue
        if end is not None and token.lower in ORG_HEADS:
            end = pos
        break
    return end


def phrase_forward(
    tokens: Sequence[Token], text: str, pos: int, limit: int, *, lower_prefix: bool = False
) -> Phrase | None:
    """A speaker phrase starting at token pos: "he", "U.S. Vice President JD Vance",
    "a UK government official", "an official cited by Reuters". With lower_prefix,
    lower-case words before a name are its role: "said election lawyer Joe Birkenstock"."""
    if pos >= limit or tokens[pos].kind != "w":
        return None
    token = tokens[pos]
    if lower_prefix and not token.cap and token.lower not in DETERMINERS and token.lower not in PRONOUNS:
        look = pos
        while (
            look < limit
            and look - pos < 4
            and tokens[look].kind == "w"
            and not tokens[look].cap
            and tokens[look].lower not in NP_STOP
        ):
            look += 1
        if look > pos and look < limit and _is_name_word(tokens[look]):
            found = phrase_forward(tokens, text, look, limit)
            if found is not None and found.kind == "name":
                return _phrase(tokens, text, pos, found.last, "name")
        return None
    if token.lower in PRONOUNS:
        return _phrase(tokens, text, pos, pos, "pronoun")
    if token.lower in STANDALONE_DETERMINERS and pos + 1 < limit and _opens_predicate(tokens[pos + 1]):
        # "Another notes …", "Others said …", "One added": a determiner standing for a
        # noun the sentence before named
        return _phrase(tokens, text, pos, pos, "description")
    if token.lower in DETERMINERS or (_is_possessive(token) and token.cap):
        end = pos
        head = None
        while end + 1 < limit and end - pos < 7:
            nxt = tokens[end + 1]
            if (
                nxt.lower in NOUN_LIKE_VERBS
                and end + 2 < limit
                and (tokens[end + 2].lower in SPEECH_VERBS or tokens[end + 2].lower in VERB_FILLERS)
            ):
                end += 1  # "the report stated", "the note says": the noun, then the verb
                head = end
                break
            if nxt.lower in NOUN_LIKE_VERBS and end + 2 < limit and tokens[end + 2].text in PHRASE_ENDS:
                end += 1  # "according to a White House pool report.": a noun that ends the phrase
                head = end
                break
            if nxt.kind != "w" or nxt.lower in NP_STOP or nxt.lower in SPEECH_VERBS:
                if nxt.lower in SPEECH_VERBS and head is not None and end > head and _is_plain_noun(tokens[end]):
                    head = end  # "one Trump confidant said": the noun before the verb heads the phrase
                break
            if head is not None and nxt.lower in ARTICLES:
                break  # "his campaign sent out a message": a new noun phrase, so a verb came between
            if end > pos and not nxt.cap and nxt.lower.endswith("ed") and not tokens[end].lower.endswith("ly"):
                break  # "the museum issued …", "Norway's premier Ola Berg hailed …": a verb ends it
            if nxt.lower in POST_MODIFIER_PREPS or nxt.lower in CITED or nxt.lower in ("familiar", "close"):
                break
            end += 1
            if _is_head(nxt):
                head = end
        if head is None:
            # "the email", "the release": any short noun phrase; the caller checks a verb follows
            if end == pos or end - pos > 3 or tokens[end].cap or tokens[end].lower.endswith("ly"):
                return None
            if token.lower in POSSESSIVE_DETERMINERS:
                return None
            head = end
        if tokens[head].lower in TIME_WORDS:
            return None  # "this week", "last month": when, not who
        head = _extend_post_modifier(tokens, head, limit)
        return _phrase(tokens, text, pos, head, "description")
    if not (_is_name_word(token) or _is_role_word(token)):
        return None
    end = pos
    last_name = pos if token.cap and not _is_role_word(token) else None
    while end + 1 < limit:
        nxt = tokens[end + 1]
        joins = nxt.lower in NAME_PARTICLES or (nxt.lower == "of" and _is_role_word(tokens[end]))
        if nxt.cap or _is_role_word(nxt) or (joins and end + 2 < limit and tokens[end + 2].cap):
            end += 1
            if nxt.cap and not _is_role_word(nxt):
                last_name = end
            elif nxt.cap:
                last_name = end
            continue
        break
    if last_name is None:
        return None
    if tokens[pos].lower in ROLE_MODIFIERS and not tokens[pos].cap and pos == last_name:
        return None
    if last_name == end and last_name - pos < 2:
        # "British musician Ada Vos", "Former Olympic skater Ada Vos": a capitalised
        # modifier, a lower-case noun, then the person's name; the run is a role
        role_end = _role_noun_run(tokens, end + 1, limit)
        if role_end is not None:
            person = phrase_forward(tokens, text, role_end + 1, limit)
            if person is not None and person.kind == "name" and len(person.name.split()) > 1:
                return _phrase(tokens, text, pos, person.last, "name")
    last_name = (
        _extend_post_modifier(tokens, last_name, limit) if not _looks_personal(tokens, pos, last_name) else last_name
    )
    return _phrase(tokens, text, pos, last_name, "name")


def _role_noun_run(tokens: Sequence[Token], pos: int, limit: int) -> int | None:
    """pos, when it holds one lower-case noun that a capitalised word follows:
    "skater" in "skater Ada Vos". Not a verb ("quotes Ada Vos", "named Ada Vos"),
    an adverb or a function word."""
    token = tokens[pos] if pos < limit else None
    if (
        token is None
        or pos + 1 >= limit
        or not tokens[pos + 1].cap
        or not _is_plain_noun(token)
        or token.lower.endswith(("ed", "s"))
        or token.lower in SPEECH_VERBS
        or token.lower in PREPOSITIONS
        or token.lower in ARTICLES
    ):
        return None
    return pos


def _opens_predicate(token: Token) -> bool:
    """Whether a word after a subject is its verb: a finite speech verb, an auxiliary
    or a past tense."""
    return (
        token.kind == "w"
        and not token.cap
        and (
            (token.lower in SPEECH_VERBS and not token.lower.endswith("ing"))
            or token.lower in VERB_FILLERS
            or token.lower.endswith("ed")
        )
    )


def _is_plain_noun(token: Token) -> bool:
    """A lower-case word that may end a noun phrase: not an adverb or auxiliary."""
    return (
        token.kind == "w"
        and not token.cap
        and not token.lower.endswith("ly")
        and token.lower not in VERB_FILLERS
        and token.lower not in NP_STOP
    )


def _looks_personal(tokens: Sequence[Token], first: int, last: int) -> bool:
    return not any(t.lower in ORG_NAME_WORDS for t in tokens[first : last + 1])


def phrase_backward(tokens: Sequence[Token], text: str, last: int, floor: int) -> Phrase | None:
    """A speaker phrase ending at token `last`: the subject before a speech verb."""
    last = _skip_parenthetical_back(tokens, last, floor)
    if last < floor or tokens[last].kind != "w":
        return None
    token = tokens[last]
    if token.lower in PRONOUNS:
        return _phrase(tokens, text, last, last, "pronoun")
    if token.lower == "who" and last - 2 >= floor and tokens[last - 1].text == ",":
        found = _who_antecedent(tokens, text, last, floor)
        if found is None:
            return None
        # The mention runs through the relative pronoun that is the verb's subject.
        return replace(found, last=last, end=token.end)
    if token.lower in QUANTITY_HEADS:
        return _quantity_backward(tokens, text, last, floor)
    if token.lower in NON_NAME_WORDS or token.lower in NP_STOP:
        return None
    if token.lower in TIME_WORDS:
        return None
    if not _is_head(token):
        # any noun after a determiner: "the email said", "an engineer cited by"
        look = last - 1
        while look >= floor and last - look <= 3 and tokens[look].kind == "w" and tokens[look].lower not in NP_STOP:
            if tokens[look].lower in POSSESSIVE_DETERMINERS:
                return None  # "his tax returns": a thing of his, not a source
            if tokens[look].lower in DETERMINERS or _is_possessive(tokens[look]):
                return _phrase(tokens, text, look, last, "description")
            look -= 1
        return None
    first = last
    determiner = False
    while first - 1 >= floor:
        prev = tokens[first - 1]
        if prev.kind != "w":
            break
        if prev.lower in DETERMINERS:
            first -= 1
            determiner = True
            break
        if prev.cap and prev.lower in NON_NAME_WORDS:
            break
        if (
            prev.cap
            or _is_role_word(prev)
            or prev.lower in PERSON_HEADS
            or prev.lower in ORG_HEADS
            or _is_possessive(prev)
        ):
            first -= 1
            continue
        if prev.lower in NAME_PARTICLES and first - 2 >= floor and tokens[first - 2].cap:
            first -= 1
            continue
        if prev.lower == "of" and first - 2 >= floor and _is_role_word(tokens[first - 2]):
            first -= 1  # "Secretary of State John Kerry"
            continue
        if (
            not prev.cap
            and prev.lower not in NP_STOP
            and prev.lower not in SPEECH_VERBS
            and not prev.lower.endswith("ly")
            and tokens[last].lower in (PERSON_HEADS | ORG_HEADS)
            and not token.cap
        ):
            # "a senior US official": a lower-case modifier inside a description
            look = first - 1
            while (
                look - 1 >= floor
                and tokens[look - 1].kind == "w"
                and tokens[look - 1].lower not in NP_STOP
                and first - look < 4
            ):
                if tokens[look - 1].lower in DETERMINERS:
                    first = look - 1
                    determiner = True
                    break
                look -= 1
            break
        break
    if determiner or (not token.cap and not any(t.cap for t in tokens[first : last + 1])):
        if not determiner and token.lower not in PERSON_HEADS and token.lower not in ORG_HEADS:
            return None
        return _phrase(tokens, text, first, last, "description")
    if not token.cap:
        # "Trump's campaign", "Clinton spokesman": a description around a name
        return _phrase(tokens, text, first, last, "description")
    return _through_cited(tokens, text, _phrase(tokens, text, first, last, "name"), floor)


def _who_antecedent(tokens: Sequence[Token], text: str, who: int, floor: int) -> Phrase | None:
    """Who ", who" stands for: "Lee, who said", "Lee on camera, who replied", "Ann Lee,
    a lawyer, who argues" (the appositive's person)."""
    pos = who - 2
    found = phrase_backward(tokens, text, pos, floor)
    if found is None or found.kind == "pronoun":
        # "Lee on camera, who …": past a short prepositional phrase
        look = pos
        while look > floor and pos - look < 4 and tokens[look].kind == "w" and tokens[look].lower not in PREPOSITIONS:
            look -= 1
        if look - 1 < floor or look == pos or tokens[look].lower not in PREPOSITIONS:
            return None
        found = phrase_backward(tokens, text, look - 1, floor)
        if found is None or found.kind != "name":
            return None
    found = _through_cited(tokens, text, found, floor)
    if found is None or found.kind == "pronoun":
        return None
    return found


def _quantity_backward(tokens: Sequence[Token], text: str, last: int, floor: int) -> Phrase | None:
    """ "most said", "only 52 percent said", "more than half say": a share of a group
    is the subject of a poll's finding. A bare "percent" without its number is not."""
    first = last
    while first - 1 >= floor and last - first < 4:
        prev = tokens[first - 1]
        if prev.kind != "w" or not (
            prev.lower[0].isdigit() or prev.lower in QUANTITY_MODIFIERS or prev.lower in DETERMINERS
        ):
            break
        first -= 1
    if first > floor and tokens[first - 1].kind == "w" and tokens[first - 1].lower not in NP_STOP | CLAUSE_OPENERS:
        return None  # "they both said", "the rivals both said": the quantity floats after its subject
    if tokens[last].lower == "percent" and first == last:
        return None
    return _phrase(tokens, text, first, last, "description")


def _through_cited(tokens: Sequence[Token], text: str, found: Phrase | None, floor: int) -> Phrase | None:
    """ "an official cited by Reuters, who": the speaker is the official, not Reuters."""
    if found is None or found.first - 2 < floor:
        return found
    if tokens[found.first - 1].lower == "by" and tokens[found.first - 2].lower in CITED:
        outer = phrase_backward(tokens, text, found.first - 3, floor)
        if outer is not None:
            return _phrase(tokens, text, outer.first, found.last, "description")
    return found


# ---------------------------------------------------------------- cues


def _skip_parenthetical_back(tokens: Sequence[Token], pos: int, floor: int) -> int:
    """Step back over "(D-Mo.)" after a name."""
    if pos >= floor and tokens[pos].text == ")":
        look = pos - 1
        while look >= floor and pos - look < 10:
            if tokens[look].text == "(":
                return look - 1
            look -= 1
    return pos


def _skip_parenthetical(tokens: Sequence[Token], pos: int, limit: int) -> int:
    if pos < limit and tokens[pos].text == "(":
        look = pos + 1
        while look < limit and look - pos < 10:
            if tokens[look].text == ")":
                return look + 1
            look += 1
    return pos


def _is_noun_use(tokens: Sequence[Token], pos: int, floor: int) -> bool:
    """ "Trump's comments", "the claims": a speech-verb form used as a noun."""
    if pos - 1 < floor:
        return False
    prev = tokens[pos - 1]
    if prev.lower in QUANTITY_HEADS and tokens[pos].lower not in NOUN_LIKE_VERBS:
        return False  # "most said", "many warned": a share of a group is the subject
    if prev.kind == "w" and (prev.lower in DETERMINERS or _is_possessive(prev)):
        return True  # "Rubio's proposed credit", "the stated goal"
    if tokens[pos].lower not in NOUN_LIKE_VERBS:
        return False
    return prev.kind == "w" and (
        prev.lower in DETERMINERS
        or prev.lower in ("his", "her", "their", "its", "our", "my", "your", "whose")
        or _is_possessive(prev)
        or (
            not prev.cap and prev.lower not in VERB_FILLERS and prev.lower not in PRONOUNS and prev.lower not in NP_STOP
        )
    )


def _skip_fillers_back(tokens: Sequence[Token], pos: int, floor: int) -> int:
    while (
        pos >= floor
        and tokens[pos].kind == "w"
        and (tokens[pos].lower in VERB_FILLERS or tokens[pos].lower.endswith("ly") and not tokens[pos].cap)
    ):
        pos -= 1
    return pos


def _subject_before_verb(tokens: Sequence[Token], text: str, verb: int, floor: int) -> Phrase | None:
    pos = _skip_fillers_back(tokens, verb - 1, floor)
    pos = _skip_parenthetical_back(tokens, pos, floor)
    if pos < floor:
        return None
    if tokens[pos].text == "," and pos - 1 >= floor:
        # "Name, the campaign's press secretary, noted" / "Name, 45, said"
        opening = pos - 1
        while opening >= floor and tokens[opening].text != "," and pos - opening < 25:
            if tokens[opening].kind == "q" or tokens[opening].text == ";":
                opening = floor - 1
                break
            opening -= 1
        if opening >= floor and tokens[opening].text == ",":
            found = _through_post_modifier(tokens, text, phrase_backward(tokens, text, opening - 1, floor), floor)
            if found is not None:
                return _appositive_name(tokens, text, found, opening + 1, pos)
        return None
    relative = _relative_clause_subject(tokens, text, pos, floor)
    if relative is not None:
        return relative
    found = phrase_backward(tokens, text, pos, floor)
    if found is None and _is_plain_noun(tokens[pos]):
        # "41 percent of renters said": a bare noun is the subject only through its head
        return _outermost_speaker(tokens, text, _phrase(tokens, text, pos, pos, "description"), floor)
    return _through_post_modifier(tokens, text, found, floor)


def _through_post_modifier(tokens: Sequence[Token], text: str, found: Phrase | None, floor: int) -> Phrase | None:
    """ "a spokesman for the ministry said", "a person familiar with the talks said",
    "a woman in the crowd at a rally in Ohio said": the phrase before the verb is the
    object of a preposition; the subject is the outermost noun of the chain of
    prepositional phrases that can speak."""
    if found is None or found.kind == "pronoun":
        return found
    return _outermost_speaker(tokens, text, found, floor) or found


def _outermost_speaker(tokens: Sequence[Token], text: str, found: Phrase, floor: int) -> Phrase | None:
    """The outermost phrase that can speak of the chain that found is the last object
    of, reaching to the end of found; None when none can."""
    inner, best = found, None
    for _ in range(4):
        prep = inner.first - 1
        if prep - 1 < floor or not (
            tokens[prep].lower in POST_MODIFIER_PREPS
            or (tokens[prep].lower == "by" and tokens[prep - 1].lower in CITED)
        ):
            break
        head = prep - 1
        if tokens[head].lower in SOURCE_ADJECTIVES or (tokens[prep].lower == "by" and tokens[head].lower in CITED):
            head -= 1  # "a person familiar with", "a letter obtained by"
        if head < floor:
            break
        outer = phrase_backward(tokens, text, head, floor)
        if outer is None or outer.kind == "pronoun" or outer.last != head:
            break
        if tokens[prep].lower == "to" and tokens[head].lower in DOCUMENT_HEADS:
            break  # "a message to supporters": addressed to them, sent by someone else
        if _may_speak(tokens, outer):
            best = (
                replace(outer, last=found.last, end=found.end, text=text[outer.start : found.end])
                if outer.kind == "name"
                else _phrase(tokens, text, outer.first, found.last, "description")
            )
        inner = outer
    return best


def _may_speak(tokens: Sequence[Token], phrase: Phrase) -> bool:
    """Whether a phrase can be a source: a person's name, or a description headed by
    a person, an organisation, a document or a share of a group."""
    if phrase.kind == "name":
        # a person's full name, or an organisation's; a lone word may be a place
        words = [_bare_word(w) for w in phrase.name.split()]
        return any(w in ORG_HEADS for w in words) or (len(words) > 1 and not any(w in ORG_NAME_WORDS for w in words))
    head = tokens[phrase.last].lower
    return head in PERSON_HEADS or head in ORG_HEADS or head in TITLE_WORDS or head in QUANTITY_HEADS


def _relative_clause_subject(tokens: Sequence[Token], text: str, pos: int, floor: int) -> Phrase | None:
    """ "An official who asked not to be named said": a subject that opens the clause
    and carries a restrictive relative clause; the words just before the verb belong
    to the relative clause. The mention runs from the subject to the verb."""
    for who in range(pos, max(floor, pos - 25), -1):
        token = tokens[who]
        if token.kind == "q" or token.text in (";", ":"):
            return None
        if token.lower != "who" or tokens[who - 1].kind != "w":
            continue
        found = phrase_backward(tokens, text, who - 1, floor)
        if found is None or found.kind == "pronoun":
            continue  # "… and who did not want to be named": an earlier "who" may open it
        if (
            found.first == floor
            or tokens[found.first - 1].text == ","
            or tokens[found.first - 1].lower in CLAUSE_OPENERS
        ):
            break
        return None  # "… told police the man who was arrested said": not the clause's subject
    else:
        return None
    if found.kind == "name":
        return replace(found, last=pos, end=tokens[pos].end, text=text[found.start : tokens[pos].end])
    return _phrase(tokens, text, found.first, pos, "description")


def _appositive_role(tokens: Sequence[Token], text: str, found: Phrase, limit: int) -> str | None:
    """The title an appositive gives a name, so that "the Kremlin spokesman" later
    means him: "Dmitry Peskov, the Kremlin spokesman, said" -> "Kremlin spokesman";
    "Ann Lee, Ruritania's ambassador to Ghent," -> "Ruritania's ambassador". A person
    described otherwise ("the mother of two") holds no title."""
    comma = found.last + 1
    if comma + 1 >= limit or tokens[comma].text != ",":
        return None
    role = phrase_forward(tokens, text, comma + 1, limit)
    if role is None or role.kind != "description":
        return None
    after = role.last + 1
    if after < limit and tokens[after].text not in (",", ".", ";", ")", "—", "–"):
        return None  # "Lee, the envoy said": the envoy is the subject of a new clause
    head = next(
        (p - 1 for p in range(role.first + 1, role.last + 1) if tokens[p].lower in POST_MODIFIER_PREPS), role.last
    )  # "ambassador to Ghent": the noun before its post-modifier
    first = role.first + 1 if tokens[role.first].lower in DETERMINERS else role.first
    if head < first or tokens[head].lower.rstrip(".") not in TITLE_WORDS:
        return None
    return text[tokens[first].start : tokens[head].end]


def _appositive_name(tokens: Sequence[Token], text: str, found: Phrase, first: int, comma: int) -> Phrase:
    """ "Lee's attorney, Tom Coan, said": a description followed by a name in commas is
    that person. The mention runs over both."""
    if found.kind != "description" or first >= comma:
        return found
    name = phrase_forward(tokens, text, first, comma)
    if name is None or name.kind != "name" or name.last + 1 != comma or not _may_speak(tokens, name):
        return found
    return replace(name, first=found.first, start=found.start, text=text[found.start : name.end])


def _cue_after(
    tokens: Sequence[Token], text: str, pos: int, limit: int, *, comma_before: bool = False
) -> tuple[Phrase, Token] | None:
    """`,” he said` / `,” said Name` / `,” Name, the ..., said` / `according to X`."""
    while pos < limit and tokens[pos].kind == "p" and tokens[pos].text in ",—–-(":
        pos += 1
    if pos >= limit or tokens[pos].kind != "w":
        return None
    token = tokens[pos]
    if token.lower == "according" and pos + 1 < limit and tokens[pos + 1].lower == "to":
        found = phrase_forward(tokens, text, pos + 2, limit)
        return (found, token) if found else None
    if token.lower in INVERTIBLE_VERBS or (
        comma_before
        and (token.lower.endswith("ed") or token.lower in SPEECH_VERBS)
        and not token.cap
        and not token.lower.endswith("ing")  # `“…,” blaming Lee`: a participle's object, never its subject
    ):
        found = phrase_forward(tokens, text, pos + 1, limit, lower_prefix=token.lower in INVERTIBLE_VERBS)
        if found is not None and (
            token.lower in INVERTIBLE_VERBS or found.kind == "name" or _ends_sentence(tokens, found.last + 1, limit)
        ):
            # `“Enough!” roared the crowd outside.`: a verb and a phrase that end the
            # sentence after the quote are its speaker, inverted
            return found, token
        return None
    found = phrase_forward(tokens, text, pos, limit)
    if found is None:
        return None
    verb = _skip_parenthetical(tokens, found.last + 1, limit)
    if found.kind == "name":
        found, verb = _name_before_verb(tokens, text, found, verb, limit)
    if verb < limit and tokens[verb].text == ",":
        # an appositive between subject and verb, perhaps with commas of its own:
        # `Harry Bond, 30, of Raleigh, N.C., who was polled, said`
        look = verb + 1
        while look < limit and look - verb < 30 and tokens[look].kind != "q":
            if tokens[look].text == "," and look + 1 < limit:
                after = look + 1
                while (
                    after < limit
                    and tokens[after].kind == "w"
                    and (tokens[after].lower in VERB_FILLERS or tokens[after].lower.endswith("ly"))
                ):
                    after += 1
                if after < limit and tokens[after].lower in SPEECH_VERBS:
                    # `“…,” the country's president, Ada Vos, said`: the name in commas
                    found = _appositive_name(tokens, text, found, verb + 1, look)
                    verb = look + 1
                    break
            look += 1
    while (
        verb < limit
        and tokens[verb].kind == "w"
        and (tokens[verb].lower in VERB_FILLERS or tokens[verb].lower.endswith("ly"))
    ):
        verb += 1
    if verb < limit and tokens[verb].lower in SPEECH_VERBS and not tokens[verb].lower.endswith("ing"):
        return found, tokens[verb]
    if (
        comma_before
        and verb < limit
        and tokens[verb].kind == "w"
        and tokens[verb].lower.endswith("ed")
        and not tokens[verb].cap
    ):
        return found, tokens[verb]  # `“…,” Trump barked`: any verb after a quote's comma
    return None


def _ends_sentence(tokens: Sequence[Token], pos: int, limit: int) -> bool:
    return pos >= min(limit, len(tokens)) or tokens[pos].text in (".", "!", "?")


def _name_before_verb(tokens: Sequence[Token], text: str, found: Phrase, verb: int, limit: int) -> tuple[Phrase, int]:
    """Where a name that opens a clause after a quote really ends, and its verb:
    `Ann Lee of the Sierra Club said` (a post-modifier of the person) and `Dover
    athletic director Bo Marsh said` (lower-case role words between an affiliation
    and the name). Unchanged when no speech verb follows such a run."""
    look = verb
    if look + 1 < limit and tokens[look].lower in ("of", "from", "at"):
        end = _name_run_end(tokens, look + 2 if tokens[look + 1].lower == "the" else look + 1, limit)
        if end is not None and end + 1 < limit and tokens[end + 1].lower in SPEECH_VERBS:
            return found, end + 1
        return found, verb
    while look < limit and look - verb < 8 and tokens[look].kind == "w":
        if tokens[look].lower in SPEECH_VERBS:
            if look > verb and tokens[look - 1].cap and not _is_role_word(tokens[look - 1]):
                first = look - 1
                while first - 1 > found.first and tokens[first - 1].cap and not _is_role_word(tokens[first - 1]):
                    first -= 1
                # the whole run is the mention; its last capitalised words the name
                phrase = _phrase(tokens, text, found.first, look - 1, "name")
                role = text[tokens[found.first].start : tokens[first - 1].end] if first > found.first else ""
                return replace(phrase, role=role, name=text[tokens[first].start : tokens[look - 1].end]), look
            break
        if tokens[look].lower in NP_STOP:
            break
        look += 1
    return found, verb


def _cue_before(tokens: Sequence[Token], text: str, qpos: int, floor: int) -> tuple[Phrase, Token] | None:
    """`Name said: “…”`, `He vowed that … “…”`, `X, who judged it “…”`."""
    pos = qpos - 1
    fallback: tuple[Phrase, Token] | None = None
    while pos >= floor:
        token = tokens[pos]
        if token.kind == "q":
            pos -= 1
            continue
        weak = (token.lower in WEAK_SPEECH_VERBS and qpos - pos > 3) or (
            # "continued to pay", "is continuing to fight": a verb of going on, no speech
            token.lower in INTRANSITIVE_SPEECH_VERBS and tokens[pos + 1].lower == "to"
        )
        if (
            token.kind == "w"
            and token.lower in SPEECH_VERBS
            and token.lower not in NOUN_ONLY_VERBS
            and (not token.cap or (pos == floor and token.lower in INVERTIBLE_VERBS))
            and not weak
            and not _is_noun_use(tokens, pos, floor)
        ):
            found = None
            if token.lower.endswith("ing") and pos - 1 >= floor and tokens[pos - 1].text == ",":
                # "…, saying that …": the main clause's subject speaks
                if (
                    pos - 2 >= floor
                    and tokens[pos - 2].lower in SPEECH_VERBS
                    and not _is_noun_use(tokens, pos - 2, floor)  # "recites the campaign points, calling"
                ):
                    found = _subject_before_verb(tokens, text, pos - 2, floor)  # "Nefzi said, adding"
                if found is None:
                    found = _clause_pronoun(tokens, text, floor, pos - 1)
                if found is None:
                    found = _sentence_subject(tokens, text, floor, pos - 1)
            if found is None:
                found = _subject_before_verb(tokens, text, pos, floor)
                if (
                    found is not None
                    and found.kind == "description"
                    and token.lower.endswith("ing")
                    and _is_sent_object(tokens, found, floor)
                ):
                    # "she sent an email saying", "the campaign issued a release to donors
                    # saying": the sender speaks, not the document or its addressee
                    sender = _clause_pronoun(tokens, text, floor, found.first) or _sentence_subject(
                        tokens, text, floor, found.first
                    )
                    if sender is not None:
                        found = sender
            if found is None and pos - 1 >= floor and tokens[pos - 1].lower == "and":
                # "Lee denounced it and said", "when asked, he laughed and said"
                found = _clause_pronoun(tokens, text, floor, pos - 1) or _sentence_subject(tokens, text, floor, pos)
            if found is None and pos + 1 < qpos and tokens[pos + 1].kind == "w" and token.lower in INVERTIBLE_VERBS:
                # inverted: "said Kremlin spokesman Dmitry Peskov: “…”"
                found = phrase_forward(tokens, text, pos + 1, qpos, lower_prefix=True)
                if found is not None and (found.kind == "pronoun" or _heads_reported_clause(tokens, found, qpos)):
                    # `Lee, 31, said the council “…”`: the phrase after the verb is what
                    # was said about; the verb's own subject sits earlier in the sentence
                    found = _sentence_subject(tokens, text, floor, pos)
            if found is not None:
                if fallback is not None and any(t.kind == "q" for t in tokens[pos + 1 : fallback[0].first]):
                    # `what he called “x,” voiced in his demand: “y”`: the verb's own quote
                    # came between; the speech noun frames this one
                    return fallback
                return found, token
        if token.kind == "w" and token.lower == "according" and pos + 1 < qpos and tokens[pos + 1].lower == "to":
            found = phrase_forward(tokens, text, pos + 2, qpos)
            if found is not None:
                return found, token
        if (
            fallback is None
            and token.kind == "w"
            and token.lower in SPEECH_NOUNS
            and pos + 1 <= qpos
            and (
                tokens[pos + 1].kind == "q"
                or tokens[pos + 1].lower in ("that", "of", ":", ",")
                or _adjunct_then_content(tokens, pos + 1, qpos)
            )
        ):
            found = _possessor(tokens, text, pos, floor)
            if found is not None:
                fallback = (found, token)
        if (
            fallback is None
            and token.kind == "w"
            and token.lower in SPEECH_NOUNS
            and pos + 2 < qpos
            and tokens[pos + 1].lower in ("by", "from", "of")
        ):
            found = _noun_agent(tokens, text, pos + 2, qpos)
            if found is not None:
                fallback = (found, token)
        pos -= 1
    # "Lee's warning that the plan is “reckless”": the owner of what was said,
    # when no speech verb in the sentence names anyone else.
    return fallback


def _adjunct_then_content(tokens: Sequence[Token], pos: int, qpos: int) -> bool:
    """Whether a speech noun's adjunct runs from pos to what was said: "his demand in
    Berlin in 1987: “…”", "her remark at a debate that …"."""
    if tokens[pos].lower not in ("in", "at", "on", "during"):
        return False
    look = pos + 1
    while look < qpos and look - pos <= 8:
        token = tokens[look]
        if token.text == ":" or token.lower == "that":
            return True
        if token.kind != "w" or (token.lower in NP_STOP and token.lower not in PREPOSITIONS):
            return False
        if not token.cap and (token.lower in SPEECH_VERBS or token.lower.endswith("ed")):
            return False
        look += 1
    return False


def _heads_reported_clause(tokens: Sequence[Token], found: Phrase, qpos: int) -> bool:
    """Whether a phrase after a speech verb is the subject of the clause it reports:
    a verb follows it (`said the plan was “…”`, `said the plan “badly” failed`) rather than the
    punctuation or time that ends an inverted subject (`said Ann Lee on Friday: “…”`)."""
    nxt = found.last + 1
    if nxt < qpos:
        token = tokens[nxt]
        return token.kind == "w" and token.lower not in PREPOSITIONS and token.lower not in TIME_WORDS
    after = tokens[qpos + 1] if qpos + 1 < len(tokens) else None
    return after is not None and after.kind == "w" and not after.cap


# Conjunctions that open an adverbial clause before its subject: "as they", "when Lee".
CLAUSE_SUBORDINATORS = frozenset(
    "as when whenever while after before because since once though although if unless until whereas such even".split()
)
CLAUSE_LINKS = CLAUSE_SUBORDINATORS | {"and", "but", "yet"}
# Words before a clause's subject pronoun that show it is no subordinate report:
# "said he", "that he", "told him he".
REPORT_MARKERS = frozenset({"that", "if", "whether"})
SUBORDINATORS = frozenset(
    """after before when whenever until unless since because as once while how what why
    where who which whom so than""".split()
)


def _clause_pronoun(tokens: Sequence[Token], text: str, floor: int, end: int) -> Phrase | None:
    """The personal pronoun that is the subject of the clause ending just before
    `end`: "…, though last week he used stronger words, saying …" -> "he". Only a
    pronoun directly followed by a lower-case verb, not one reported by a speech verb."""
    pos = end - 1
    while pos >= floor and end - pos <= 14:
        token = tokens[pos]
        if token.kind == "q" or token.text in (";", ":"):
            return None
        if token.kind == "w" and token.lower in PRONOUNS and token.lower != "it":
            nxt = tokens[pos + 1] if pos + 1 < end else None
            prev = tokens[pos - 1] if pos - 1 >= floor else None
            if nxt is None or nxt.kind != "w" or nxt.cap:
                return None
            if prev is not None and (prev.lower in SPEECH_VERBS or prev.lower in REPORT_MARKERS):
                return None
            if prev is None or prev.lower not in SUBORDINATORS:
                return _phrase(tokens, text, pos, pos, "pronoun")
            # "after they came out", "how he planned": a subordinate clause's subject
        pos -= 1
    return None


def _is_sent_object(tokens: Sequence[Token], found: Phrase, floor: int) -> bool:
    """Whether a description is a document or an addressee after a verb or "to": the
    object of "sent out a press release", "wrote to supporters"."""
    head = tokens[found.last].lower
    before = tokens[found.first - 1] if found.first - 1 >= floor else None
    if before is None or before.kind != "w" or before.cap:
        return False
    if head in DOCUMENT_HEADS:
        return before.lower not in DETERMINERS and before.lower not in PREPOSITIONS
    return before.lower == "to" and found.first - 2 >= floor and tokens[found.first - 2].kind == "w"


def _noun_agent(tokens: Sequence[Token], text: str, pos: int, qpos: int) -> Phrase | None:
    """The source after a speech noun: "the claim by officials that", "a statement from
    the ministry:", "the contention of Senator Lee that". Only a phrase that can speak
    and that the reported words follow directly, so "a description of the plan as" is not."""
    found = phrase_forward(tokens, text, pos, qpos, lower_prefix=True)
    if found is None or found.kind == "pronoun" or not _may_speak(tokens, found):
        return None
    after = found.last + 1
    if after < qpos and tokens[after].lower not in ("that", ":", ","):
        return None
    return found


def _possessor(tokens: Sequence[Token], text: str, noun: int, floor: int) -> Phrase | None:
    """The owner of a speech noun: "Lee's warning", "his blunt description", "the
    agency's own assessment"; None when the noun has no possessive before it."""
    look = noun - 1
    while look >= floor and noun - look <= 3 and tokens[look].kind in ("w", "q"):
        token = tokens[look]
        if token.lower in POSSESSIVE_DETERMINERS:
            return _phrase(tokens, text, look, look, "pronoun")
        if _is_possessive(token):
            found = phrase_backward(tokens, text, look, floor)
            if found is not None and found.kind != "pronoun":
                return found
            return None
        if token.kind == "w" and (token.cap or token.lower in NP_STOP or token.lower in DETERMINERS):
            return None
        look -= 1
    return None


def _sentence_subject(tokens: Sequence[Token], text: str, floor: int, qpos: int) -> Phrase | None:
    """The subject a partial quote hangs on: `Cruz blamed the law on “…”`, the nearest
    clause's: `Lee calls it “x,” while Ray refers to it as “y”` gives “y” to Ray."""
    # The subject opens the sentence or a clause after a comma: "On Monday, ...",
    # "Speaking in Salem, New Hampshire, Trump went after ...", "…, while Ray …".
    starts = [floor] + [
        p + 1
        for p in range(floor, min(qpos, floor + 30))
        if tokens[p].text in (",", "—", "–", "--", ":") or (tokens[p].kind == "q" and _ends_in_comma(tokens[p]))
    ]
    if floor < qpos and tokens[floor].lower in CLAUSE_OPENERS:
        starts.insert(1, floor + 1)  # "And Lee gloated: “…”"
    # A clause a conjunction opens after a comma, and that holds the quote, comes first:
    # `Lee calls it “x,” while Ray refers to it as “y”`.
    clauses = [p for p in starts[1:] if p < qpos and _past_subordinator(tokens, p, qpos) > p]
    for pos in clauses[::-1] + starts:
        if pos >= qpos:
            continue
        pos = _past_subordinator(tokens, pos, qpos)
        found = phrase_forward(tokens, text, pos, qpos)
        if found is None or found.last + 1 >= qpos:
            continue
        if found.kind == "name" and found.first == found.last and tokens[pos].lower.endswith("ing"):
            continue  # "Following the meeting, …", "Facing criticism, …": a participle
        if found.kind == "pronoun" and found.text.lower() == "it":
            return None
        if found.kind == "name" and found.text.isupper() and pos == floor:
            continue  # a dateline, "KYIV, Ukraine (AP) —": where the story was filed, not who spoke
        verb_pos = _skip_subject_modifiers(tokens, found, qpos)
        if verb_pos + 1 < qpos and tokens[verb_pos].lower == "and" and found.kind != "pronoun":
            # "Ann Lee of Ohio and Tom Ray of Iowa proposed a “flat tax”": a coordinated
            # subject; the first person named speaks for both, the mention covers both
            other = phrase_forward(tokens, text, verb_pos + 1, qpos)
            if other is not None and other.kind == found.kind:
                verb_pos = _skip_subject_modifiers(tokens, other, qpos)
                found = replace(found, last=other.last, end=other.end, text=text[found.start : other.end])
        if verb_pos >= qpos:
            continue
        verb = tokens[verb_pos]
        if (
            verb.kind == "w"
            and not verb.cap
            and (verb.lower in SPEECH_VERBS or verb.lower not in NP_STOP - VERB_FILLERS)
            and verb.lower not in PREPOSITIONS
        ):
            return found
        if verb.text == "," and found.kind == "name" and pos == floor:
            subject = _subject_after_appositive(tokens, text, found, qpos)
            if subject is not None:
                return subject
            # not "Name, the ..., verb": perhaps "Already, Name verb" after an opener
    return None


def _ends_in_comma(quote: Token) -> bool:
    """A quote whose comma sits inside its marks: `On “Face the Nation,” Lee said`."""
    return quote.text.rstrip("”\"'’ ").endswith(",")


def _past_subordinator(tokens: Sequence[Token], pos: int, qpos: int) -> int:
    """Past the conjunction that opens a subordinate clause the quote lies in: "As they
    weighed the “deal” …", "such as when Lee called him a “moderate”". A clause that
    closes with a comma before the quote is not the quote's: the main clause after it is."""
    look = pos
    while look < qpos and look - pos < 3 and tokens[look].lower in CLAUSE_LINKS:
        look += 1
    if look == pos or any(tokens[p].kind == "p" for p in range(look, qpos)):
        return pos
    return look


def _skip_time(tokens: Sequence[Token], pos: int, limit: int) -> int:
    """Step over "on Tuesday", "last week", "Friday night", "earlier this month"."""
    start = pos
    if pos < limit and tokens[pos].lower in ("on", "this", "last", "next", "late", "early", "earlier", "later"):
        pos += 1
        if pos < limit and tokens[pos].lower in ("this", "last", "next"):
            pos += 1
    if pos < limit and tokens[pos].lower in TIME_WORDS:
        pos += 1
        while pos < limit and tokens[pos].lower in TIME_WORDS:
            pos += 1
        return pos
    return start


def _skip_subject_modifiers(tokens: Sequence[Token], found: Phrase, limit: int) -> int:
    """The verb after a subject, past what may sit between them: "(D-Ohio)",
    "of the Sierra Club", "on Tuesday", ", who led the talks,", "also"."""
    pos = _skip_parenthetical(tokens, found.last + 1, limit)
    if (
        found.kind != "pronoun"
        and pos + 1 < limit
        and tokens[pos].lower in ("of", "from", "at")
        and (tokens[pos + 1].cap or tokens[pos + 1].lower == "the")
    ):
        end = _name_run_end(tokens, pos + 2 if tokens[pos + 1].lower == "the" else pos + 1, limit)
        if end is not None:
            pos = end + 1
    elif found.kind == "description" and pos + 1 < limit and tokens[pos].lower == "of":
        pos = _skip_noun_list(tokens, pos + 1, limit)  # "a group of 60 writers, actors and scientists"
    pos = _skip_time(tokens, pos, limit)
    if pos < limit and tokens[pos].text == "," and found.kind != "pronoun":
        look = pos + 1
        while look < limit and tokens[look].text != "," and tokens[look].kind != "q" and look - pos < 25:
            look += 1
        if look + 1 < limit and tokens[look].text == ",":
            pos = look + 1
    while (
        pos < limit
        and tokens[pos].kind == "w"
        and (tokens[pos].lower in VERB_FILLERS or tokens[pos].lower.endswith("ly"))
    ):
        pos += 1
    return pos


def _skip_noun_list(tokens: Sequence[Token], pos: int, limit: int) -> int:
    """Past the nouns of an "of" phrase, a list perhaps: "67 artists, writers and
    actors". Stops at a verb form, a determiner or a time word."""
    start = pos
    while pos < limit and pos - start < 14:
        token = tokens[pos]
        if token.text == "," or token.lower == "and":
            if pos == start or pos + 1 >= limit or tokens[pos + 1].kind != "w":
                break
        elif (
            token.kind != "w"
            or token.lower in NP_STOP
            or token.lower in DETERMINERS
            or token.lower in TIME_WORDS
            or token.lower in SPEECH_VERBS
            or token.lower.endswith(("ed", "ly"))
        ):
            break
        pos += 1
    while pos > start and (tokens[pos - 1].text == "," or tokens[pos - 1].lower == "and"):
        pos -= 1
    return pos


def _subject_after_appositive(tokens: Sequence[Token], text: str, found: Phrase, qpos: int) -> Phrase | None:
    look = found.last + 2
    while look < qpos and tokens[look].text != "," and look - found.last < 25:
        look += 1
    if look + 1 < qpos and tokens[look + 1].kind == "w" and not tokens[look + 1].cap:
        return found
    return None


# ---------------------------------------------------------------- the article


class _Article:
    def __init__(self, paragraphs: Sequence[str], known_roles: Mapping[str, str] | None) -> None:
        self.paragraphs = list(paragraphs)
        # An article that quotes with double marks uses single ones for a quote inside a quote.
        self.double_marks = quotes_with_double_marks(self.paragraphs)
        self.register = ArticleSpeakers(dict(known_roles or {}))
        self.mentions: list[Mention] = []
        self.sentence_counter = 0
        # What the article shows of each person's gender: "Mrs. Lee", "Ann Lee".
        self.genders: dict[str, str] = {}

    def _gender(self, canonical: str, words: Sequence[Token]) -> str | None:
        """The gender a mention shows (an honorific, else a common first name), kept
        for the person so that a later bare-surname mention still has it."""
        gender = None
        for token in words:
            gender = HONORIFIC_GENDER.get(token.lower.rstrip("."))
            if gender is not None:
                break
        if gender is None:
            gender = first_name_gender(canonical)
        if gender is not None:
            self.genders.setdefault(canonical, gender)
            return gender
        return self.genders.get(canonical)

    # -- people named in running text

    def _scan_names(
        self, p_index: int, tokens: Sequence[Token], sentences: Sequence[int], text: str, upto: int, start: int
    ) -> int:
        """Register the people named in tokens[start:upto]; return upto."""
        pos = start
        while pos < upto:
            token = tokens[pos]
            if token.lower in INVERTIBLE_VERBS:
                pos += 1  # "Stated Holt:" is not a person called "Stated Holt"
                continue
            if (
                token.cap
                and (pos == 0 or sentences[pos] != sentences[pos - 1])
                and token.lower in TITLED_SUBJECT_OPENERS
            ):
                self._remember_subject(p_index, sentences[pos], pos, tokens, text, upto)
            if token.kind == "w" and (token.cap or _is_role_word(token)) and (pos == 0 or not tokens[pos - 1].cap):
                found = phrase_forward(tokens, text, pos, upto)
                if found is not None and found.kind == "name":
                    canonical = self._remember(p_index, sentences[pos], pos, found, tokens)
                    role = _appositive_role(tokens, text, found, upto) if canonical else None
                    if role:
                        self.register.add(canonical, role=role, position=p_index * 100000 + found.start)
                    pos = found.last + 1
                    continue
            pos += 1
        return upto

    def _remember_subject(
        self, p_index: int, sentence: int, pos: int, tokens: Sequence[Token], text: str, upto: int
    ) -> None:
        """A sentence that opens with "He" or "The minister" has that person as its
        subject, ahead of anyone it names later (`He accused Lee of …`)."""
        found = phrase_forward(tokens, text, pos, upto)
        if found is None:
            return
        verb = _skip_subject_modifiers(tokens, found, upto)
        if verb >= upto or not _opens_predicate(tokens[verb]):
            return
        sentence += self.sentence_counter
        if found.kind == "pronoun":
            gender = PRONOUNS.get(found.text.lower())
            name = self._most_salient(gender, p_index, sentence, pos) if gender in ("m", "f") else None
        elif found.kind == "description":
            head = found.last
            while head > found.first + 1 and tokens[head - 1].lower not in POST_MODIFIER_PREPS:
                head -= 1  # "the Secretary of State": the office before its "of"
            head = head - 2 if head > found.first + 1 else found.last
            if tokens[head].lower not in TITLE_WORDS or tokens[head].lower in ANONYMOUS_HEADS:
                return
            name = self.register.by_role(found.text)
        else:
            return
        if name is not None:
            self._mention_subject(name, p_index, sentence, pos)

    def _remember(self, p_index: int, sentence: int, order: int, found: Phrase, tokens: Sequence[Token]) -> str | None:
        name, role = found.name, found.role
        if not name:
            return None
        words = name.split()
        org = _names_organisation(words)
        first = tokens[found.first]
        sentence_initial = order == 0 or tokens[found.first - 1].kind == "p" if found.first > 0 else True
        known = self.register.lookup(name)
        personal_title = bool(role) and not org
        honorific = any(t.lower in HONORIFICS for t in tokens[found.first : found.last + 1])
        if known is None and not personal_title and not honorific:
            if org or len(words) < 2 or len(words) > 4 or any(w.isupper() and len(w) > 1 for w in words):
                return None
            if first.lower in NON_NAME_WORDS and sentence_initial:
                return None
            if found.first > 0 and tokens[found.first - 1].lower == "the":
                return None  # "the Super Bowl", "the Black Sea": no person goes by "the" and a name
        if known is not None and self.register.kind_of(name) != "person":
            return None
        position = p_index * 100000 + found.start
        canonical = self.register.add(name, role=role, position=position)
        self.mentions.append(
            Mention(
                name=canonical,
                paragraph=p_index,
                sentence=self.sentence_counter + sentence,
                order=order,
                gender=self._gender(canonical, tokens[found.first : found.last + 1]),
            )
        )
        return canonical

    # -- resolution

    def _resolve_pronoun(
        self, pronoun: str, p_index: int, sentence: int, order: int, last_speaker: Speaker | None
    ) -> str | None:
        gender = PRONOUNS.get(pronoun)
        if gender not in ("m", "f"):
            return None
        best = self._most_salient(gender, p_index, sentence, order)
        if best is None:
            return None
        return best

    def _previous_paragraph_subject(self, p_index: int) -> str | None:
        """The first person named in the last sentence of the previous paragraph that names one."""
        best: Mention | None = None
        for mention in reversed(self.mentions):
            if mention.paragraph < p_index - 1:
                break
            if mention.paragraph != p_index - 1:
                continue
            if best is not None and mention.sentence != best.sentence:
                break
            best = mention
        return best.name if best else None

    def _most_salient(self, gender: str | None, p_index: int, sentence: int, order: int) -> str | None:
        """The subject of the most recent sentence that names a suitable person."""
        best: Mention | None = None
        # A pronoun's antecedent is a few sentences back at most; the bound keeps a
        # pronoun whose gender nobody matches from reading every mention before it.
        for mention in islice(reversed(self.mentions), SALIENCE_LOOKBACK):
            if (mention.sentence, mention.order) >= (sentence, order) and mention.paragraph == p_index:
                continue
            known = self.genders.get(mention.name, mention.gender)
            if gender is not None and known is not None and known != gender:
                continue
            if best is None:
                best = mention
                continue
            if mention.sentence != best.sentence:
                break
            if mention.order <= best.order:
                best = mention  # leftmost in the sentence: the subject
        return best.name if best else None

    def _classify(
        self,
        found: Phrase,
        p_index: int,
        sentence: int,
        order: int,
        tokens: Sequence[Token],
        text: str,
        last_speaker: Speaker | None,
    ) -> Speaker:
        mention = (found.start, found.end)
        if found.kind == "pronoun":
            word = found.text.lower()
            word = POSSESSIVE_DETERMINERS.get(word, word)
            if word in PLURAL_PRONOUNS or word == "it":
                if (
                    last_speaker is not None
                    and (last_speaker.speaker or last_speaker.description)
                    and not (last_speaker.speaker and last_speaker.speaker_kind == "person")
                ):
                    # "it" and "they" are never one named person: the ministry or the
                    # family the sentence is about
                    return replace(
                        last_speaker,
                        attribution="pronoun" if last_speaker.speaker else last_speaker.attribution,
                        mention=mention,
                    )
                return Speaker(attribution="pronoun", description=found.text, mention=mention)
            name = self._resolve_pronoun(word, p_index, sentence, order, last_speaker)
            if name is None:
                return Speaker(attribution="pronoun", description=found.text, mention=mention)
            self._mention_subject(name, p_index, sentence, order)
            return Speaker(
                attribution="pronoun", speaker=name, speaker_kind=self.register.kind_of(name), mention=mention
            )
        if found.kind == "name":
            words = found.name.split()
            org = _names_organisation(words) or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1)
            if org and not found.role:
                name = found.text if found.text.split()[0].lower() != "the" else found.text
                return Speaker(
                    attribution="named", speaker=name.strip(" ,.’'"), speaker_kind="organisation", mention=mention
                )
            position = p_index * 100000 + found.start
            canonical = self.register.lookup(found.name) if not found.role else None
            if canonical is None:
                canonical = self.register.add(found.name, role=found.role, position=position)
            else:
                self.register.touch(canonical, position)
            self.mentions.append(
                Mention(
                    name=canonical,
                    paragraph=p_index,
                    sentence=sentence,
                    order=-1,
                    gender=self._gender(canonical, tokens[found.first : found.last + 1]),
                )
            )
            return Speaker(attribution="named", speaker=canonical, speaker_kind="person", mention=mention)
        promoted = _name_in_description(found)
        if promoted is not None:
            return self._classify(promoted, p_index, sentence, order, tokens, text, last_speaker)
        return self._classify_description(found, mention, p_index, sentence, order)

    def _mention_subject(self, name: str, p_index: int, sentence: int, order: int) -> None:
        """A speaker named only by a pronoun or a title is still the subject of its
        sentence: `The minister accused Lee of lying. “…,” he said` is the minister's,
        not Lee's, whom the sentence names later."""
        if self.register.kind_of(name) != "person":
            return
        self.mentions.append(
            Mention(name=name, paragraph=p_index, sentence=sentence, order=order, gender=self.genders.get(name))
        )

    def _organisation_for_it(
        self, tokens: Sequence[Token], text: str, floor: int, found: Phrase, speaker: Speaker
    ) -> Speaker:
        """ "The council on Friday condemned the test, which it called “…”": "it" is the
        organisation that is the subject of its sentence. The mention stays "it"."""
        subject = _sentence_subject(tokens, text, floor, found.first)
        if subject is None or subject.kind == "pronoun" or subject.last >= found.first:
            return speaker
        words = subject.text.split()
        if not any(_bare_word(w) in ORG_HEADS for w in words):
            return speaker
        return Speaker(
            attribution="named",
            speaker=subject.text.strip(" ,.’'"),
            speaker_kind="organisation",
            mention=speaker.mention,
        )

    def _classify_description(
        self, found: Phrase, mention: tuple[int, int], p_index: int, sentence: int, order: int
    ) -> Speaker:
        words = found.text.split()
        determiner = words[0].lower()
        core = found.text
        head = words[-1].lower().strip(",.")
        personal = head in PERSON_HEADS
        for pos, word in enumerate(words):
            if word.lower() in POST_MODIFIER_PREPS | CITED | {"familiar", "close", "who"} and pos > 0:
                head = words[pos - 1].lower().strip(",")
                core = " ".join(words[:pos])
                # "another Muslim who asked not to be named": only people take "who"
                personal = head in PERSON_HEADS or word.lower() == "who"
                break
        indefinite = determiner in INDEFINITE_DETERMINERS or (
            determiner not in DETERMINERS and head.endswith("s") and head in PERSON_HEADS and not words[0][0].isupper()
        )
        if personal and indefinite:
            return Speaker(attribution="anonymous", description=found.text, mention=mention)
        # "the experts noted", "the ministers say": a group, never the one person
        # the article last named
        plural = head.endswith("s") and (head[:-1] in PERSON_HEADS or head[:-2] in PERSON_HEADS)
        if head in PERSON_HEADS or (head in TITLE_WORDS and head not in ORG_HEADS):
            # "campaign", "staff" are roles before a noun ("campaign manager") but an
            # organisation as the head: "the Vale campaign said" is no one person
            name = self.register.by_role(core)
            if name is not None:
                role = re.sub(r"^(?:the|this)\s+", "", core, flags=re.I)
                self.register.add(name, role=role, position=p_index * 100000 + found.start)
            if name is None and determiner in ("the", "this") and head not in ANONYMOUS_HEADS and not plural:
                # "the senator", "the billionaire": the person the article is talking about
                name = self._most_salient(None, p_index, sentence, order)
            if name is not None:
                self._mention_subject(name, p_index, sentence, order)
                return Speaker(
                    attribution="title", speaker=name, speaker_kind=self.register.kind_of(name), mention=mention
                )
            return Speaker(attribution="anonymous", description=found.text, mention=mention)
        if any(w[0].isupper() for w in words[1:]) or head in ORG_HEADS:
            return Speaker(attribution="named", speaker=found.text, speaker_kind="organisation", mention=mention)
        return Speaker(attribution="anonymous", description=found.text, mention=mention)

    # -- one paragraph

    def _find_cue(
        self, tokens: list[Token], text: str, bounds: SentenceIndex, qpos: int, span: QuoteSpan
    ) -> tuple[Phrase, Token | None] | None:
        floor = bounds.start(qpos)
        sentence_end = bounds.end(qpos)
        limit = min(sentence_end, bounds.next_quote(qpos + 1))
        quoted = text[span.start : span.end].rstrip()
        # `“…,” Lee barked` and `“…!” beamed Lee`: any verb right after such a quote is a cue
        comma = quoted.endswith((",", "!", "?")) or text.startswith(",", span.end + _closing_mark_length(text, span))
        cue = _passive_agent(tokens, text, qpos, floor, limit) or _as_clause(tokens, text, qpos, limit)
        if cue is not None:
            return cue
        if qpos - 2 >= floor and tokens[qpos - 1].text == ":":
            # `Polls were early - Ann Lee: “…”`: a name heading the quote after a dash
            # speaks, whatever verb the headline before the dash has
            found = phrase_backward(tokens, text, qpos - 2, floor)
            if (
                found is not None
                and found.kind == "name"
                and found.first - 1 >= floor
                and tokens[found.first - 1].text in ("-", "—", "–", "--")
            ):
                return found, tokens[qpos - 1]
        cue = _cue_after(tokens, text, qpos + 1, limit, comma_before=comma)
        if cue is not None and cue[1].lower not in CLAUSE_REPORTING_CUES and qpos - 1 >= floor:
            # `a clip that the judge called “distasteful,” Lee expressed …`: a speech verb
            # right before the quote frames it, not a verb after its comma that does not
            # report a clause (only "said", "added" and the like stand outside a quote)
            before = _cue_before(tokens, text, qpos, floor)
            if before is not None and any(t is before[1] for t in tokens[max(floor, qpos - 2) : qpos]):
                cue = before
        if (
            cue is None
            and limit == qpos + 1
            and limit < len(tokens)
            and tokens[limit].kind != "q"
            and quoted[-1:] in "?!"
            and floor == qpos
        ):
            # `“Is it in our interest?” Lisa Monaco said.`: the ? ended the sentence
            nxt_limit = min(bounds.end(limit), bounds.next_quote(limit))
            candidate = _cue_after(tokens, text, limit, nxt_limit)
            if (
                candidate is not None
                and candidate[0].first == limit
                or candidate is not None
                and tokens[limit] is candidate[1]
            ):
                cue = candidate
        if cue is None:
            cue = _cue_at_sentence_end(tokens, text, qpos + 1, sentence_end)
        if cue is None:
            cue = _cue_before(tokens, text, qpos, floor)
        if cue is None and qpos - 1 >= floor and tokens[qpos - 1].text == ":":
            # `Meghan McCain, Twitter: “…”`, `POLLS WRONG - Jo Bloggs, author: “…”`
            start = qpos - 2
            while start > floor and tokens[start - 1].text not in ("-", "—", "–", "--") and qpos - start < 15:
                start -= 1
            found = phrase_forward(tokens, text, start, qpos - 1)
            if found is None:
                found = phrase_backward(tokens, text, qpos - 2, floor)
            if found is not None and found.kind != "description":
                cue = (found, tokens[qpos - 1])
        if cue is None and qpos > floor:
            subject = _sentence_subject(tokens, text, floor, qpos)
            if subject is not None:
                cue = (subject, tokens[subject.last + 1])
        if cue is not None:
            outer = _outer_source(tokens, text, cue, qpos, limit)
            if outer is not None:
                cue = outer
        leading = _leading_source(tokens, text, floor, qpos)
        if leading is not None and (cue is None or cue[0].first > leading[0].last):
            cue = leading
        return cue

    def paragraph(
        self, p_index: int, text: str, last_speaker: Speaker | None, continues: bool
    ) -> list[tuple[QuoteSpan, Speaker, str | None]]:
        # A nickname (Marcia "Cia" Price) is part of the name around it, not a quote.
        spans = [span for span in paired_spans(text, double_marks=self.double_marks) if not is_nickname(text, span)]
        confident = quotation_flags(text, spans)
        tokens = tokenize(text, spans)
        sentences = sentence_ids(tokens, text, spans)
        bounds = SentenceIndex(tokens, sentences)
        results: list[tuple[QuoteSpan, Speaker, str | None]] = []
        # For each result: its quote token, and whether a cue after it in its sentence named the speaker.
        placed: list[tuple[int, bool | None]] = []
        scanned = 0
        previous: Speaker | None = None
        for qpos, token in enumerate(tokens):
            if token.kind != "q":
                continue
            span = spans[token.quote]
            if not confident[token.quote] and not any(ch.isalnum() for ch in text[span.start : span.end]):
                continue  # `“…”`: marks around no word quote nobody, whatever frames them
            scanned = self._scan_names(p_index, tokens, sentences, text, qpos, scanned)
            cue = self._find_cue(tokens, text, bounds, qpos, span)
            if not confident[token.quote] and (not _speech_frames(cue) or _title_case(text[span.start : span.end])):
                continue  # a scare quote, nickname or title, unless speech frames it
            own_cue = cue is not None
            cue_follows = own_cue and cue[0].first > qpos
            if cue is None and previous is None and qpos > 0:
                # `Sam Lau said in a statement. “…”`: an earlier sentence of the paragraph
                floor = bounds.true_start(qpos)
                if floor > 0 and not bounds.has_words(floor, qpos):
                    prev_floor = bounds.start(floor - 1)
                    cue = _cue_before(tokens, text, floor, prev_floor)
                    if cue is None and floor == qpos and qpos + 1 == len(tokens):
                        # `Lee spoke to the crowd. “…”`: a quote standing alone after a
                        # sentence about a person is that person's
                        subject = _sentence_subject(tokens, text, prev_floor, floor)
                        if subject is not None and subject.kind != "description":
                            cue = (subject, None)
            verb = cue[1].text if cue and cue[1] is not None else None
            if cue is not None:
                found = cue[0]
                speaker = self._classify(
                    found, p_index, self.sentence_counter + sentences[qpos], found.first, tokens, text, last_speaker
                )
                if found.kind == "pronoun" and found.text.lower() == "it":
                    speaker = self._organisation_for_it(tokens, text, bounds.start(qpos), found, speaker)
            elif (
                previous is not None
                and previous.attribution != "unattributed"
                and _sentences_between(sentences, placed[-1][0], qpos) <= CARRY_SENTENCES
            ):
                # `“A,” Lee said. “B.”`: a quote without a cue goes on from the one just
                # before; sentences of narrative between them end that run
                speaker = previous
            elif not results and qpos == 0 and continues and last_speaker is not None:
                speaker = replace(last_speaker, mention=None)
            elif not results and qpos == 0 and (name := self._previous_paragraph_subject(p_index)) is not None:
                # A quote paragraph after one about a person: "Ann Lee praised the plan." /
                # "“It is the best we have had.”" is that person's.
                speaker = Speaker(attribution="pronoun", speaker=name, speaker_kind="person")
            else:
                speaker = Speaker(attribution="unattributed")
            results.append((span, speaker, verb))
            placed.append((qpos, cue_follows if own_cue else None))
            previous = speaker
            if speaker.attribution != "unattributed":
                last_speaker = speaker
        _share_following_cue(results, placed, sentences)
        self._scan_names(p_index, tokens, sentences, text, len(tokens), scanned)
        self.sentence_counter += (sentences[-1] + 1 if sentences else 0) + 1
        self.introducer = None
        if tokens and tokens[-1].text == ":":
            # a paragraph that ends `Clinton said in a statement:` introduces the next
            floor = bounds.start(len(tokens) - 1)
            cue = _cue_before(tokens, text, len(tokens) - 1, floor)
            if cue is not None:
                speaker = self._classify(
                    cue[0], p_index, self.sentence_counter, cue[0].first, tokens, text, last_speaker
                )
                self.introducer = replace(speaker, mention=None)
        return results

    def run(self) -> list[list[Quote]]:
        out: list[list[Quote]] = []
        last_speaker: Speaker | None = None
        continues = False
        self.introducer = None
        for p_index, text in enumerate(self.paragraphs):
            if self.introducer is not None:
                last_speaker, continues = self.introducer, True
            found = self.paragraph(p_index, text, last_speaker, continues)
            out.append([_to_quote(text, span, speaker, verb) for span, speaker, verb in found])
            attributed = [s for _, s, _ in found if s.attribution != "unattributed"]
            if attributed:
                last_speaker = attributed[-1]
            continues = bool(attributed) or (bool(found) and found[-1][0].open_ended)
        return _carry_open_quotes(self.paragraphs, out)


def _sentences_between(sentences: Sequence[int], previous: int, qpos: int) -> int:
    """How many sentences of narrative lead from the quote token at `previous` to the
    one at qpos: a quote that ends its own sentence (`“A?” Lee said.`) starts none."""
    between = sentences[qpos] - sentences[previous]
    if previous + 1 < len(sentences) and sentences[previous + 1] != sentences[previous]:
        between -= 1
    return between


def _share_following_cue(
    results: list[tuple[QuoteSpan, Speaker, str | None]],
    placed: list[tuple[int, bool | None]],
    sentences: Sequence[int],
) -> None:
    """`“A” -- an aside -- “B,” he says.` and `“A,” Lee “B,” the report said.`: a quote
    with no cue of its own takes the speaker of the next quote in its sentence, when
    a cue after that one names it. `placed` holds (quote token, whether its cue
    follows it), None for a speaker carried over from elsewhere."""
    for index in range(len(results) - 2, -1, -1):
        qpos, own = placed[index]
        nxt_qpos, nxt_follows = placed[index + 1]
        if own is None and nxt_follows and sentences[qpos] == sentences[nxt_qpos]:
            results[index] = (results[index][0], *results[index + 1][1:])
            placed[index] = (qpos, True)


def _name_in_description(found: Phrase) -> Phrase | None:
    """ "his nephew Omar el Tayeb", "the billionaire Hal Brody", "Norway's premier Ola
    Berg": a description that ends in a person's name is that person, with a role."""
    words = found.text.split()
    run = len(words)
    while run > 1 and (
        (words[run - 1][0].isupper() and words[run - 1].lower().strip(".,’'") not in TITLE_WORDS)
        or (words[run - 1].lower() in NAME_PARTICLES and run < len(words))
    ):
        run -= 1
    name_words = words[run:]
    if not name_words or len(name_words) > 4 or not name_words[0][0].isupper():
        return None
    before = words[run - 1].lower().strip(".,’'")
    if before not in TITLE_WORDS and before not in PERSON_HEADS and before not in ROLE_MODIFIERS:
        return None
    if any(_bare_word(w) in ORG_NAME_WORDS or (w.isupper() and len(w) > 1) for w in name_words):
        return None
    role_words = words[1:run] if words[0].lower() in DETERMINERS else words[:run]
    name = POSSESSIVE_RE.sub("", " ".join(name_words)).strip(" ,.")
    return replace(found, kind="name", role=" ".join(role_words), name=name)


def _title_case(quoted: str) -> bool:
    words = [w for w in quoted.split() if w[:1].isalpha()]
    return bool(words) and all(w[0].isupper() for w in words if len(w) > 3) and words[0][0].isupper()


def _speech_frames(cue: tuple[Phrase, Token | None] | None) -> bool:
    """Whether a cue is an explicit speech verb (not a bare sentence subject)."""
    return (
        cue is not None
        and cue[1] is not None
        and (
            cue[1].lower in SPEECH_VERBS - WEAK_SPEECH_VERBS
            or cue[1].lower in SPEECH_NOUNS
            or cue[1].lower == "according"
        )
    )


def _cue_at_sentence_end(tokens: Sequence[Token], text: str, pos: int, limit: int) -> tuple[Phrase, Token] | None:
    """`… signals “the beginning of the end” for the bloc, said Geert Wilders.`"""
    for comma in range(pos, limit):
        if tokens[comma].text != ",":
            continue
        cue = _cue_after(tokens, text, comma + 1, limit)
        if cue is None:
            continue
        end = cue[0].last
        for pos_verb in range(comma, limit):
            if tokens[pos_verb] is cue[1]:
                end = max(end, pos_verb)
                break
        if end + 1 < limit and tokens[end + 1].text == "," and cue[0].kind == "name":
            return cue  # `…, said Ann Lee, a lawyer for the union, who …`: an appositive
        if _few_words_without_that(tokens, end + 1, limit):
            return cue
    return None


def _passive_agent(
    tokens: Sequence[Token], text: str, qpos: int, floor: int, limit: int
) -> tuple[Phrase, Token] | None:
    """`were called “a basket of fools” by Hale`, `was described as “reckless,” by the
    mayor`: a passive speech verb just before the quote, its agent after "by"."""
    by = qpos + 1
    if by < limit and tokens[by].text == ",":
        by += 1
    if by + 1 >= limit or tokens[by].lower != "by":
        return None
    for pos in range(qpos - 1, max(floor, qpos - 3) - 1, -1):
        verb = tokens[pos]
        if verb.kind == "w" and verb.lower.endswith("ed") and verb.lower in SPEECH_VERBS:
            found = phrase_forward(tokens, text, by + 1, limit)
            if found is None or found.kind == "pronoun":
                return None
            return found, verb
        if verb.kind != "w" or verb.lower not in ("as", "a", "an"):
            return None
    return None


def _as_clause(tokens: Sequence[Token], text: str, qpos: int, limit: int) -> tuple[Phrase, Token] | None:
    """`“…,” as one aide put it` and `a “regional” candidate, as her rival suggested`:
    an "as" clause right after the quote (past at most a noun or two it modifies)
    names who used the words."""
    pos = qpos + 1
    while pos < limit and pos - qpos <= 3 and tokens[pos].kind == "w" and _is_plain_noun(tokens[pos]):
        pos += 1
    if pos < limit and tokens[pos].text == ",":
        pos += 1
    if pos + 2 >= limit or tokens[pos].lower != "as":
        return None
    found = phrase_forward(tokens, text, pos + 1, limit)
    if found is None:
        return None
    verb = found.last + 1
    while (
        verb < limit
        and tokens[verb].kind == "w"
        and (tokens[verb].lower in VERB_FILLERS or tokens[verb].lower.endswith("ly"))
    ):
        verb += 1
    if verb >= limit or tokens[verb].lower not in SPEECH_VERBS or tokens[verb].lower.endswith("ing"):
        return None
    if tokens[verb].lower in WEAK_SPEECH_VERBS and not (verb + 1 < limit and tokens[verb + 1].lower == "it"):
        return None  # "as he put it" speaks; "as he thought" does not quote
    return found, tokens[verb]


def _few_words_without_that(tokens: Sequence[Token], pos: int, limit: int) -> bool:
    """At most eight words in tokens[pos:limit], none of them "that"."""
    words = 0
    for index in range(pos, limit):
        token = tokens[index]
        if token.kind == "w":
            words += 1
            if words > 8 or token.lower == "that":
                return False
    return True


def _leading_source(tokens: Sequence[Token], text: str, floor: int, qpos: int) -> tuple[Phrase, Token] | None:
    """`According to the ministry, the general said “…”`: a sentence (or a clause after
    a comma: "…, because, according to Lee, the board …") that opens with its source
    gives every quote after it to that source (the outer report)."""
    opening = floor
    while opening + 2 < qpos and not (
        tokens[opening].lower == "according"
        and tokens[opening + 1].lower == "to"
        and (opening == floor or tokens[opening - 1].text == ",")
    ):
        opening += 1
    floor = opening
    if floor + 2 >= qpos or tokens[floor].lower != "according" or tokens[floor + 1].lower != "to":
        return None
    comma = floor + 2
    while comma < qpos and tokens[comma].kind == "w" and comma - floor < 12:
        comma += 1
    if comma >= qpos or comma == floor + 2 or tokens[comma].text != ",":
        return None
    found = phrase_forward(tokens, text, floor + 2, comma)
    if found is None or found.last + 1 != comma:
        found = _phrase(tokens, text, floor + 2, comma - 1, "description")
    return (found, tokens[floor]) if found.kind != "pronoun" else None


def _outer_source(
    tokens: Sequence[Token], text: str, cue: tuple[Phrase, Token | None], qpos: int, limit: int
) -> tuple[Phrase, Token | None] | None:
    """PolNeAR-style univocal attribution: `“…,” the judge said, according to the Post`
    and `…, the Times reported` give the quote to the outer source."""
    pos = max(cue[0].last, qpos) + 1
    while pos < limit:
        token = tokens[pos]
        if (
            token.lower == "according"
            and pos + 1 < limit
            and tokens[pos + 1].lower == "to"
            and tokens[pos - 1].text == ","
        ):
            found = phrase_forward(tokens, text, pos + 2, limit)
            if found is not None and found.kind != "pronoun" and found.first > cue[0].last:
                return found, token
        if token.text == "," and pos + 1 < limit:
            nxt = tokens[pos + 1]
            if nxt.lower in ("reported", "reports", "wrote", "writes"):
                found = phrase_forward(tokens, text, pos + 2, limit)
                if found is not None and found.kind != "pronoun":
                    return found, nxt
            found = phrase_forward(tokens, text, pos + 1, limit)
            if (
                found is not None
                and found.last + 1 < limit
                and tokens[found.last + 1].lower in ("reported", "reports")
                and found.kind != "pronoun"
            ):
                return found, tokens[found.last + 1]
        pos += 1
    return None


def _to_quote(text: str, span: QuoteSpan, speaker: Speaker, verb: str | None) -> Quote:
    mention = speaker.mention
    return Quote(
        start=span.start,
        end=span.end,
        text=text[span.start : span.end],
        attribution=speaker.attribution,
        speaker=speaker.speaker,
        speaker_kind=speaker.speaker_kind if speaker.speaker else None,
        source_description=speaker.description if speaker.speaker is None else None,
        mention_start=mention[0] if mention else None,
        mention_end=mention[1] if mention else None,
        cue=verb,
        partial=span.start > len(span.mark) + 1
        and text[span.start - len(span.mark) - 1 : span.start - len(span.mark)].isalnum() is False
        and not _starts_statement(text, span),
    )


def _starts_statement(text: str, span: QuoteSpan) -> bool:
    opening = span.start - len(span.mark)
    before = text[max(0, opening - 40) : opening].rstrip()
    return not before or before[-1] in ".:!?" or before.endswith(("said", "says", ","))


def _carry_open_quotes(paragraphs: Sequence[str], out: list[list[Quote]]) -> list[list[Quote]]:
    """A quote open at the end of a paragraph continues in the next one: the whole run
    shares one speaker, wherever in the run the attribution sits."""
    index = 0
    while index < len(out):
        chain = (
            [(index, len(out[index]) - 1)]
            if out[index]
            and out[index][-1].end == len(paragraphs[index].rstrip())
            and _is_open(paragraphs[index], out[index][-1])
            else []
        )
        nxt = index + 1
        while chain and nxt < len(out) and out[nxt] and out[nxt][0].start <= 2:
            chain.append((nxt, 0))
            if not (_is_open(paragraphs[nxt], out[nxt][0]) and len(out[nxt]) == 1):
                break
            nxt += 1
        attributed = [out[p][q] for p, q in chain if out[p][q].attribution != "unattributed"]
        if chain and attributed:
            source = attributed[0]
            for p, q in chain:
                if out[p][q].attribution == "unattributed":
                    out[p][q] = replace(
                        out[p][q],
                        attribution=source.attribution,
                        speaker=source.speaker,
                        speaker_kind=source.speaker_kind,
                        source_description=source.source_description,
                        mention_start=None,
                        mention_end=None,
                        cue=source.cue,
                    )
        index = max(index + 1, nxt if chain else index + 1)
    return out


def _is_open(text: str, quote: Quote) -> bool:
    tail = text[quote.end :].strip()
    return tail == ""


class _ArticleQuotes(list):
    """extract_quotes' result: a plain list of lists of Quote that also keeps the run's
    speaker register, so article_speakers given this very result need not run again."""

    article: _Article | None = None


def extract_quotes(paragraphs: Sequence[str], *, known_roles: Mapping[str, str] | None = None) -> list[list[Quote]]:
    """One list of Quote per paragraph, offsets into that paragraph."""
    article = _Article(paragraphs, known_roles)
    quotes = _ArticleQuotes(article.run())
    quotes.article = article
    return quotes


def attribute_article(
    paragraphs: Sequence[str], *, known_roles: Mapping[str, str] | None = None
) -> tuple[list[list[Quote]], list[SpeakerRecord]]:
    """The quotes of an article and the speakers they are attributed to."""
    article = _Article(paragraphs, known_roles)
    quotes = article.run()
    return quotes, _speaker_records(article, quotes)


def article_speakers(paragraphs: Sequence[str], quotes: list[list[Quote]]) -> list[SpeakerRecord]:
    """The speakers quoted, with canonical name, aliases and roles seen in the text."""
    article = getattr(quotes, "article", None)
    if not isinstance(article, _Article) or article.paragraphs != list(paragraphs):
        article = _Article(paragraphs, None)
        article.run()
    return _speaker_records(article, quotes)


def _speaker_records(article: _Article, quotes: list[list[Quote]]) -> list[SpeakerRecord]:
    quoted = {q.speaker for para in quotes for q in para if q.speaker}
    kinds = {q.speaker: q.speaker_kind for para in quotes for q in para if q.speaker}
    records = {r.name: r for r in article.register.records(quoted)}
    for name in quoted - set(records):
        records[name] = SpeakerRecord(name=name, kind=kinds.get(name) or "person")
    return [replace(r, kind=kinds.get(r.name) or r.kind) for r in records.values()]
