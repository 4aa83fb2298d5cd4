"""Mentions: the noun phrases that can be a quote's source. Names ("U.S. Vice
President JD Vance"), pronouns, descriptions ("a senior EU official", "the
ministry"), read forward from where a subject starts or backward from its verb."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from archive.ingest.lexicon import (
    ANONYMOUS_HEADS,
    ARTICLES,
    CITED,
    CLAUSE_OPENERS,
    DETERMINERS,
    FEMALE_FIRST_NAMES,
    HONORIFICS,
    MALE_FIRST_NAMES,
    NAME_PARTICLES,
    NON_NAME_WORDS,
    NOUN_LIKE_VERBS,
    NP_STOP,
    ORG_HEADS,
    ORG_NAME_WORDS,
    PERSON_HEADS,
    POSSESSIVE_DETERMINERS,
    POST_MODIFIER_PREPS,
    PREPOSITIONS,
    PRONOUNS,
    QUANTITY_HEADS,
    QUANTITY_MODIFIERS,
    ROLE_MODIFIERS,
    SPEECH_VERBS,
    STANDALONE_DETERMINERS,
    TIME_WORDS,
    TITLE_WORDS,
    VERB_FILLERS,
)
from archive.ingest.names import DEMONYMS
from archive.ingest.speakers import split_role

from .tokens import (
    POSSESSIVE_RE,
    Token,
    bare_word,
    is_head,
    is_name_word,
    is_plain_noun,
    is_possessive,
    is_role_word,
    opens_predicate,
)


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


# A nickname a name is read through: `Robert C. "Bobby" Scott` is Robert C. Scott.
NICKNAME_RE = re.compile(r"\s*(?:''|[“\"])[^\s“”\"]+(?:\s[^\s“”\"]+)?(?:''|[”\"])(?=\s)")


# Punctuation after which a speech-verb form was a noun: "according to a pool report."
PHRASE_ENDS = frozenset({".", ",", ";", ")"})


def make_phrase(tokens: Sequence[Token], text: str, first: int, last: int, kind: str) -> Phrase:
    start, end = tokens[first].start, tokens[last].end
    span_text = text[start:end]
    role = name = ""
    if kind == "name":
        role, name = split_role(span_text)
        name = POSSESSIVE_RE.sub("", NICKNAME_RE.sub("", name) if '"' in name or "“" in name or "''" in name else name)
        if role and name.split(" ", 1)[0] in ("of", "for"):
            # "mayor of Chernihiv": an office and its place, a description, not a name "of Chernihiv"
            return Phrase(
                first=first, last=last, start=start, end=end, text=span_text, kind="description", role="", name=""
            )
    return Phrase(first=first, last=last, start=start, end=end, text=span_text, kind=kind, role=role, name=name)


def names_organisation(words: Sequence[str]) -> bool:
    """Whether a capitalised run names an organisation or place: it holds a word such
    as "Ministry" or "Times". A common first name opening a longer run is the
    person's own ("Bill Mercer"), not the noun it also is."""
    for pos, word in enumerate(words):
        lower = word.lower()
        if lower not in ORG_NAME_WORDS and bare_word(word) not in ORG_NAME_WORDS:
            continue
        if pos == 0 and len(words) > 1 and lower in MALE_FIRST_NAMES | FEMALE_FIRST_NAMES:
            continue
        return True
    return False


def extend_post_modifier(tokens: Sequence[Token], last: int, limit: int) -> int:
    """Take in "cited by Reuters", "for the Pentagon", "familiar with the talks"."""
    pos = last + 1
    if pos + 1 < limit and tokens[pos].lower in CITED and tokens[pos + 1].lower == "by":
        end = name_run_end(tokens, pos + 2, limit)
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
        if is_name_word(tokens[look]) or tokens[look].lower in ORG_HEADS:
            end = name_run_end(tokens, look, limit)
            if end is None:
                return last
            # "the head of the State Duma's information committee": the possessor's noun too
            after = end
            while (
                is_possessive(tokens[end])
                and after + 1 < limit
                and after - end < 3
                and is_plain_noun(tokens[after + 1])
                and tokens[after + 1].lower not in SPEECH_VERBS
            ):
                after += 1
            return after
    return last


