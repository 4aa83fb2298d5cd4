"""Who the article has named so far: the speaker register, every person mentioned
and where, and what each mention shows of gender. Pronouns and titles are read
against it: the subject of the latest sentence that names someone suitable."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

from archive.ingest.lexicon import (
    ANONYMOUS_HEADS,
    ARTICLES,
    CLAUSE_SUBORDINATORS,
    GENDERED_NOUNS,
    HONORIFIC_GENDER,
    HONORIFICS,
    INVERTIBLE_VERBS,
    IRREGULAR_PAST,
    NON_NAME_WORDS,
    PERSON_HEADS,
    POST_MODIFIER_PREPS,
    PRONOUNS,
    SPEECH_VERBS,
    SUBORDINATORS,
    TITLE_WORDS,
    TITLED_SUBJECT_OPENERS,
)
from archive.ingest.names import COUNTRY_NAMES, is_first_name, non_speaker
from archive.ingest.speakers import COUNTRY_IN_TITLE, ArticleSpeakers, first_name_gender

from .clauses import appositive_role, skip_subject_modifiers
from .mentions import Phrase, name_in_description, names_organisation, phrase_forward
from .paragraph import Paragraph
from .tokens import Token, is_possessive, is_role_word, opens_predicate

# How many of the latest mentions pronoun and title resolution read.
SALIENCE_LOOKBACK = 400


@dataclass(frozen=True, kw_only=True)
class Mention:
    """A person named in the text, for pronoun resolution."""

    name: str
    paragraph: int
    sentence: int  # counted through the article
    order: int  # position of the mention within its sentence
    gender: str | None
    # Named in a clause that opens the sentence ("When Lee died, Ray released a
    # statement"): the main clause's subject is the sentence's.
    in_opening_clause: bool = False
    # Someone the sentence's subject describes but does not name ("A senior Western
    # official said …", "The political leader of the DPR made clear …"): `name` is the
    # description, which a "he" after it stands for, where no title may.
    unnamed: bool = False


# A wire photo caption ends on its date: "…, in Moscow, Russia, Tuesday, Nov. 30, 2021."
CAPTION_DATE_RE = re.compile(
    r",\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s[A-Z][a-z]{2,8}\.?\s\d{1,2},\s\d{4}\."
)
# A full stop after a small letter ends the sentence before a caption ("!" may be a title's).
SENTENCE_END_RE = re.compile(r"[a-z0-9]\.[\"”’]?\s+(?=[A-Z])")
CAPTION_REACH = 400  # characters a caption runs back from its date, at most


def photo_captions(text: str) -> list[tuple[int, int]]:
    """Where the wire photo captions in a paragraph begin and end."""
    spans = []
    for date in CAPTION_DATE_RE.finditer(text):
        floor = max(0, date.start() - CAPTION_REACH)
        ends = [end.end() for end in SENTENCE_END_RE.finditer(text, floor, date.start())]
        spans.append((ends[-1] if ends else floor, date.end()))
    return spans


def _named_alone(tokens: Sequence[Token], found: Phrase) -> bool:
    """ "Mykola, a mechanic and military reservist, told …", "Oksana, 34, said": one
    name, set off by an appositive at the start of its sentence, before a speech verb,
    or set off as the appositive of a person: someone the article names by a first
    name only."""
    first, comma = found.first, found.last + 1
    if comma + 2 >= len(tokens) or tokens[comma].text != ",":
        return False
    if (
        first > 1
        and tokens[first - 1].text == ","
        and is_first_name(found.name.lower())
        and opens_predicate(tokens[comma + 1])
        and any(t.lower in PERSON_HEADS for t in tokens[max(0, first - 6) : first - 1])
    ):
        return True  # "One woman with the condition, Liudmila, said …": in apposition to a person
    if first > 0 and tokens[first - 1].kind != "p":
        return False
    opener = tokens[comma + 1]
    if not (opener.lower in ("a", "an") or opener.text.isdigit()):
        return False
    for pos in range(comma + 2, min(len(tokens) - 1, comma + 12)):
        if tokens[pos].kind != "w":
            return tokens[pos].text == "," and tokens[pos + 1].lower in SPEECH_VERBS
    return False


# Capitalised only because they open a sentence: "Although Mr Lee has no role, he …"
# names Lee, though the run of capitals starts one word earlier.
_SUBORDINATE_OPENERS = (CLAUSE_SUBORDINATORS | SUBORDINATORS) - {
    "so",
    "than",
    "who",
    "which",
    "whom",
    "what",
    "how",
    "why",
}
_SENTENCE_OPENERS = (CLAUSE_SUBORDINATORS | SUBORDINATORS | {"and", "but", "yet", "if", "then", "so"}) - ARTICLES


def _opens_run(previous: Token) -> bool:
    """Whether a capitalised word after `previous` starts a run of capitals: a name is
    read from the start of its run, not from the middle ("York Mayor" in "New York Mayor")."""
    return not previous.cap or previous.lower in _SENTENCE_OPENERS


def _opens_clause(tokens: Sequence[Token], pos: int, sentences: Sequence[int]) -> bool:
    """Whether tokens[pos] is a subordinator opening its sentence: "When", "Although"."""
    return tokens[pos].lower in _SUBORDINATE_OPENERS and (pos == 0 or sentences[pos] != sentences[pos - 1])


# Words that open a short phrase before a sentence's subject: "Asked about it, the
# spokesperson said …", "Similarly, a leader of …", "According to Lee, …"; participles
# ("Speaking to Kirsty Wark on Newsnight, …") and adverbs ("Separately, …") too.
PHRASE_OPENERS = frozenset(
    "similarly separately however meanwhile still instead later earlier asked according interviewed".split()
)
# How far back such a phrase may open: "Speaking to the BBC's veteran presenter Kirsty
# Wark on Newsnight,".
OPENING_PHRASE_WORDS = 12
# Words that open a sentence's subject: "He …", "The minister …", "A senior official …".
SUBJECT_OPENERS = TITLED_SUBJECT_OPENERS | {"a", "an"}


def _in_opening_phrase(tokens: Sequence[Token], pos: int, sentences: Sequence[int]) -> bool:
    """Whether tokens[pos] lies in a phrase that opens its sentence, before any comma:
    "Speaking to Kirsty Wark on Newsnight, Mr Lee said …" has Lee as its subject, not Wark."""
    start = pos
    while start > 0 and sentences[start - 1] == sentences[pos]:
        start -= 1
        if pos - start > OPENING_PHRASE_WORDS or tokens[start].text == "," or tokens[start].kind == "q":
            return False
    word = tokens[start].lower
    return start < pos and (word in PHRASE_OPENERS or (len(word) > 5 and word.endswith(("ing", "ly"))))


def _after_opening_phrase(tokens: Sequence[Token], pos: int, sentences: Sequence[int]) -> bool:
    """Whether tokens[pos] opens the subject after such a phrase and its comma: "Asked
    about those comments, the spokesperson said …"."""
    return pos > 1 and tokens[pos - 1].text == "," and _in_opening_phrase(tokens, pos - 1, sentences)


