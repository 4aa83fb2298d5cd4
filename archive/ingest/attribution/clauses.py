"""Clauses around a speech verb: its subject before it (past appositives,
relative clauses, post-modifiers), the subject of a sentence a partial quote hangs
on, and what may sit between a subject and its verb."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from archive.ingest.lexicon import (
    CITED,
    CLAUSE_LINKS,
    CLAUSE_OPENERS,
    DETERMINERS,
    DOCUMENT_HEADS,
    NOUN_LIKE_VERBS,
    NP_STOP,
    ORG_NAME_WORDS,
    PERSON_HEADS,
    POSSESSIVE_DETERMINERS,
    POST_MODIFIER_PREPS,
    PREPOSITIONS,
    PRONOUNS,
    QUANTITY_HEADS,
    QUANTITY_MODIFIERS,
    REPORT_MARKERS,
    SOURCE_ADJECTIVES,
    SPEECH_VERBS,
    STANDALONE_DETERMINERS,
    SUBORDINATORS,
    TIME_WORDS,
    TITLE_WORDS,
    VERB_FILLERS,
)
from archive.ingest.names import is_first_name

from .mentions import (
    Phrase,
    make_phrase,
    may_speak,
    name_run_end,
    phrase_backward,
    phrase_forward,
    skip_parenthetical,
    skip_parenthetical_back,
)
from .tokens import (
    Token,
    is_plain_noun,
    is_possessive,
    is_role_word,
)


def subject_before_verb(tokens: Sequence[Token], text: str, verb: int, floor: int) -> Phrase | None:
    pos = _skip_fillers_back(tokens, verb - 1, floor)
    pos = _skip_time_back(tokens, pos, floor)
    pos = skip_parenthetical_back(tokens, pos, floor)
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
            found = through_post_modifier(tokens, text, phrase_backward(tokens, text, opening - 1, floor), floor)
            if found is not None:
                return appositive_name(tokens, text, found, opening + 1, pos)
        return None
    relative = _relative_clause_subject(tokens, text, pos, floor)
    if relative is not None:
        return relative
    found = phrase_backward(tokens, text, pos, floor)
    if found is None and is_plain_noun(tokens[pos]):
        # "41 percent of renters said": a bare noun is the subject only through its head
        return outermost_speaker(tokens, text, make_phrase(tokens, text, pos, pos, "description"), floor)
    holder = _name_before_open_appositive(tokens, text, found, floor)
    if holder is not None:
        return holder
    return through_post_modifier(tokens, text, found, floor)


# Small words inside a capitalised title: "Professor of Strategy and Security Studies at".
TITLE_LINKS = frozenset({"of", "and", "at", "for", "the", "on", "in", "to"})


def _name_before_open_appositive(tokens: Sequence[Token], text: str, found: Phrase | None, floor: int) -> Phrase | None:
    """ "Ann Lee, Professor of Strategy at Air University said": an appositive whose
    closing comma the writer left out; the name before it speaks, not the place
    at the end of her title. None when found is no such place."""
    if found is None or found.kind != "name" or found.first - 2 < floor:
        return None
    if tokens[found.first - 1].lower not in POST_MODIFIER_PREPS:
        return None
    pos = found.first - 2
    while pos >= floor and found.first - pos < 16:
        token = tokens[pos]
        if token.text == ",":
            person = phrase_backward(tokens, text, pos - 1, floor)
            if person is None or person.kind != "name" or person.last != pos - 1 or not may_speak(tokens, person):
                return None
            if any(word.lower().strip(".,") in ORG_NAME_WORDS for word in person.name.split()):
                return None
            return person
        if token.kind != "w" or not (token.cap or token.lower in TITLE_LINKS):
            return None
        pos -= 1
    return None


def through_post_modifier(tokens: Sequence[Token], text: str, found: Phrase | None, floor: int) -> Phrase | None:
    """ "a spokesman for the ministry said", "a person familiar with the talks said",
    "a woman in the crowd at a rally in Ohio said": the phrase before the verb is the
    object of a preposition; the subject is the outermost noun of the chain of
    prepositional phrases that can speak."""
    if found is None or found.kind == "pronoun":
        return found
    return outermost_speaker(tokens, text, found, floor) or found


def outermost_speaker(tokens: Sequence[Token], text: str, found: Phrase, floor: int) -> Phrase | None:
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
        if may_speak(tokens, outer):
            best = (
                replace(outer, last=found.last, end=found.end, text=text[outer.start : found.end])
                if outer.kind == "name"
                else make_phrase(tokens, text, outer.first, found.last, "description")
            )
        inner = outer
    return best


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
    return make_phrase(tokens, text, found.first, pos, "description")


def appositive_role(tokens: Sequence[Token], text: str, found: Phrase, limit: int) -> str | None:
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


def appositive_name(tokens: Sequence[Token], text: str, found: Phrase, first: int, comma: int) -> Phrase:
    """ "Lee's attorney, Tom Coan, said": a description followed by a name in commas is
    that person. The mention runs over both."""
    if found.kind != "description" or first >= comma:
        return found
    name = phrase_forward(tokens, text, first, comma)
    if name is None or name.kind != "name" or name.last + 1 != comma:
        return found
    if not may_speak(tokens, name) and not (
        # "One woman with the condition, Liudmila, said": a first name alone, of a person
        _head_noun(tokens, found) in PERSON_HEADS and " " not in name.name and is_first_name(name.name.lower())
    ):
        return found
    return replace(name, first=found.first, start=found.start, text=text[found.start : name.end])


def _head_noun(tokens: Sequence[Token], found: Phrase) -> str:
    """A description's head: "woman" in "one woman with the condition"."""
    for pos in range(found.first + 1, found.last + 1):
        if tokens[pos].lower in POST_MODIFIER_PREPS:
            return tokens[pos - 1].lower
    return tokens[found.last].lower