def name_run_end(tokens: Sequence[Token], pos: int, limit: int) -> int | None:
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
        return _role_then_name(tokens, text, pos, limit)
    if token.lower in PRONOUNS:
        return make_phrase(tokens, text, pos, pos, "pronoun")
    if token.lower in STANDALONE_DETERMINERS and (
        pos + 1 >= limit or opens_predicate(tokens[pos + 1]) or tokens[pos + 1].text in (".", "!", "?")
    ):
        # "Another notes …", "Others said …", "One added", "said another.": a determiner
        # standing for a noun the sentence before named
        return make_phrase(tokens, text, pos, pos, "description")
    if token.cap and _has_contracted(tokens, pos, limit):
        # "NATO's already gone on record saying …", "Putin's said": the name and "has"
        return make_phrase(tokens, text, pos, pos, "name")
    if token.lower in DETERMINERS or (is_possessive(token) and token.cap):
        return _description_forward(tokens, text, pos, limit)
    if not token.cap and (plural := _bare_plural(tokens, text, pos, limit)) is not None:
        return plural
    if not (is_name_word(token) or is_role_word(token)):
        return None
    return _name_forward(tokens, text, pos, limit)


# Words after "Name's" that make the "'s" a "has" or an "is", not a possessive.
AFTER_CONTRACTED = frozenset(
    "been already also never not gone got said told warned repeatedly previously just always made".split()
)


def _has_contracted(tokens: Sequence[Token], pos: int, limit: int) -> bool:
    word = tokens[pos].lower
    return word.endswith(("'s", "’s")) and pos + 1 < limit and tokens[pos + 1].lower in AFTER_CONTRACTED


def _bare_plural(tokens: Sequence[Token], text: str, pos: int, limit: int) -> Phrase | None:
    """People in the plural need no determiner: "federal prosecutors", "legal
    observers", "officials": up to three lower-case modifiers and a plural person noun."""
    for end in range(pos, min(limit, pos + 4)):
        token = tokens[end]
        if not is_plain_noun(token) or token.lower in PREPOSITIONS:
            return None
        if token.lower.endswith("s") and token.lower in PERSON_HEADS:
            return make_phrase(tokens, text, pos, end, "description")
    return None


def _role_then_name(tokens: Sequence[Token], text: str, pos: int, limit: int) -> Phrase | None:
    """ "election lawyer Joe Birkenstock": up to four lower-case words, then a name."""
    look = pos
    while (
        look < limit
        and look - pos < 4
        and tokens[look].kind == "w"
        and not tokens[look].cap
        and tokens[look].lower not in NP_STOP
    ):
        look += 1
    if look > pos and look < limit and is_name_word(tokens[look]):
        found = phrase_forward(tokens, text, look, limit)
        if found is not None and found.kind == "name":
            return make_phrase(tokens, text, pos, found.last, "name")
    return None


def _description_forward(tokens: Sequence[Token], text: str, pos: int, limit: int) -> Phrase | None:
    """ "the Defence Ministry", "a senior EU official", "Trump's campaign manager", "the
    email": a determiner or possessive name, its modifiers and head noun, and a post-modifier."""
    end, head = _description_head(tokens, pos, limit)
    if head is None:
        # "the email", "the release": any short noun phrase; the caller checks a verb follows
        if end == pos or end - pos > 3 or tokens[end].cap or tokens[end].lower.endswith("ly"):
            return None
        if tokens[pos].lower in POSSESSIVE_DETERMINERS:
            return None
        head = end
    if tokens[head].lower in TIME_WORDS:
        return None  # "this week", "last month": when, not who
    head = extend_post_modifier(tokens, head, limit)
    return make_phrase(tokens, text, pos, head, "description")