def _tells_of_one(verb: Token) -> bool:
    """A verb that tells what someone did, not what anyone might: "A senior official said",
    "The leader made clear"; not "A developer who wants to defraud someone can …"."""
    word = verb.lower
    return word in SPEECH_VERBS or word.endswith("ed") or word in IRREGULAR_PAST or word in ("has", "had", "was")


def _whose_office_named(tokens: Sequence[Token], head: int, last: int) -> bool:
    """ "the political leader of the DPR", "the head of Ukraine's army": an office of a
    body the description names, held by someone it does not."""
    after = tokens[head + 1 : last + 1]
    if not after or after[0].lower not in POST_MODIFIER_PREPS:
        return False
    body = [t for t in after[1:] if t.lower != "the"]
    if all(t.lower.rstrip(".") in OFFICE_OBJECTS for t in body):
        return False  # "the Secretary of State", "the Chief of Staff": the office's own name
    place = " ".join(t.lower.rstrip(".") for t in body)
    if place in COUNTRY_IN_TITLE or all(t.lower.replace(".", "") in COUNTRY_NAMES for t in body):
        return False  # "the president of Russia": a country's office, a title like "the Russian president"
    return any(t.cap or is_possessive(t) for t in body)


# What follows "of" in an office's own name: "Secretary of State", "Chief of Staff",
# "Minister of Defence", "Secretary of the Treasury".
OFFICE_OBJECTS = frozenset(
    """state defense defence staff treasury justice commerce energy transportation agriculture labor
    labour education interior homeland security health housing veterans foreign affairs war finance
    trade""".split()
)