def name_before_verb(tokens: Sequence[Token], text: str, found: Phrase, verb: int, limit: int) -> tuple[Phrase, int]:
    """Where a name that opens a clause after a quote really ends, and its verb:
    `Ann Lee of the Sierra Club said` (a post-modifier of the person) and `Dover
    athletic director Bo Marsh said` (lower-case role words between an affiliation
    and the name). Unchanged when no speech verb follows such a run."""
    look = verb
    if look + 1 < limit and tokens[look].lower in ("of", "from", "at"):
        end = name_run_end(tokens, look + 2 if tokens[look + 1].lower == "the" else look + 1, limit)
        if end is not None and end + 1 < limit and tokens[end + 1].lower in SPEECH_VERBS:
            return found, end + 1
        return found, verb
    while look < limit and look - verb < 8 and tokens[look].kind == "w":
        if tokens[look].lower in SPEECH_VERBS:
            if look > verb and tokens[look - 1].cap and not is_role_word(tokens[look - 1]):
                first = look - 1
                while first - 1 > found.first and tokens[first - 1].cap and not is_role_word(tokens[first - 1]):
                    first -= 1
                # the whole run is the mention; its last capitalised words the name
                phrase = make_phrase(tokens, text, found.first, look - 1, "name")
                role = text[tokens[found.first].start : tokens[first - 1].end] if first > found.first else ""
                return replace(phrase, role=role, name=text[tokens[first].start : tokens[look - 1].end]), look
            break
        if tokens[look].lower in NP_STOP:
            break
        look += 1
    return found, verb