def _description_head(tokens: Sequence[Token], pos: int, limit: int) -> tuple[int, int | None]:
    """The last word of a description opening at pos, and its head noun if it has one
    that can speak (a person, an organisation, a title, a capitalised word)."""
    end = pos
    head = None
    while end + 1 < limit and end - pos < 7:
        nxt = tokens[end + 1]
        if nxt.lower in NOUN_LIKE_VERBS and end + 2 < limit:
            after = tokens[end + 2]
            if after.lower in SPEECH_VERBS or after.lower in VERB_FILLERS or after.text in PHRASE_ENDS:
                # "the report stated", "the note says": the noun, then the verb; "according
                # to a White House pool report.": a noun that ends the phrase
                return end + 1, end + 1
        if nxt.kind != "w" or nxt.lower in NP_STOP or nxt.lower in SPEECH_VERBS:
            if nxt.lower in SPEECH_VERBS and head is not None and end > head and is_plain_noun(tokens[end]):
                head = end  # "one Trump confidant said": the noun before the verb heads the phrase
            break
        if head is not None and nxt.lower in ARTICLES:
            break  # "his campaign sent out a message": a new noun phrase, so a verb came between
        if end > pos and not nxt.cap and nxt.lower.endswith("ed") and not tokens[end].lower.endswith("ly"):
            break  # "the museum issued …", "Norway's premier Ola Berg hailed …": a verb ends it
        if nxt.lower in POST_MODIFIER_PREPS or nxt.lower in CITED or nxt.lower in ("familiar", "close"):
            break
        end += 1
        if is_head(nxt):
            head = end
    return end, head


def _name_forward(tokens: Sequence[Token], text: str, pos: int, limit: int) -> Phrase | None:
    """ "U.S. Vice President JD Vance", "Secretary of State John Kerry", "British
    musician Ada Vos", "Ann Lee of the Sierra Club": a capitalised run with its roles."""
    end, last_name = _capitalised_run(tokens, pos, limit)
    if last_name is None or (last_name == end and last_name - pos < 2):
        # "British musician Ada Vos", "Former Olympic skater Ada Vos", "Republican
        # presidential front-runner Ada Vos": capitalised modifiers or role words, a
        # lower-case noun, then the person's name; the run is a role
        role_end = _role_noun_run(tokens, end + 1, limit) if end - pos < 3 else None
        if role_end is not None:
            person = phrase_forward(tokens, text, role_end + 1, limit)
            if person is not None and person.kind == "name" and len(person.name.split()) > 1:
                role = text[tokens[pos].start : tokens[person.first - 1].end]
                if person.role:
                    role = f"{role} {person.role}"
                return replace(make_phrase(tokens, text, pos, person.last, "name"), role=role, name=person.name)
    if last_name is None:
        return None
    if any(is_possessive(t) and not n.cap for t, n in zip(tokens[pos:end], tokens[pos + 1 : end + 1])):
        # "Ms. Lee's spokesman", "Ruritania's foreign minister": someone of the name's
        return _description_forward(tokens, text, pos, limit)
    if tokens[pos].lower in ROLE_MODIFIERS and not tokens[pos].cap and pos == last_name:
        return None
    if not _looks_personal(tokens, pos, last_name):
        last_name = extend_post_modifier(tokens, last_name, limit)
    return make_phrase(tokens, text, pos, last_name, "name")


def _capitalised_run(tokens: Sequence[Token], pos: int, limit: int) -> tuple[int, int | None]:
    """The last token of a run of capitalised and role words from pos ("of" and name
    particles inside), and the last capitalised one (None when there is none)."""
    token = tokens[pos]
    end = pos
    last_name = pos if token.cap and not is_role_word(token) else None
    while end + 1 < limit:
        nxt = tokens[end + 1]
        joins = nxt.lower in NAME_PARTICLES or (nxt.lower == "of" and is_role_word(tokens[end]))
        if not (nxt.cap or is_role_word(nxt) or (joins and end + 2 < limit and tokens[end + 2].cap)):
            break
        end += 1
        if nxt.cap:
            last_name = end
    return end, last_name