def _participle_ends(tokens: Sequence[Token], found: Phrase) -> bool:
    """Whether the run's last word is a participle taking an object ("Highlighting the")."""
    after = found.last + 1
    return tokens[found.last].lower.endswith("ing") and after < len(tokens) and tokens[after].lower in ARTICLES


class ArticleMemory:
    """The people an article has named, in the order it named them."""

    def __init__(self, known_roles: Mapping[str, str] | None) -> None:
        self.register = ArticleSpeakers(known_roles)
        self.mentions: list[Mention] = []
        # What the article shows of each person's gender: "Mrs. Lee", "Ann Lee".
        self.genders: dict[str, str] = {}
        self._captions: dict[int, list[tuple[int, int]]] = {}  # paragraph -> its photo captions
        # Unnamed people the article has brought in ("a Russian soldier"): "the Russian
        # soldier" later is that one, not whomever the article names most.
        self.unnamed: set[str] = set()

    def gender(self, canonical: str, words: Sequence[Token]) -> str | None:
        """The gender a mention shows (an honorific or a noun such as "wife", else a
        common first name), kept for the person so that a later bare-surname mention
        still has it."""
        gender = None
        for token in words:
            gender = HONORIFIC_GENDER.get(token.lower.rstrip(".")) or GENDERED_NOUNS.get(token.lower)
            if gender is not None:
                break
        if gender is None:
            gender = first_name_gender(canonical)
        if gender is not None:
            self.genders.setdefault(canonical, gender)
            return gender
        return self.genders.get(canonical)

    # -- people named in running text

    def scan_names(self, para: Paragraph, upto: int, start: int) -> int:
        """Register the people named in tokens[start:upto]; return upto."""
        tokens, sentences, text = para.tokens, para.sentences, para.text
        if para.index not in self._captions:  # once a paragraph: scan_names reads it in parts
            self._captions[para.index] = photo_captions(text)
        captions = self._captions[para.index]
        pos = start
        while pos < upto:
            token = tokens[pos]
            if captions and any(first <= token.start < end for first, end in captions):
                pos += 1  # a photo's caption names who is pictured, not who speaks next
                continue
            if token.lower in INVERTIBLE_VERBS:
                pos += 1  # "Stated Holt:" is not a person called "Stated Holt"
                continue
            if token.lower in ("a", "an"):
                self._remember_unnamed(tokens, pos, upto)
            if token.lower in SUBJECT_OPENERS and (
                (token.cap and (pos == 0 or sentences[pos] != sentences[pos - 1]))
                or _after_opening_phrase(tokens, pos, sentences)
            ):
                self._remember_subject(para, pos, upto)
            if token.kind == "w" and (token.cap or is_role_word(token)) and (pos == 0 or _opens_run(tokens[pos - 1])):
                found = phrase_forward(tokens, text, pos, upto)
                if found is not None and found.kind == "description":
                    # "The US Defence Secretary Lloyd Austin has suggested …": the person the description names
                    found = name_in_description(found)
                if found is not None and found.kind == "name":
                    canonical = self._remember(para, pos, found)
                    role = appositive_role(tokens, text, found, upto) if canonical else None
                    if role:
                        self.register.add(canonical, role=role, position=para.position(found.start))
                    pos = found.last + 1
                    continue
            pos += 1
        return upto

    def _remember_unnamed(self, tokens: Sequence[Token], pos: int, upto: int) -> None:
        """ "a Russian soldier", "an elderly woman": a person with at least one modifier,
        brought in without a name (none follows in apposition: "a Russian soldier, Ivan")."""
        for look in range(pos + 2, min(upto, pos + 5)):
            token = tokens[look]
            if token.kind != "w" or token.lower in NON_NAME_WORDS:
                return
            if token.lower in PERSON_HEADS and not token.lower.endswith("s"):
                after = look + 1
                if after < upto and (
                    tokens[after].cap or (tokens[after].text == "," and after + 1 < upto and tokens[after + 1].cap)
                ):
                    return
                self.unnamed.add(" ".join(t.lower for t in tokens[pos + 1 : look + 1]))
                return

    def _remember_subject(self, para: Paragraph, pos: int, upto: int) -> None:
        """A sentence that opens with "He" or "The minister" has that person as its
        subject, ahead of anyone it names later (`He accused Lee of …`)."""
        tokens = para.tokens
        found = phrase_forward(tokens, para.text, pos, upto)
        if found is None:
            return
        verb = skip_subject_modifiers(tokens, found, upto)
        described_end = found.end
        if found.kind == "description":
            # "a leader of the Nigerian community in Moscow told": the rest of its post-modifier
            while verb < min(upto, found.last + 7) and tokens[verb].kind == "w" and not opens_predicate(tokens[verb]):
                described_end = tokens[verb].end
                verb += 1
        if verb >= upto or not opens_predicate(tokens[verb]):
            return
        sentence = para.sentence_of(pos)
        if found.kind == "pronoun":
            gender = PRONOUNS.get(found.text.lower())
            salient = self.salient(gender, para.index, sentence, pos, unnamed=True) if gender in ("m", "f") else None
            if salient is not None and salient.unnamed:
                self._mention_unnamed(salient.name, salient.gender, para.index, sentence, pos)
                return
            name = salient.name if salient is not None else None
        elif found.kind == "description":
            # "the Secretary of State", "a leader of the Nigerian community in Moscow": the
            # noun before the first preposition heads it
            head = next(
                (pos - 1 for pos in range(found.first + 2, found.last + 1) if tokens[pos].lower in POST_MODIFIER_PREPS),
                found.last,
            )
            word = tokens[head].lower
            if word not in TITLE_WORDS and word not in PERSON_HEADS or word.endswith("s"):
                return
            unnamed = tokens[found.first].lower in ("a", "an") or word in ANONYMOUS_HEADS
            name = None if unnamed else self.register.by_role(found.text)
            if (
                name is None
                and (unnamed or _whose_office_named(tokens, head, found.last))
                and _tells_of_one(tokens[verb])
            ):
                described = para.text[found.start : described_end]
                self._mention_unnamed(described, GENDERED_NOUNS.get(word), para.index, sentence, pos)
                return
        else:
            return
        if name is not None:
            self.mention_subject(name, para.index, sentence, pos)

    def _mention_unnamed(self, description: str, gender: str | None, paragraph: int, sentence: int, order: int) -> None:
        self.mentions.append(
            Mention(name=description, paragraph=paragraph, sentence=sentence, order=order, gender=gender, unnamed=True)
        )

    def _remember(self, para: Paragraph, order: int, found: Phrase) -> str | None:
        """Register a name in running text as a person, unless it looks like no one's:
        an organisation, a single word, a sentence-initial common word, "the" and a name."""
        tokens = para.tokens
        name, role = found.name, found.role
        if not name:
            return None
        words = name.split()
        org = names_organisation(words)
        first = tokens[found.first]
        sentence_initial = order == 0 or tokens[found.first - 1].kind == "p" if found.first > 0 else True
        known = self.register.lookup(name)
        personal_title = bool(role) and not org
        honorific = any(t.lower in HONORIFICS for t in tokens[found.first : found.last + 1])
        if known is None and not personal_title and not honorific:
            if org or len(words) > 4 or any(w.isupper() and len(w.strip(".")) > 1 for w in words):
                return None
            if len(words) < 2 and not _named_alone(tokens, found):
                return None
            if non_speaker(name):
                return None  # "Investment Forum": a place, which no "he" stands for
            if _participle_ends(tokens, found):
                return None  # "Sievierodonetsk Highlighting the importance of …": a heading, then a participle
            if first.lower in NON_NAME_WORDS and sentence_initial:
                return None
            if found.first > 0 and tokens[found.first - 1].lower == "the":
                return None  # "the Super Bowl", "the Black Sea": no person goes by "the" and a name
            if "-" in words[0] and words[0].split("-", 1)[1][:1].islower():
                return None  # "British-made Storm Shadow", "Saudi-led Coalition": a modifier, then a thing
        if known is not None and self.register.kind_of(name) != "person":
            return None
        canonical = self.register.add(name, role=role, position=para.position(found.start))
        self.mentions.append(
            Mention(
                name=canonical,
                paragraph=para.index,
                sentence=para.sentence_of(order),
                order=order,
                gender=self.gender(canonical, tokens[found.first : found.last + 1]),
                in_opening_clause=(found.first > 0 and _opens_clause(tokens, found.first - 1, para.sentences))
                or _in_opening_phrase(tokens, found.first, para.sentences),
            )
        )
        return canonical

    def mention_subject(self, name: str, paragraph: int, sentence: int, order: int) -> None:
        """A speaker named only by a pronoun or a title is still the subject of its
        sentence: `The minister accused Lee of lying. “…,” he said` is the minister's,
        not Lee's, whom the sentence names later."""
        if self.register.kind_of(name) != "person":
            return
        self.mentions.append(
            Mention(name=name, paragraph=paragraph, sentence=sentence, order=order, gender=self.genders.get(name))
        )

    # -- salience

    def salient(
        self,
        gender: str | None,
        paragraph: int,
        sentence: int,
        order: int,
        *,
        within: int | None = None,
        suits: Callable[[str], bool] | None = None,
        unnamed: bool = False,
    ) -> Mention | None:
        """The subject of the most recent sentence that names a suitable person (of the
        gender, and whom `suits` accepts); with `within`, only one named in the last that
        many paragraphs; with `unnamed`, a subject the sentence described without naming
        counts too (what "he" may stand for)."""
        best: Mention | None = None
        # A pronoun's antecedent is a few sentences back at most; the bound keeps a
        # pronoun whose gender nobody matches from reading every mention before it.
        for mention in islice(reversed(self.mentions), SALIENCE_LOOKBACK):
            if (mention.sentence, mention.order) >= (sentence, order) and mention.paragraph == paragraph:
                continue
            if within is not None and mention.paragraph < paragraph - within:
                break
            if mention.unnamed and not unnamed:
                continue
            known = mention.gender if mention.unnamed else self.genders.get(mention.name, mention.gender)
            if gender is not None and known is not None and known != gender:
                continue
            if suits is not None and (mention.unnamed or not suits(mention.name)):
                continue
            if best is None:
                best = mention
                continue
            if mention.sentence != best.sentence:
                break
            if (mention.in_opening_clause, mention.order) <= (best.in_opening_clause, best.order):
                best = mention  # leftmost in the sentence's main clause: the subject
        return best
