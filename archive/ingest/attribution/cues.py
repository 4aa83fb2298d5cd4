"""Speech cues next to a quote: a speech verb and its subject after the quote
(`“…,” Lee said`), before it (`Lee said: “…”`), at the end of its sentence, a
passive agent, an "as" clause, and the frames of a report around them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from archive.ingest.lexicon import (
    CLAUSE_SUBORDINATORS,
    DETERMINERS,
    DOCUMENT_HEADS,
    INTRANSITIVE_SPEECH_VERBS,
    INVERTIBLE_VERBS,
    NOUN_ONLY_VERBS,
    PREPOSITIONS,
    REPORTING_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    SUBORDINATORS,
    VERB_FILLERS,
    WEAK_SPEECH_VERBS,
)
from archive.ingest.names import is_first_name, non_speaker

from .clauses import (
    adjunct_then_content,
    appositive_name,
    clause_pronoun,
    ends_sentence,
    few_words_without_that,
    heads_reported_clause,
    is_noun_use,
    is_sent_object,
    name_before_verb,
    noun_agent,
    possessor,
    said_of,
    sentence_subject,
    subject_before_verb,
)
from .mentions import (
    Phrase,
    make_phrase,
    names_organisation,
    phrase_forward,
    skip_parenthetical,
)
from .tokens import (
    Token,
    is_plain_noun,
    is_role_word,
)


def cue_after(
    tokens: Sequence[Token], text: str, pos: int, limit: int, *, comma_before: bool = False
) -> tuple[Phrase, Token] | None:
    """`,” he said` / `,” said Name` / `,” Name, the ..., said` / `according to X`.
    With comma_before (the quote ended in a comma, ! or ?), any past tense after it
    is a cue: `“…,” Trump barked`."""
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
        return _inverted_subject(tokens, text, pos, limit)
    if comma_before and token.lower in DOCUMENT_VERBS:
        # `“…,” reads an editorial in the Herald`: a document reads its words out
        found = phrase_forward(tokens, text, pos + 1, limit)
        if found is not None and any(_is_document(word) for word in tokens[found.first : found.last + 1]):
            return found, token
    found = _subject_then_verb(tokens, text, phrase_forward(tokens, text, pos, limit), limit, comma_before)
    if found is None and comma_before and not token.cap:
        # `“…,” panel Chairman Ann Lee said`: lower-case words of her role before the name
        prefixed = phrase_forward(tokens, text, pos, limit, lower_prefix=True)
        found = _subject_then_verb(tokens, text, prefixed, limit, comma_before)
    if found is None and comma_before and not token.cap:
        found = _long_role_then_name(tokens, text, pos, limit)
    return found


# Words that open a clause of their own inside a role run: past them the name and verb
# are another sentence's ("…,” the analyst who met Lee said").
_ROLE_RUN_BREAKS = SUBORDINATORS | {"that", "but", "says", "said"}


def _long_role_then_name(tokens: Sequence[Token], text: str, pos: int, limit: int) -> tuple[Phrase, Token] | None:
    """`“…,” political analyst and scholar at the Carnegie Endowment Tatiana Stanovaya
    said`: a role longer than four words, with its own affiliation, ends in the name
    that speaks; the name is the capitalised run right before the speech verb."""
    for verb in range(pos + 2, min(limit, pos + 20)):
        token = tokens[verb]
        if token.kind != "w" or token.lower in SPEECH_VERBS:
            break
    else:
        return None
    if token.lower not in SPEECH_VERBS or token.lower.endswith("ing") or not tokens[verb - 1].cap:
        return None
    if any(t.lower in _ROLE_RUN_BREAKS for t in tokens[pos:verb]):
        return None
    # A first name and a surname, with a middle name or initial when a first name
    # precedes them ("Donald J. Trump"); the affiliation's words before them are role.
    first = verb - 2
    if first - 1 > pos and is_first_name(tokens[first - 1].lower):
        first -= 1
    if first <= pos or not all(t.cap for t in tokens[first:verb]):
        return None
    if names_organisation([t.text for t in tokens[first:verb]]):
        return None  # "…, analysts at the Carnegie Endowment said": a body, not a person
    phrase = make_phrase(tokens, text, pos, verb - 1, "name")
    role = text[tokens[pos].start : tokens[first - 1].end]
    return replace(phrase, role=role, name=text[tokens[first].start : tokens[verb - 1].end]), token


def _subject_then_verb(
    tokens: Sequence[Token], text: str, found: Phrase | None, limit: int, comma_before: bool
) -> tuple[Phrase, Token] | None:
    """A subject after a quote and its speech verb, past a parenthesis (`(D-Ohio)`), an
    affiliation, an appositive, auxiliaries and adverbs."""
    if found is None:
        return None
    verb = skip_parenthetical(tokens, found.last + 1, limit)
    if found.kind == "name":
        found, verb = name_before_verb(tokens, text, found, verb, limit)
    if found.kind == "name" and verb + 1 < limit and tokens[verb].lower == "and":
        # `“…,” Ann Lee and Tom Ray wrote`: co-authors; the first named speaks for both
        other = phrase_forward(tokens, text, verb + 1, limit)
        if other is not None and other.kind == "name":
            found = replace(found, last=other.last, end=other.end, text=text[found.start : other.end])
            verb = other.last + 1
    if found.kind == "description" and verb < limit and tokens[verb].lower == "of":
        found, verb = _through_of(tokens, text, found, verb, limit)
    if verb < limit and tokens[verb].text == ",":
        found, verb = _past_appositive(tokens, text, found, verb, limit)
    elif comma_before and found.kind == "description" and verb < limit and tokens[verb].lower in PREPOSITIONS:
        verb = _past_place(tokens, verb, limit)
    if said_of(tokens, verb):
        return None  # `“…,” Biden was said to have warned`: what others say of him
    verb = _skip_fillers(tokens, verb, limit)
    if verb >= limit:
        return None
    if tokens[verb].lower in SPEECH_VERBS and not tokens[verb].lower.endswith("ing"):
        return found, tokens[verb]
    if tokens[verb].lower in DOCUMENT_VERBS and found.kind == "description" and _is_document(tokens[found.last]):
        return found, tokens[verb]  # `“…,” the editorial read`, `a message on the site reads`
    if comma_before and tokens[verb].kind == "w" and tokens[verb].lower.endswith("ed") and not tokens[verb].cap:
        return found, tokens[verb]  # `“…,” Trump barked`: any verb after a quote's comma
    return None


def _through_of(tokens: Sequence[Token], text: str, found: Phrase, of: int, limit: int) -> tuple[Phrase, int]:
    """ "Lee's chief of staff, Tom Ray, told": a role that goes on with "of" before the
    comma of its appositive name. Unchanged unless a comma follows a word or two."""
    pos = of + 1
    while pos < limit and pos - of <= 2 and tokens[pos].kind == "w" and not tokens[pos].cap:
        pos += 1
    if pos == of + 1 or pos >= limit or tokens[pos].text != ",":
        return found, of
    return make_phrase(tokens, text, found.first, pos - 1, "description"), pos


def _inverted_subject(tokens: Sequence[Token], text: str, verb: int, limit: int) -> tuple[Phrase, Token] | None:
    """`,” said Ann Lee`, `“Enough!” roared the crowd outside.`: the phrase after an
    invertible verb; after another verb only a name, or a phrase that ends the sentence."""
    token = tokens[verb]
    found = phrase_forward(tokens, text, verb + 1, limit, lower_prefix=token.lower in INVERTIBLE_VERBS)
    if found is not None and found.kind == "description":
        found = _name_after_title(tokens, text, found, limit)
    if found is not None and (
        token.lower in INVERTIBLE_VERBS or found.kind == "name" or ends_sentence(tokens, found.last + 1, limit)
    ):
        return found, token
    return None


def _name_after_title(tokens: Sequence[Token], text: str, found: Phrase, limit: int) -> Phrase:
    """`,” said the foreign secretary, Ann Lee.`: a name in apposition after the
    description, ending the sentence or the clause, is the speaker."""
    comma = found.last + 1
    if comma + 1 >= limit or tokens[comma].text != ",":
        return found
    name = phrase_forward(tokens, text, comma + 1, limit)
    if name is None or name.kind != "name":
        return found
    if not (ends_sentence(tokens, name.last + 1, limit) or tokens[name.last + 1].text in (",", ";", "—", "–")):
        return found
    return appositive_name(tokens, text, found, comma + 1, name.last + 1)


# What a document does with its words besides the speech verbs: "the sign reads".
DOCUMENT_VERBS = frozenset({"read", "reads"})


def _is_document(token: Token) -> bool:
    return token.lower in DOCUMENT_HEADS or (token.lower.endswith("s") and token.lower[:-1] in DOCUMENT_HEADS)


def _past_place(tokens: Sequence[Token], prep: int, limit: int) -> int:
    """Past a short prepositional phrase between a description and its speech verb:
    `“…?” a staffer in the room wondered`. Unchanged when no speech verb follows it."""
    for pos in range(prep + 1, min(limit, prep + 5)):
        token = tokens[pos]
        if token.kind != "w":
            break
        if (
            (token.lower in SPEECH_VERBS or token.lower in DOCUMENT_VERBS)
            and not token.cap
            and not token.lower.endswith("ing")
        ):
            return pos
    return prep


# Words that end a role inside an unclosed appositive: a clause of its own begins.
NP_STOP_FOR_ROLES = frozenset({"who", "which", "that", "and", "but", "when", "where"})


def _past_appositive(tokens: Sequence[Token], text: str, found: Phrase, comma: int, limit: int) -> tuple[Phrase, int]:
    """An appositive between subject and verb, perhaps with commas of its own: `Harry
    Bond, 30, of Raleigh, N.C., who was polled, said`; a name in it is the speaker:
    `“…,” the country's president, Ada Vos, said`. The phrase and where its verb may be."""
    look = comma + 1
    while look < limit and look - comma < 30 and tokens[look].kind != "q":
        if tokens[look].text == "," and look + 1 < limit:
            after = _skip_fillers(tokens, look + 1, limit)
            if after < limit and tokens[after].lower in SPEECH_VERBS:
                return appositive_name(tokens, text, found, comma + 1, look), look + 1
        look += 1
    if found.kind == "name":
        # `“…,” Ann Lee, spokesperson for the Harbour Party told ABC News`: the
        # appositive's closing comma left out; a role of words, then the verb
        for look in range(comma + 2, min(limit, comma + 15)):
            token = tokens[look]
            if token.kind != "w" or token.lower in NP_STOP_FOR_ROLES:
                break
            if token.lower in SPEECH_VERBS and not token.cap and not token.lower.endswith("ing"):
                if is_role_word(tokens[comma + 1]) or tokens[comma + 1].lower in DETERMINERS:
                    return found, look
                break
    return found, comma


def _skip_fillers(tokens: Sequence[Token], pos: int, limit: int) -> int:
    """Past auxiliaries and adverbs: "has also said", "bluntly said"."""
    while (
        pos < limit
        and tokens[pos].kind == "w"
        and (tokens[pos].lower in VERB_FILLERS or tokens[pos].lower.endswith("ly"))
    ):
        pos += 1
    return pos


def cue_before(tokens: Sequence[Token], text: str, qpos: int, floor: int) -> tuple[Phrase, Token] | None:
    """`Name said: “…”`, `He vowed that … “…”`, `X, who judged it “…”`: the nearest
    speech verb before the quote whose subject is found, or "according to X"; else
    the source of a speech noun (`Lee's warning that the plan is “reckless”`)."""
    pos = qpos - 1
    fallback: tuple[Phrase, Token] | None = None
    while pos >= floor:
        token = tokens[pos]
        if token.kind != "w":
            pos -= 1
            continue
        found = _subject_of_speech_verb(tokens, text, pos, qpos, floor) if _speaks(tokens, pos, qpos, floor) else None
        if found is not None:
            if fallback is not None and any(t.kind == "q" for t in tokens[pos + 1 : fallback[0].first]):
                # `what he called “x,” voiced in his demand: “y”`: the verb's own quote
                # came between; the speech noun frames this one
                return fallback
            return found, token
        if token.lower == "according" and pos + 1 < qpos and tokens[pos + 1].lower == "to":
            found = phrase_forward(tokens, text, pos + 2, qpos)
            if found is not None:
                return found, token
        if fallback is None and token.lower in SPEECH_NOUNS:
            found = _speech_noun_source(tokens, text, pos, qpos, floor)
            if found is not None:
                fallback = (found, token)
        pos -= 1
    return fallback


def _speaks(tokens: Sequence[Token], pos: int, qpos: int, floor: int) -> bool:
    """Whether the word at pos is a speech verb used as one: not a noun ("Trump's
    comments"), not "continued to pay", not a weak verb far from the quote."""
    token = tokens[pos]
    weak = (
        (token.lower in WEAK_SPEECH_VERBS and qpos - pos > 3)
        or (
            # "continued to pay", "is continuing to fight": a verb of going on, no speech
            token.lower in INTRANSITIVE_SPEECH_VERBS and tokens[pos + 1].lower == "to"
        )
        # "Putin is said to be “incandescent”": what others say of the subject
        or (pos > floor and said_of(tokens, pos - 1))
    )
    return (
        token.lower in SPEECH_VERBS
        and token.lower not in NOUN_ONLY_VERBS
        and (not token.cap or (pos == floor and token.lower in INVERTIBLE_VERBS))
        and not weak
        and not is_noun_use(tokens, pos, floor)
    )


def _subject_of_speech_verb(tokens: Sequence[Token], text: str, pos: int, qpos: int, floor: int) -> Phrase | None:
    """Who speaks through the speech verb at pos, before a quote at qpos."""
    token = tokens[pos]
    found = None
    if token.lower.endswith("ing") and pos - 1 >= floor and tokens[pos - 1].text == ",":
        found = _participle_subject(tokens, text, pos, floor)
    if found is None:
        found = subject_before_verb(tokens, text, pos, floor)
        if (
            found is not None
            and found.kind == "description"
            and token.lower.endswith("ing")
            and is_sent_object(tokens, found, floor)
        ):
            # "she sent an email saying", "the campaign issued a release to donors
            # saying": the sender speaks, not the document or its addressee
            sender = clause_pronoun(tokens, text, floor, found.first) or sentence_subject(
                tokens, text, floor, found.first
            )
            if sender is not None:
                found = sender
    if found is None and pos - 1 >= floor and tokens[pos - 1].lower == "and":
        # "Lee denounced it and said", "when asked, he laughed and said"
        found = clause_pronoun(tokens, text, floor, pos - 1) or sentence_subject(tokens, text, floor, pos)
    if found is None and pos + 1 < qpos and tokens[pos + 1].kind == "w" and token.lower in INVERTIBLE_VERBS:
        # inverted: "said Kremlin spokesman Dmitry Peskov: “…”"
        found = phrase_forward(tokens, text, pos + 1, qpos, lower_prefix=True)
        if found is not None and (found.kind == "pronoun" or heads_reported_clause(tokens, found, qpos)):
            # `Lee, 31, said the council “…”`: the phrase after the verb is what
            # was said about; the verb's own subject sits earlier in the sentence
            found = sentence_subject(tokens, text, floor, pos)
    return found


def _participle_subject(tokens: Sequence[Token], text: str, pos: int, floor: int) -> Phrase | None:
    """ "…, saying that …": the main clause's subject speaks ("Nefzi said, adding")."""
    found = None
    if (
        pos - 2 >= floor
        and tokens[pos - 2].lower in SPEECH_VERBS
        and not is_noun_use(tokens, pos - 2, floor)  # "recites the campaign points, calling"
    ):
        found = subject_before_verb(tokens, text, pos - 2, floor)
    if found is None:
        found = clause_pronoun(tokens, text, floor, pos - 1)
    if found is None:
        found = sentence_subject(tokens, text, floor, pos - 1)
    return found


def _speech_noun_source(tokens: Sequence[Token], text: str, pos: int, qpos: int, floor: int) -> Phrase | None:
    """The source of a speech noun whose content follows: its possessor ("Lee's
    warning that", "his demand in Berlin: “…”") or its agent ("the claim by officials
    that", "a statement from the ministry:")."""
    if pos + 1 <= qpos and (
        tokens[pos + 1].kind == "q"
        or tokens[pos + 1].lower in ("that", "of", ":", ",")
        or adjunct_then_content(tokens, pos + 1, qpos)
    ):
        found = possessor(tokens, text, pos, floor)
        if found is not None:
            return found
    if pos + 2 < qpos and tokens[pos + 1].lower in ("by", "from", "of"):
        return noun_agent(tokens, text, pos + 2, qpos)
    return None


def cue_at_sentence_end(tokens: Sequence[Token], text: str, pos: int, limit: int) -> tuple[Phrase, Token] | None:
    """`… signals “the beginning of the end” for the bloc, said Geert Wilders.`"""
    for comma in range(pos, limit):
        if tokens[comma].text != ",":
            continue
        cue = cue_after(tokens, text, comma + 1, limit)
        if cue is None:
            continue
        end = cue[0].last
        for pos_verb in range(comma, limit):
            if tokens[pos_verb] is cue[1]:
                end = max(end, pos_verb)
                break
        if end + 1 < limit and tokens[end + 1].text == "," and cue[0].kind == "name":
            return cue  # `…, said Ann Lee, a lawyer for the union, who …`: an appositive
        if few_words_without_that(tokens, end + 1, limit):
            return cue
    return None


def passive_agent(tokens: Sequence[Token], text: str, qpos: int, floor: int, limit: int) -> tuple[Phrase, Token] | None:
    """`were called “a basket of fools” by Hale`, `was described as “reckless,” by the
    mayor`: a passive speech verb just before the quote, its agent after "by"; or
    between them: `an option seen by organizers as a “lifeboat”`."""
    by = qpos + 1
    if by < limit and tokens[by].text == ",":
        by += 1
    if by + 1 >= limit or tokens[by].lower != "by":
        return _agent_before(tokens, text, qpos, floor)
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


def _agent_before(tokens: Sequence[Token], text: str, qpos: int, floor: int) -> tuple[Phrase, Token] | None:
    """ "VERB-ed by AGENT as (a) “…”": a passive of seeing, knowing or calling."""
    as_pos = qpos - 1 if tokens[qpos - 1].lower == "as" else qpos - 2
    if as_pos - 3 < floor or tokens[as_pos].lower != "as" or tokens[as_pos + 1].kind not in ("q", "w"):
        return None
    for by in range(as_pos - 2, max(floor, as_pos - 8), -1):
        if tokens[by].lower != "by":
            continue
        verb = tokens[by - 1] if by - 1 >= floor else None
        if verb is None or verb.kind != "w" or not verb.lower.endswith(("ed", "en", "wn")):
            return None
        found = phrase_forward(tokens, text, by + 1, as_pos)
        if found is None or found.kind == "pronoun" or found.last + 1 != as_pos:
            return None
        return found, verb
    return None


def as_clause(tokens: Sequence[Token], text: str, qpos: int, limit: int) -> tuple[Phrase, Token] | None:
    """`“…,” as one aide put it` and `a “regional” candidate, as her rival suggested`:
    an "as" clause right after the quote (past at most a noun or two it modifies)
    names who used the words."""
    pos = qpos + 1
    while pos < limit and pos - qpos <= 3 and tokens[pos].kind == "w" and is_plain_noun(tokens[pos]):
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


def leading_source(tokens: Sequence[Token], text: str, floor: int, qpos: int) -> tuple[Phrase, Token] | None:
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
        found = make_phrase(tokens, text, floor + 2, comma - 1, "description")
    return (found, tokens[floor]) if found.kind != "pronoun" else None


def leading_as_clause(tokens: Sequence[Token], text: str, floor: int, qpos: int) -> tuple[Phrase, Token] | None:
    """`As Ann Lee put it in a memo, the plan is “dead,”`, `But as the Herald noted on
    Friday, …`: an "as" clause that opens the sentence (or a clause after a comma)
    and closes with a comma before the quote names whose words the sentence gives."""
    for pos in range(floor, qpos - 3):
        if tokens[pos].lower != "as" or not (
            pos == floor or tokens[pos - 1].text == "," or tokens[pos - 1].lower in ("but", "and")
        ):
            continue
        found = _subject_then_verb(tokens, text, phrase_forward(tokens, text, pos + 1, qpos), qpos, False)
        if found is None or found[0].kind == "pronoun" and found[0].text.lower() == "it":
            continue
        verb = next(p for p in range(found[0].last + 1, qpos) if tokens[p] is found[1])
        comma = next((p for p in range(verb + 1, min(qpos, verb + 14)) if tokens[p].text == ","), None)
        if comma is None or not all(t.kind == "w" for t in tokens[verb + 1 : comma]):
            continue
        if comma == verb + 1 or tokens[verb + 1].lower == "it" or tokens[verb + 1].lower in PREPOSITIONS:
            return found  # "as Lee noted,", "as Lee put it", "as Lee wrote in a memo": not "as Lee attacked Ray"
    return None


def outer_source(
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
            found = _source_after_nationality(tokens, text, phrase_forward(tokens, text, pos + 2, limit), limit)
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


def _source_after_nationality(tokens: Sequence[Token], text: str, found: Phrase | None, limit: int) -> Phrase | None:
    """ "according to Russian state news agency RIA Novosti": a nationality is no source,
    the name its description leads to is ("RIA Novosti"); with no name, no outer source."""
    if found is None or found.kind != "name" or non_speaker(found.name) != "nationality":
        return found
    described = phrase_forward(tokens, text, found.last + 1, limit, lower_prefix=True)
    if described is None or described.kind != "name":
        return None
    first = next(pos for pos in range(described.first, described.last + 1) if tokens[pos].cap)
    return make_phrase(tokens, text, first, described.last, "name")


# Words after a comma that open a clause of its own, coordinated with the one before
# or subordinate to it: what comes after is no longer what an earlier verb reports.
CLAUSE_BREAKERS = frozenset({"and", "but", "yet", "while", "whereas", "although", "though", "when", "after", "as"})
# Prepositions after a speech verb that take its object, not a clause: "responds to",
# "agrees with", "asked about" ("said on Monday that" still reports one).
OBJECT_PREPOSITIONS = frozenset({"to", "with", "about", "for", "of", "against", "from"})
# Punctuation that ends the clause a verb reports: a parenthesis, a dash, a colon.
REPORT_BREAKS = frozenset({";", ":", "(", ")", "-", "—", "–", "--"})


def outer_reporter(
    tokens: Sequence[Token], text: str, floor: int, inner: int, qpos: int
) -> tuple[Phrase, Token] | None:
    """`Lee said Ray called it “a disgrace”`, `He said that the plan, which some have
    called a “giveaway,” would pass`: the first verb of the sentence that reports a
    clause (its subject before it, the verb in no subordinate clause of its own), when
    the clause it reports runs on to the mention at `inner` that a nearer verb gave
    the quote to."""
    for pos in range(floor, inner):
        token = tokens[pos]
        if (
            token.kind != "w"
            or token.lower not in REPORTING_VERBS
            or not _speaks(tokens, pos, qpos, floor)
            or (pos + 1 < inner and tokens[pos + 1].lower in OBJECT_PREPOSITIONS)
            or _in_subordinate_clause(tokens, floor, pos)
            or _clause_ends(tokens, pos + 1, inner, qpos)
        ):
            continue
        found = _subject_of_speech_verb(tokens, text, pos, qpos, floor)
        if found is not None and found.last < pos:
            return found, token
    return None


def _in_subordinate_clause(tokens: Sequence[Token], floor: int, verb: int) -> bool:
    """Whether a conjunction opens the clause of the verb at `verb`: "When Lee noted
    that …,", "Ever since Lee announced …"."""
    for pos in range(verb - 1, floor - 1, -1):
        token = tokens[pos]
        if token.text == ",":
            return False
        if token.lower in CLAUSE_SUBORDINATORS or token.lower == "how":
            return True
    return False


def _clause_ends(tokens: Sequence[Token], start: int, end: int, qpos: int) -> bool:
    """Whether a clause of its own opens in tokens[start:end]: a quote, a parenthesis,
    a dash or colon, "and" or "but", a comma and a conjunction (", while", ", when"),
    or a relative clause after a comma that holds the quote (`…, which he called “…”`)."""
    for pos in range(start, end):
        token = tokens[pos]
        if token.kind == "q" or token.text in REPORT_BREAKS or token.lower in ("and", "but"):
            return True
        if token.text != "," or pos + 1 >= end:
            continue
        nxt = tokens[pos + 1].lower
        if nxt in CLAUSE_BREAKERS or (
            nxt in ("which", "who") and all(t.text != "," for t in tokens[pos + 2 : qpos - 1])
        ):
            return True
    return False