def _role_noun_run(tokens: Sequence[Token], pos: int, limit: int) -> int | None:
    """pos, when it holds one lower-case noun that a capitalised word follows:
    "skater" in "skater Ada Vos". Not a verb ("quotes Ada Vos", "named Ada Vos"),
    an adverb or a function word."""
    token = tokens[pos] if pos < limit else None
    if (
        token is None
        or pos + 1 >= limit
        or not tokens[pos + 1].cap
        or not is_plain_noun(token)
        or token.lower.endswith(("ed", "s"))
        or token.lower in SPEECH_VERBS
        or token.lower in PREPOSITIONS
        or token.lower in ARTICLES
    ):
        return None
    return pos


def _looks_personal(tokens: Sequence[Token], first: int, last: int) -> bool:
    return not any(t.lower in ORG_NAME_WORDS for t in tokens[first : last + 1])


def phrase_backward(tokens: Sequence[Token], text: str, last: int, floor: int) -> Phrase | None:
    """A speaker phrase ending at token `last`: the subject before a speech verb."""
    last = skip_parenthetical_back(tokens, last, floor)
    if last < floor or tokens[last].kind != "w":
        return None
    token = tokens[last]
    if token.lower in PRONOUNS:
        return make_phrase(tokens, text, last, last, "pronoun")
    if token.lower == "who" and last - 2 >= floor and tokens[last - 1].text == ",":
        found = _who_antecedent(tokens, text, last, floor)
        if found is None:
            return None
        # The mention runs through the relative pronoun that is the verb's subject.
        return replace(found, last=last, end=token.end)
    if token.lower == "which" and last - 2 >= floor and tokens[last - 1].text == ",":
        return _which_antecedent(tokens, text, last, floor)
    if token.lower in STANDALONE_DETERMINERS and (last == floor or tokens[last - 1].kind != "w"):
        return make_phrase(tokens, text, last, last, "description")  # "Another said", "Some argue"
    if token.lower in QUANTITY_HEADS:
        return _quantity_backward(tokens, text, last, floor)
    if token.lower in NON_NAME_WORDS or token.lower in NP_STOP or token.lower in TIME_WORDS:
        return None
    if not is_head(token):
        return _noun_after_determiner(tokens, text, last, floor)
    first, determiner = _phrase_start(tokens, last, floor)
    if determiner or (not token.cap and not any(t.cap for t in tokens[first : last + 1])):
        if not determiner and token.lower not in PERSON_HEADS and token.lower not in ORG_HEADS:
            return None
        return make_phrase(tokens, text, first, last, "description")
    if not token.cap:
        # "Trump's campaign", "Clinton spokesman": a description around a name
        return make_phrase(tokens, text, first, last, "description")
    return _through_cited(tokens, text, make_phrase(tokens, text, first, last, "name"), floor)


def _noun_after_determiner(tokens: Sequence[Token], text: str, last: int, floor: int) -> Phrase | None:
    """Any noun a determiner opens, three words back at most: "the email said", "an
    engineer cited by". Not a thing of someone's ("his tax returns")."""
    look = last - 1
    while look >= floor and last - look <= 3 and tokens[look].kind == "w" and tokens[look].lower not in NP_STOP:
        if tokens[look].lower in POSSESSIVE_DETERMINERS:
            return None
        if tokens[look].lower in DETERMINERS or is_possessive(tokens[look]):
            return make_phrase(tokens, text, look, last, "description")
        look -= 1
    return None