def is_noun_use(tokens: Sequence[Token], pos: int, floor: int) -> bool:
    """ "Trump's comments", "the claims": a speech-verb form used as a noun."""
    if pos - 1 < floor:
        return False
    prev = tokens[pos - 1]
    if prev.lower in QUANTITY_HEADS and tokens[pos].lower not in NOUN_LIKE_VERBS:
        return False  # "most said", "many warned": a share of a group is the subject
    if prev.lower in STANDALONE_DETERMINERS and (pos - 1 == floor or tokens[pos - 2].kind != "w"):
        return False  # "Another said", "One added": the determiner stands for its noun
    if prev.kind == "w" and (prev.lower in DETERMINERS or is_possessive(prev)):
        return True  # "Rubio's proposed credit", "the stated goal"
    if tokens[pos].lower not in NOUN_LIKE_VERBS:
        return False
    return prev.kind == "w" and (
        prev.lower in DETERMINERS
        or prev.lower in ("his", "her", "their", "its", "our", "my", "your", "whose")
        or is_possessive(prev)
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


def clause_pronoun(tokens: Sequence[Token], text: str, floor: int, end: int) -> Phrase | None:
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
                return make_phrase(tokens, text, pos, pos, "pronoun")
            # "after they came out", "how he planned": a subordinate clause's subject
        pos -= 1
    return None


def is_sent_object(tokens: Sequence[Token], found: Phrase, floor: int) -> bool:
    """Whether a description is a document or an addressee after a verb or "to": the
    object of "sent out a press release", "wrote to supporters"."""
    head = tokens[found.last].lower
    before = tokens[found.first - 1] if found.first - 1 >= floor else None
    if before is None or before.kind != "w" or before.cap:
        return False
    if head in DOCUMENT_HEADS or (head.endswith("s") and head[:-1] in DOCUMENT_HEADS):  # "a series of tweets"
        return before.lower not in DETERMINERS and before.lower not in PREPOSITIONS
    return before.lower == "to" and found.first - 2 >= floor and tokens[found.first - 2].kind == "w"


def noun_agent(tokens: Sequence[Token], text: str, pos: int, qpos: int) -> Phrase | None:
    """The source after a speech noun: "the claim by officials that", "a statement from
    the ministry:", "the contention of Senator Lee that". Only a phrase that can speak
    and that the reported words follow directly, so "a description of the plan as" is not."""
    found = phrase_forward(tokens, text, pos, qpos, lower_prefix=True)
    if found is None or found.kind == "pronoun" or not may_speak(tokens, found):
        return None
    after = found.last + 1
    if after < qpos and tokens[after].lower not in ("that", ":", ","):
        return None
    return found


def possessor(tokens: Sequence[Token], text: str, noun: int, floor: int) -> Phrase | None:
    """The owner of a speech noun: "Lee's warning", "his blunt description", "the
    agency's own assessment"; None when the noun has no possessive before it."""
    look = noun - 1
    while look >= floor and noun - look <= 3 and tokens[look].kind in ("w", "q"):
        token = tokens[look]
        if token.lower in POSSESSIVE_DETERMINERS:
            return make_phrase(tokens, text, look, look, "pronoun")
        if is_possessive(token):
            found = phrase_backward(tokens, text, look, floor)
            if found is not None and found.kind != "pronoun":
                return found
            return None
        if token.kind == "w" and (token.cap or token.lower in NP_STOP or token.lower in DETERMINERS):
            return None
        look -= 1
    return None


def sentence_subject(tokens: Sequence[Token], text: str, floor: int, qpos: int) -> Phrase | None:
    """The subject a partial quote hangs on: `Cruz blamed the law on “…”`, the nearest
    clause's: `Lee calls it “x,” while Ray refers to it as “y”` gives “y” to Ray."""
    for start in _clause_starts(tokens, floor, qpos):
        pos = _past_subordinator(tokens, start, qpos)
        found = phrase_forward(tokens, text, pos, qpos)
        if found is None or found.last + 1 >= qpos:
            continue
        if found.kind == "name" and found.first == found.last and tokens[pos].lower.endswith("ing"):
            continue  # "Following the meeting, …", "Facing criticism, …": a participle
        if found.kind == "pronoun" and found.text.lower() == "it":
            return None
        if found.kind == "name" and found.text.isupper() and pos == floor:
            continue  # a dateline, "KYIV, Ukraine (AP) —": where the story was filed, not who spoke
        found, verb_pos = _coordinated_subject(tokens, text, found, qpos)
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


def clause_topic(tokens: Sequence[Token], text: str, floor: int, qpos: int) -> Phrase | None:
    """The first phrase that can speak at the start of a clause before the quote,
    whatever verb follows it: the loosest guess at a speaker."""
    for start in _clause_starts(tokens, floor, qpos):
        found = phrase_forward(tokens, text, _past_subordinator(tokens, start, qpos), qpos)
        if found is None or found.last + 1 >= qpos or said_of(tokens, found.last + 1):
            continue
        if found.kind == "pronoun" and found.text.lower() not in ("it", "i", "we"):
            return found
        if found.kind != "pronoun" and may_speak(tokens, found):
            return found
    return None


BE_FORMS = frozenset("is are was were".split())
SAID_OF = frozenset("said reported believed thought understood rumoured rumored alleged known expected".split())


def said_of(tokens: Sequence[Token], verb: int) -> bool:
    """ "Putin is said to be “incandescent”": what others say of the subject, not its words."""
    words = [token.lower for token in tokens[verb : verb + 3]]
    return len(words) == 3 and words[0] in BE_FORMS and words[1] in SAID_OF and words[2] == "to"


def _clause_starts(tokens: Sequence[Token], floor: int, qpos: int) -> list[int]:
    """Where the subject of a partial quote may open, in the order they are tried: a
    clause a conjunction opens after a comma, and that holds the quote, first (`Lee
    calls it “x,” while Ray refers to it as “y”`); then the sentence's start, an opener's
    end ("And Lee gloated"), and the clause after each comma, dash or colon ("On
    Monday, ...", "Speaking in Salem, New Hampshire, Trump went after ...")."""
    starts = [floor] + [
        p + 1
        for p in range(floor, min(qpos, floor + 30))
        if tokens[p].text in (",", "—", "–", "--", ":") or (tokens[p].kind == "q" and _ends_in_comma(tokens[p]))
    ]
    if floor < qpos and tokens[floor].lower in CLAUSE_OPENERS:
        starts.insert(1, floor + 1)  # "And Lee gloated: “…”"
    clauses = [p for p in starts[1:] if p < qpos and _past_subordinator(tokens, p, qpos) > p]
    return [pos for pos in clauses[::-1] + starts if pos < qpos]


def _coordinated_subject(tokens: Sequence[Token], text: str, found: Phrase, qpos: int) -> tuple[Phrase, int]:
    """A subject with any second one coordinated to it, and where their verb may be:
    "Ann Lee of Ohio and Tom Ray of Iowa proposed a “flat tax”". The first person named
    speaks for both; the mention covers both."""
    verb_pos = skip_subject_modifiers(tokens, found, qpos)
    if verb_pos + 1 < qpos and tokens[verb_pos].lower == "and" and found.kind != "pronoun":
        other = phrase_forward(tokens, text, verb_pos + 1, qpos)
        if other is not None and other.kind == found.kind:
            verb_pos = skip_subject_modifiers(tokens, other, qpos)
            found = replace(found, last=other.last, end=other.end, text=text[found.start : other.end])
    return found, verb_pos


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


# Words of a span of time before "ago": "less than two weeks ago", "a few days ago".
AGO_WORDS = frozenset("a an few several less more than about nearly almost just only".split())


def _skip_time_back(tokens: Sequence[Token], pos: int, floor: int) -> int:
    """Step back over a time between a subject and its verb: "The ministry on Tuesday
    said", "The ministry last week said", "The ministry two weeks ago said"."""
    start = pos
    if pos >= floor and tokens[pos].lower == "ago":
        pos -= 1
        while (
            pos >= floor
            and start - pos <= 5
            and (
                tokens[pos].lower in TIME_WORDS
                or tokens[pos].lower in AGO_WORDS
                or tokens[pos].lower in QUANTITY_MODIFIERS
                or tokens[pos].lower[:1].isdigit()
            )
        ):
            pos -= 1
        return pos if pos < start - 2 else start
    if pos < floor or tokens[pos].lower not in TIME_WORDS:
        return start
    while pos >= floor and tokens[pos].lower in TIME_WORDS:
        pos -= 1
    if pos >= floor and tokens[pos].lower in ("on", "this", "last", "next", "late", "early", "earlier", "later"):
        pos -= 1
        if pos >= floor and tokens[pos].lower in ("earlier", "later", "late", "early"):
            pos -= 1
    return pos


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


def skip_subject_modifiers(tokens: Sequence[Token], found: Phrase, limit: int) -> int:
    """The verb after a subject, past what may sit between them: "(D-Ohio)",
    "of the Sierra Club", "on Tuesday", ", who led the talks,", "also"."""
    pos = skip_parenthetical(tokens, found.last + 1, limit)
    if (
        found.kind != "pronoun"
        and pos + 1 < limit
        and tokens[pos].lower in ("of", "from", "at")
        and (tokens[pos + 1].cap or tokens[pos + 1].lower == "the")
    ):
        end = name_run_end(tokens, pos + 2 if tokens[pos + 1].lower == "the" else pos + 1, limit)
        if end is not None:
            pos = end + 1
    elif found.kind == "description" and pos + 1 < limit and tokens[pos].lower == "of":
        pos = _skip_noun_list(tokens, pos + 1, limit)  # "a group of 60 writers, actors and scientists"
    pos = _skip_time(tokens, pos, limit)
    if pos < limit and tokens[pos].text == ",":
        # ", who led the talks,"; after a pronoun only a word or two: "She, too, is"
        reach = 25 if found.kind != "pronoun" else 3
        look = pos + 1
        while look < limit and tokens[look].text != "," and tokens[look].kind != "q" and look - pos < reach:
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


def heads_reported_clause(tokens: Sequence[Token], found: Phrase, qpos: int) -> bool:
    """Whether a phrase after a speech verb is the subject of the clause it reports:
    a verb follows it (`said the plan was “…”`, `said the plan “badly” failed`) rather than the
    punctuation or time that ends an inverted subject (`said Ann Lee on Friday: “…”`)."""
    nxt = found.last + 1
    if nxt < qpos:
        token = tokens[nxt]
        return token.kind == "w" and token.lower not in PREPOSITIONS and token.lower not in TIME_WORDS
    after = tokens[qpos + 1] if qpos + 1 < len(tokens) else None
    return after is not None and after.kind == "w" and not after.cap


def adjunct_then_content(tokens: Sequence[Token], pos: int, qpos: int) -> bool:
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


def ends_sentence(tokens: Sequence[Token], pos: int, limit: int) -> bool:
    return pos >= min(limit, len(tokens)) or tokens[pos].text in (".", "!", "?")


def few_words_without_that(tokens: Sequence[Token], pos: int, limit: int) -> bool:
    """At most eight words in tokens[pos:limit], none of them "that"."""
    words = 0
    for index in range(pos, limit):
        token = tokens[index]
        if token.kind == "w":
            words += 1
            if words > 8 or token.lower == "that":
                return False
    return True