def _phrase_start(tokens: Sequence[Token], last: int, floor: int) -> tuple[int, bool]:
    """Where a phrase headed at `last` starts, reading back over names, roles, heads
    and possessives, and whether a determiner opens it."""
    first = last
    while first - 1 >= floor:
        prev = tokens[first - 1]
        if prev.kind != "w":
            break
        if prev.lower in DETERMINERS:
            return first - 1, True
        if prev.cap and prev.lower in NON_NAME_WORDS:
            break
        if (
            prev.cap
            or is_role_word(prev)
            or prev.lower in PERSON_HEADS
            or prev.lower in ORG_HEADS
            or is_possessive(prev)
            or (prev.lower in NAME_PARTICLES and first - 2 >= floor and tokens[first - 2].cap)
            or (prev.lower == "of" and first - 2 >= floor and is_role_word(tokens[first - 2]))  # "Secretary of State"
        ):
            first -= 1
            continue
        if (
            not prev.cap
            and prev.lower not in NP_STOP
            and prev.lower not in SPEECH_VERBS
            and not prev.lower.endswith("ly")
            and tokens[last].lower in (PERSON_HEADS | ORG_HEADS)
            and not tokens[last].cap
        ):
            # "a senior US official": a lower-case modifier inside a description
            determiner = _determiner_before(tokens, first, floor)
            if determiner is not None:
                return determiner, True
        break
    return first, False


def _determiner_before(tokens: Sequence[Token], first: int, floor: int) -> int | None:
    """A determiner up to three lower-case modifiers before `first`."""
    look = first - 1
    while (
        look - 1 >= floor
        and tokens[look - 1].kind == "w"
        and tokens[look - 1].lower not in NP_STOP
        and first - look < 4
    ):
        if tokens[look - 1].lower in DETERMINERS:
            return look - 1
        look -= 1
    return None


def _which_antecedent(tokens: Sequence[Token], text: str, which: int, floor: int) -> Phrase | None:
    """What ", which" stands for when it is a speech verb's subject: a document or an
    organisation ("the report, which notes"). The mention runs through "which"."""
    found = phrase_backward(tokens, text, which - 2, floor)
    if found is None or found.kind == "pronoun" or found.last != which - 2 or not may_speak(tokens, found):
        return None
    return replace(found, last=which, end=tokens[which].end, text=text[found.start : tokens[which].end])


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
    return make_phrase(tokens, text, first, last, "description")


def _through_cited(tokens: Sequence[Token], text: str, found: Phrase | None, floor: int) -> Phrase | None:
    """ "an official cited by Reuters, who": the speaker is the official, not Reuters."""
    if found is None or found.first - 2 < floor:
        return found
    if tokens[found.first - 1].lower == "by" and tokens[found.first - 2].lower in CITED:
        outer = phrase_backward(tokens, text, found.first - 3, floor)
        if outer is not None:
            return make_phrase(tokens, text, outer.first, found.last, "description")
    return found


def skip_parenthetical_back(tokens: Sequence[Token], pos: int, floor: int) -> int:
    """Step back over "(D-Mo.)" after a name."""
    if pos >= floor and tokens[pos].text == ")":
        look = pos - 1
        while look >= floor and pos - look < 10:
            if tokens[look].text == "(":
                return look - 1
            look -= 1
    return pos


def skip_parenthetical(tokens: Sequence[Token], pos: int, limit: int) -> int:
    if pos < limit and tokens[pos].text == "(":
        look = pos + 1
        while look < limit and look - pos < 10:
            if tokens[look].text == ")":
                return look + 1
            look += 1
    return pos


def may_speak(tokens: Sequence[Token], phrase: Phrase) -> bool:
    """Whether a phrase can be a source: a person's name, or a description headed by
    a person, an organisation, a document or a share of a group."""
    if phrase.kind == "name":
        # a person's full name, or an organisation's; a lone word may be a place
        words = [bare_word(w) for w in phrase.name.split()]
        if any(w in ORG_HEADS for w in words) or (len(words) > 1 and not any(w in ORG_NAME_WORDS for w in words)):
            return True
        # "President Zelenskyy of Ukraine said", "Mayor Klitschko of Kyiv": a lone word
        # after a title or an honorific is a person
        leading = phrase.text.split()[: -len(words) or None]
        return any(w.lower().strip(".,’'") in TITLE_WORDS or w.lower().strip(".,’'") in HONORIFICS for w in leading)
    head = tokens[phrase.last].lower
    return head in PERSON_HEADS or head in ORG_HEADS or head in TITLE_WORDS or head in QUANTITY_HEADS


def _after_office_name(words: list[str], run: int) -> int:
    """Where the person's name starts in a run of capitals that begins with the name of
    the office they hold: "the secretary of Russia's National Security Council Nikolay
    Patrushev" is Patrushev, after the council's name."""
    for pos in range(len(words) - 2, run - 1, -1):
        if bare_word(words[pos]) in ORG_NAME_WORDS or POSSESSIVE_RE.search(words[pos]):
            # a first name and a surname at least: "New Hampshire" is no office and Hampshire
            return pos + 1 if len(words) - pos > 2 else run
    return run


def _holds_a_title(words: list[str]) -> bool:
    return any(w.lower().strip(".,’'") in TITLE_WORDS or w.lower().strip(".,’'") in PERSON_HEADS for w in words)


# Heads of "someone of a person's": "the spokesman for President Lee", "the chief of staff of
# President Lee", "a lawyer for Ann Vos", "the wife of Ivo Marsh" speak for or beside the
# person, and are not the person.
SOMEONE_OF_HEADS = ANONYMOUS_HEADS | frozenset(
    """wife husband son daughter brother sister mother father lawyer lawyers attorney attorneys friend
    ally allies envoy representative staff""".split()
)


def _someone_of_the_person(words: list[str], run: int) -> bool:
    """ "The spokesman for Russian President Vladimir Putin": the words between the last
    "for", "of" or "to" and the name are the person's own title; the head before it is
    someone who speaks for them. ("The secretary of Russia's Security Council Nikolay
    Patrushev" is Patrushev: an office of a body, then its holder.)"""
    link = max((pos for pos in range(1, run) if words[pos].lower() in ("for", "of", "to")), default=None)
    if link is None or words[link - 1].lower().strip(",") not in SOMEONE_OF_HEADS:
        return False
    return all(
        bare_word(word) in TITLE_WORDS | HONORIFICS | DEMONYMS or bare_word(word) in ROLE_MODIFIERS
        for word in words[link + 1 : run]
    )


def name_in_description(found: Phrase) -> Phrase | None:
    """ "his nephew Omar el Tayeb", "the billionaire Hal Brody", "Norway's premier Ola
    Berg": a description that ends in a person's name is that person, with a role."""
    words = found.text.split()
    run = len(words)
    while run > 1 and (
        (words[run - 1][0].isupper() and words[run - 1].lower().strip(".,’'") not in TITLE_WORDS)
        or (words[run - 1].lower() in NAME_PARTICLES and run < len(words))
    ):
        run -= 1
    run = _after_office_name(words, run)
    if _someone_of_the_person(words, run):
        return None
    name_words = words[run:]
    if not name_words or len(name_words) > 4 or not name_words[0][0].isupper():
        return None
    before = words[run - 1].lower().strip(".,’'")
    if before not in TITLE_WORDS and before not in PERSON_HEADS and before not in ROLE_MODIFIERS:
        office = bare_word(before) in ORG_NAME_WORDS or POSSESSIVE_RE.search(words[run - 1])
        if not (office and _holds_a_title(words[:run])):
            return None
    if any(bare_word(w) in ORG_NAME_WORDS or (w.isupper() and len(w) > 1) for w in name_words):
        return None
    role_words = words[1:run] if words[0].lower() in DETERMINERS else words[:run]
    name = POSSESSIVE_RE.sub("", " ".join(name_words)).strip(" ,.")
    return replace(found, kind="name", role=" ".join(role_words), name=name)
