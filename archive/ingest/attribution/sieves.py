"""Quote-to-mention sieves: the rules that find the mention a quote is attributed
to, from the most precise to the loosest. Each is a named row with the sentence it
was written for; `find_cue` applies them in order and the first that finds a
mention wins. Then the frames of a report (`…, according to the Post`) may take
the quote for an outer source, as PolNeAR's univocal annotation does."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from archive.ingest.lexicon import (
    CHARGE_LEADS,
    CLAIM_NOUNS,
    CLAUSE_REPORTING_CUES,
    POLL_HEADS,
    PRONOUNS,
    QUANTITY_HEADS,
    REJECTING_VERBS,
    REPORTING_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    WEAK_SPEECH_VERBS,
)
from archive.ingest.quotes import QuoteSpan
from archive.ingest.speakers import split_role

from .carry import PREVIOUS_SENTENCE_SUBJECT, PREVIOUS_SENTENCE_VERB
from .clauses import said_of, sentence_subject
from .cues import (
    as_clause,
    cue_after,
    cue_at_sentence_end,
    cue_before,
    leading_as_clause,
    leading_source,
    outer_reporter,
    outer_source,
    passive_agent,
)
from .decision import Cue, choose
from .mentions import Phrase, may_speak, names_organisation, phrase_backward, phrase_forward
from .paragraph import Paragraph
from .tokens import Token, closing_mark_length

DASHES = ("-", "—", "–", "--")


class QuoteSite:
    """A quote token and the stretch of its paragraph a cue is looked for in: its
    sentence (at most CUE_WINDOW tokens either side), up to the next quote."""

    def __init__(self, para: Paragraph, qpos: int) -> None:
        self.para = para
        self.tokens = para.tokens
        self.text = para.text
        self.qpos = qpos
        self.span: QuoteSpan = para.spans[para.tokens[qpos].quote]
        bounds = para.bounds
        self.floor = bounds.start(qpos)
        self.sentence_end = bounds.end(qpos)
        self.limit = min(self.sentence_end, bounds.next_quote(qpos + 1))
        self.quoted = self.text[self.span.start : self.span.end].rstrip()
        # `“…,” Lee barked` and `“…!” beamed Lee`: any verb right after such a quote is a cue
        self.comma = self.quoted.endswith((",", "!", "?")) or self.text.startswith(
            ",", self.span.end + closing_mark_length(self.text, self.span)
        )

    @cached_property
    def after(self) -> tuple[Phrase, Token] | None:
        """A speech verb and its subject right after the quote."""
        return cue_after(self.tokens, self.text, self.qpos + 1, self.limit, comma_before=self.comma)

    @cached_property
    def before(self) -> tuple[Phrase, Token] | None:
        """The nearest speech verb (or noun) before the quote in its sentence, and its subject."""
        return cue_before(self.tokens, self.text, self.qpos, self.floor)


Found = tuple[Phrase, Token | None] | None


# A transcript's speaker label opening a quote: `"WALLACE: Let's start with the debate."`
TRANSCRIPT_LABEL_RE = re.compile(r"((?:[A-Z][A-Z.'’-]*\s){0,2}[A-Z][A-Z.'’-]+):\s")


def _transcript_label(site: QuoteSite) -> Found:
    """An upper-case name and a colon opening the quote speaks it."""
    label = TRANSCRIPT_LABEL_RE.match(site.text, site.span.start, site.span.end)
    if label is None or not any(ch.isalpha() for ch in label.group(1)):
        return None
    words = label.group(1).title()
    role, name = split_role(words)
    mention = Phrase(
        first=site.qpos,
        last=site.qpos,
        start=label.start(1),
        end=label.end(1),
        text=label.group(1),
        kind="name",
        role=role,
        name=name or words,
    )
    return mention, None


def _passive_agent(site: QuoteSite) -> Found:
    return passive_agent(site.tokens, site.text, site.qpos, site.floor, site.limit)


def _as_clause(site: QuoteSite) -> Found:
    return as_clause(site.tokens, site.text, site.qpos, site.limit)


def _dash_name_colon(site: QuoteSite) -> Found:
    """A name heading the quote after a dash speaks, whatever verb the headline
    before the dash has."""
    tokens, qpos, floor = site.tokens, site.qpos, site.floor
    if qpos - 2 < floor or tokens[qpos - 1].text != ":":
        return None
    found = phrase_backward(tokens, site.text, qpos - 2, floor)
    if (
        found is not None
        and found.kind == "name"
        and found.first - 1 >= floor
        and tokens[found.first - 1].text in DASHES
    ):
        return found, tokens[qpos - 1]
    return None


def _reporting_verb_after(site: QuoteSite) -> Found:
    """Only "said", "added" and the like stand outside a quote and report it; a quote
    that opens its sentence has no verb before it to compete."""
    after = site.after
    if after is not None and (after[1].lower in CLAUSE_REPORTING_CUES or site.qpos - 1 < site.floor):
        return after
    return None


def _verb_right_before(site: QuoteSite) -> Found:
    """A speech verb right before the quote frames it, ahead of a verb after its comma
    that does not report a clause."""
    before = site.before
    if before is None or site.after is None:
        return None
    tokens = site.tokens
    if any(t is before[1] for t in tokens[max(site.floor, site.qpos - 2) : site.qpos]):
        return before
    return None


def _verb_after(site: QuoteSite) -> Found:
    return site.after


def _question_ends_sentence(site: QuoteSite) -> Found:
    """A quote that opens its sentence and ends in ? or ! ended that sentence too;
    its cue opens the next."""
    tokens, qpos, limit = site.tokens, site.qpos, site.limit
    if not (
        limit == qpos + 1
        and limit < len(tokens)
        and tokens[limit].kind != "q"
        and site.quoted[-1:] in "?!"
        and site.floor == qpos
    ):
        return None
    bounds = site.para.bounds
    candidate = cue_after(tokens, site.text, limit, min(bounds.end(limit), bounds.next_quote(limit)))
    if candidate is not None and (candidate[0].first == limit or tokens[limit] is candidate[1]):
        return candidate
    return None


def _verb_at_sentence_end(site: QuoteSite) -> Found:
    return cue_at_sentence_end(site.tokens, site.text, site.qpos + 1, site.sentence_end)


def _verb_before(site: QuoteSite) -> Found:
    return site.before


def _another_subject_speaks(tokens: Sequence[Token], start: int, end: int) -> bool:
    """A pronoun and a speech verb between a heading's name and its colon: "he said"."""
    return any(tokens[pos].lower in PRONOUNS and tokens[pos + 1].lower in SPEECH_VERBS for pos in range(start, end - 1))


def _colon_heading(site: QuoteSite) -> Found:
    """A name (not a description) before a colon that opens the quote, perhaps after a
    dash and with its medium or role."""
    tokens, qpos, floor = site.tokens, site.qpos, site.floor
    if qpos - 1 < floor or tokens[qpos - 1].text != ":":
        return None
    start = qpos - 2
    while start > floor and tokens[start - 1].text not in DASHES and qpos - start < 15:
        start -= 1
    found = phrase_forward(tokens, site.text, start, qpos - 1)
    if found is not None and _another_subject_speaks(tokens, found.last + 1, qpos - 1):
        return None  # `Street fighting is under way, he said, adding: “…”`: a clause, no heading
    if found is None:
        found = phrase_backward(tokens, site.text, qpos - 2, floor)
    elif found.kind == "description":
        # `The surge does not surprise pollster Dara Shaw: “…”`: the name the colon
        # follows, a person's full name (not `quoting da Vinci in Italian: “…”`)
        found = phrase_backward(tokens, site.text, qpos - 2, floor)
        if found is not None and not may_speak(tokens, found):
            return None
    if found is not None and found.kind != "description":
        return found, tokens[qpos - 1]
    return None


PRESENTATIVES = frozenset({"here's", "here’s", "here"})


def _presented_by_here(site: QuoteSite) -> Found:
    """ "Here's Ann Lee in 1992: “…”": a sentence that presents a person before the
    colon opening the quote; adjuncts of time and place may follow the name."""
    tokens, qpos, floor = site.tokens, site.qpos, site.floor
    if qpos - 3 < floor or tokens[qpos - 1].text != ":" or tokens[floor].lower not in PRESENTATIVES:
        return None
    start = floor + 1
    if tokens[floor].lower == "here":
        if tokens[start].lower not in ("is", "was"):
            return None
        start += 1
    found = phrase_forward(tokens, site.text, start, qpos - 1)
    if found is not None and found.kind == "name":
        return found, tokens[qpos - 1]
    return None


def _sentence_subject(site: QuoteSite) -> Found:
    """A partial quote hangs on its sentence's verb: the subject speaks."""
    if site.qpos <= site.floor:
        return None
    subject = sentence_subject(site.tokens, site.text, site.floor, site.qpos)
    if subject is None or said_of(site.tokens, subject.last + 1):
        return None
    return subject, site.tokens[subject.last + 1]


@dataclass(frozen=True, kw_only=True)
class Sieve:
    """One rule: its name, the sentence it was written for and whom that sentence's
    quote is attributed to, and how it finds a cue."""

    name: str
    example: str
    speaker: str
    find: Callable[[QuoteSite], Found]


# From the most precise to the loosest; the first that finds a mention wins.
QUOTE_SIEVES: tuple[Sieve, ...] = (
    Sieve(
        name="transcript_label",
        example="“LOWE: We will not raise taxes this year.”",
        speaker="Lowe",
        find=_transcript_label,
    ),
    Sieve(
        name="passive_agent",
        example="The plan was called “a basket of fools” by Ada Vos.",
        speaker="Ada Vos",
        find=_passive_agent,
    ),
    Sieve(
        name="as_clause",
        example="The bill is “a giveaway,” as one aide put it.",
        speaker="one aide",
        find=_as_clause,
    ),
    Sieve(
        name="dash_name_colon",
        example="Polls were early - Ann Lee: “We won.”",
        speaker="Ann Lee",
        find=_dash_name_colon,
    ),
    Sieve(
        name="reporting_verb_after",
        example="“The harbour will reopen,” Nadia Ferreira said.",
        speaker="Nadia Ferreira",
        find=_reporting_verb_after,
    ),
    Sieve(
        name="verb_right_before",
        example="A clip that the mayor called “distasteful,” Lee posted online.",
        speaker="the mayor",
        find=_verb_right_before,
    ),
    Sieve(
        name="verb_after",
        example="At the rally, “We want our jobs back!” roared the crowd.",
        speaker="the crowd",
        find=_verb_after,
    ),
    Sieve(
        name="question_ends_sentence",
        example="“Is it in our interest?” Lisa Moreau said.",
        speaker="Lisa Moreau",
        find=_question_ends_sentence,
    ),
    Sieve(
        name="verb_at_sentence_end",
        example="The vote signals “the beginning of the end” for the bloc, said Geert Vos.",
        speaker="Geert Vos",
        find=_verb_at_sentence_end,
    ),
    Sieve(
        name="verb_before",
        example="Mayor Ilse Vandam said: “The tunnel is safe.”",
        speaker="Ilse Vandam",
        find=_verb_before,
    ),
    Sieve(
        name="presented_by_here",
        example="Here’s Nadia Ferreira in March 2019: “The harbour will reopen.”",
        speaker="Nadia Ferreira",
        find=_presented_by_here,
    ),
    Sieve(
        name="colon_heading",
        example="Meghan Lowe, Twitter: “Not again.”",
        speaker="Meghan Lowe",
        find=_colon_heading,
    ),
    Sieve(
        name="sentence_subject",
        example="Ted Cruz pinned the failure on “knuckleheaded politicians who never read the bill.”",
        speaker="Ted Cruz",
        find=_sentence_subject,
    ),
)


# Frames of a report around a cue: they take the quote for the outer source.
def _outer_report(site: QuoteSite, cue: Cue | None) -> Found:
    """`“…,” the mayor said, according to the Post`: the Post's report. A cue that names
    a speaker keeps the quote (`Putin said, according to Reuters` is Putin's: a researcher
    looks for it on his page), where PolNeAR gives it to the outer source; a body's words
    a named person reports are the person's."""
    if cue is None:
        # `Conditions remained “tight,” with “modest” gains, according to the survey`:
        # with no cue of its own, the report's frame may lie past further quotes
        here = Phrase(first=site.qpos, last=site.qpos, start=0, end=0, text="", kind="description")
        return outer_source(site.tokens, site.text, (here, None), site.qpos, site.sentence_end)
    limit = site.limit
    if cue.mention.last >= limit:
        # `“…?” Lee asked, according to a transcript`: the cue's own sentence
        bounds = site.para.bounds
        limit = min(bounds.end(cue.mention.last), bounds.next_quote(cue.mention.last))
    outer = outer_source(site.tokens, site.text, (cue.mention, cue.verb), site.qpos, limit)
    inner = cue.mention
    if outer is None or not (inner.kind in ("name", "pronoun") or _named_body(inner)):
        return outer
    if (_named_body(inner) or _is_body(inner)) and outer[0].kind == "name" and not _is_body(outer[0]):
        return outer  # `the administration promised “…,” according to Antony Blinken`: his words
    return None  # a speaker named keeps the quote: `the Kremlin said, according to Interfax`


def _is_body(phrase: Phrase) -> bool:
    return names_organisation((phrase.name or phrase.text).split())


def _named_body(phrase: Phrase) -> bool:
    """ "the Kremlin", "the White House": a determiner and a body's proper name."""
    words = phrase.text.split()
    return phrase.kind == "description" and len(words) > 1 and all(word[:1].isupper() for word in words[1:])


def _opens_direct_speech(site: QuoteSite, cue: Cue) -> bool:
    """Whether the cue's verb and a comma or colon open the quote: `Lee said, “…”`."""
    tokens, qpos = site.tokens, site.qpos
    return qpos - 2 >= site.floor and tokens[qpos - 1].text in (",", ":") and tokens[qpos - 2] is cue.verb


def _reported_clause(site: QuoteSite, cue: Cue | None) -> Found:
    """A verb that opens direct speech (`he said, “…”`, `Lee interjected: “…”`) quotes
    its own speaker's words; a quote further into a clause is the reporter's."""
    tokens, qpos = site.tokens, site.qpos
    if cue is None or cue.mention.first <= site.floor or cue.mention.first > qpos:
        return None
    if _opens_direct_speech(site, cue):
        return None
    if tokens[cue.mention.last].lower in ("who", "which"):
        return None  # `…, who told her “…”`: the relative clause is the quote's own
    return outer_reporter(site.tokens, site.text, site.floor, cue.mention.first, site.qpos)


def _leading_as_clause(site: QuoteSite, cue: Cue | None) -> Found:
    leading = leading_as_clause(site.tokens, site.text, site.floor, site.qpos)
    if leading is not None and (
        cue is None or (cue.mention.first > leading[0].last and not _opens_direct_speech(site, cue))
    ):
        return leading
    return None


def _leading_according_to(site: QuoteSite, cue: Cue | None) -> Found:
    leading = leading_source(site.tokens, site.text, site.floor, site.qpos)
    if leading is None or (cue is not None and _opens_direct_speech(site, cue)):
        return None
    set_off = leading[0].first - 3 >= site.floor and site.tokens[leading[0].first - 3].text == ","
    if cue is None or cue.mention.first > leading[0].last or set_off:
        # `Lee's relatives, according to their lawyers, said they saw “…”`: set off by
        # commas inside the sentence, the report still frames all of it
        return leading
    return None


def _poll_respondents(site: QuoteSite, cue: Cue | None) -> Found:
    """`In a CNN poll released Monday, 31 percent of voters said they were “x”`: a
    share of respondents speaks for the poll the sentence names before it."""
    tokens, floor = site.tokens, site.floor
    if cue is None or cue.mention.kind == "pronoun" or not floor <= cue.mention.first < site.qpos:
        return None
    before = cue.mention.first
    while before - 1 >= floor and cue.mention.first - before < 6 and tokens[before - 1].kind == "w":
        before -= 1  # "31% of Republicans and Republican-leaning voters": back to the share
    if not any(_counts(token) for token in tokens[before : cue.mention.last + 1]):
        return None
    for pos in range(cue.mention.first - 1, floor - 1, -1):
        if tokens[pos].kind == "w" and tokens[pos].lower in POLL_HEADS:
            found = phrase_backward(tokens, site.text, pos, floor)
            return (found, None) if found is not None and found.kind != "pronoun" else None
    return None


def _counts(token: Token) -> bool:
    """A number, a percentage or a share: "31%", "six in 10", "half"."""
    return token.lower in QUANTITY_HEADS or any(ch.isdigit() for ch in token.text)


# Words that open a clause of a question put to the sentence's subject: "When asked
# whether …", "Asked if …", "After being asked about …".
QUESTION_OPENERS = frozenset({"when", "after", "once", "asked", "if"})


def _asked_question(site: QuoteSite, cue: Cue | None) -> Found:
    """`When asked whether he thinks Putin is “still rational,” Lee said …`: words of the
    question put to Lee, not Lee's. The quote lies in the opening "asked" clause,
    before its comma, and the answer's speaker after it."""
    tokens, floor, qpos = site.tokens, site.floor, site.qpos
    if cue is None or cue.mention.first <= qpos or tokens[floor].lower not in QUESTION_OPENERS:
        return None
    asked = next((pos for pos in range(floor, min(floor + 3, qpos)) if tokens[pos].lower == "asked"), None)
    if asked is None or any(token.text == "," for token in tokens[asked:qpos]) or not site.comma:
        return None
    question = Phrase(
        first=asked,
        last=asked,
        start=tokens[asked].start,
        end=tokens[asked].end,
        text="the question",
        kind="description",
    )
    return question, tokens[asked]


@dataclass(frozen=True, kw_only=True)
class Frame:
    """A report around the cue a sieve found: its name, example and the source the
    example gives, and how it finds the outer source given that cue (None when the
    sieves found none)."""

    name: str
    example: str
    speaker: str
    find: Callable[[QuoteSite, Cue | None], Found]


FRAMES: tuple[Frame, ...] = (
    Frame(
        name="asked_question",
        example="When asked whether he thought the plan was “dead on arrival,” Lee said no.",
        speaker="the question",
        find=_asked_question,
    ),
    Frame(
        name="outer_report",
        example="“We will appeal,” the mayor said, according to the Post.",
        speaker="the Post",
        find=_outer_report,
    ),
    Frame(
        name="poll_respondents",
        example="In a Gallup poll released Monday, 31 percent of voters said they were “very worried.”",
        speaker="a Gallup poll",
        find=_poll_respondents,
    ),
    Frame(
        name="reported_clause",
        example="Lee said on Monday that Ray had called the plan “a giveaway.”",
        speaker="Lee",
        find=_reported_clause,
    ),
    Frame(
        name="leading_as_clause",
        example="As Ann Lee put it in a memo to staff, the merger is “a marriage of equals.”",
        speaker="Ann Lee",
        find=_leading_as_clause,
    ),
    Frame(
        name="leading_according_to",
        example="According to the ministry, the general said “the line will hold.”",
        speaker="the ministry",
        find=_leading_according_to,
    ),
)


def find_cue(site: QuoteSite, sieves: tuple[Sieve, ...] = QUOTE_SIEVES) -> Cue | None:
    """Every sieve's candidate, the decision's choice among them, then any frame of a
    report around it."""
    candidates = []
    for sieve in sieves:
        found = sieve.find(site)
        if found is not None:
            candidates.append(Cue(mention=found[0], verb=found[1], rule=sieve.name))
    cue = choose(candidates)
    for frame in FRAMES:
        found = frame.find(site, cue)
        if found is not None:
            cue = Cue(mention=found[0], verb=found[1], rule=frame.name)
    return cue


# How far before a quote the noun of a claim or a charge may stand: "dismissed the
# suggestion that the Russian president was “crazy”".
CLAIM_REACH = 12
# Verbs that give a label in the passive ("has been described as “Putin's chef”"),
# and the words of the passive before them.
LABELLING_VERBS = frozenset(
    "described dubbed called labelled labeled branded termed known nicknamed billed hailed".split()
)
PASSIVE_AUXILIARIES = frozenset("is are was were be been being".split())


def words_of_others(site: QuoteSite, cue: Cue | None) -> bool:
    """A fragment quoted as the wording of a claim its subject rejects, of a charge, or
    of a label given in the passive: words of no one the sentence names.

        Lee dismissed the suggestion that Ray was “crazy”.
        They were convicted on charges of “terrorism”.
        He has been described as “Putin's chef”.

    A speaker named after the quote (`…,” Lee said`) or by an agent (`… by Ray`) still
    speaks, and "Russia accused Kyiv of “terrorism”" stays Russia's."""
    tokens, floor, qpos = site.tokens, site.floor, site.qpos
    if cue is not None and (cue.mention.first > qpos or cue.rule == "passive_agent"):
        return False
    if qpos + 1 < site.limit and tokens[qpos + 1].lower == "by":
        return False
    if _passive_label(tokens, floor, qpos):
        return True
    for pos in range(qpos - 1, max(floor, qpos - CLAIM_REACH) - 1, -1):
        token = tokens[pos]
        if token.text in ",;:" or token.lower in REPORTING_VERBS:
            return False
        if token.lower in ("of", "with") and pos > floor and tokens[pos - 1].lower in CHARGE_LEADS:
            return True
        if token.lower in CLAIM_NOUNS and tokens[pos + 1].lower in ("that", "of") and _rejected(tokens, floor, pos):
            return True
    return False


def _passive_label(tokens: Sequence[Token], floor: int, qpos: int) -> bool:
    """ "was dubbed “…”", "has been described as “…”", "is widely known as “…”"."""
    verb = qpos - 2 if qpos - 1 > floor and tokens[qpos - 1].lower == "as" else qpos - 1
    if verb <= floor or tokens[verb].lower not in LABELLING_VERBS:
        return False
    before = verb - 1
    if before > floor and tokens[before].lower.endswith("ly"):
        before -= 1  # "widely", "often" are no auxiliaries: "is often called"
    return tokens[before].lower in PASSIVE_AUXILIARIES


def _rejected(tokens: Sequence[Token], floor: int, noun: int) -> bool:
    """Whether a verb of rejection governs the claim noun at `noun`, a few words before
    it ("dismissed Western claims", "scoffed at the idea")."""
    for pos in range(noun - 1, max(floor, noun - 5) - 1, -1):
        if tokens[pos].kind != "w":
            return False
        if tokens[pos].lower in REJECTING_VERBS:
            return True
    return False


def cue_in_previous_sentence(site: QuoteSite, last_quote: int) -> Cue | None:
    """For a quote with no cue, standing alone in its sentence after one with no quote
    (`last_quote` is the token of the paragraph's latest quote, -1 for none):
    `Sam Lau said in a statement. “…”` (the previous sentence's speech verb) and
    `Lee spoke to the crowd. “…”` (a quote ending the paragraph after a sentence
    about a person is that person's)."""
    para, qpos, tokens, text = site.para, site.qpos, site.tokens, site.text
    floor = para.bounds.true_start(qpos)
    if floor == 0 or para.bounds.has_words(floor, qpos):
        return None
    prev_floor = para.bounds.start(floor - 1)
    if last_quote >= prev_floor:
        return None  # the sentence before holds a quote of its own: this one goes on from it
    found = cue_before(tokens, text, floor, prev_floor)
    if found is not None:
        return Cue(mention=found[0], verb=found[1], rule=PREVIOUS_SENTENCE_VERB.name)
    if floor == qpos and qpos + 1 == len(tokens):
        subject = sentence_subject(tokens, text, prev_floor, floor)
        if subject is not None and subject.kind != "description":
            return Cue(mention=subject, verb=None, rule=PREVIOUS_SENTENCE_SUBJECT.name)
    return None


def speech_frames(cue: Cue | None) -> bool:
    """Whether a cue is an explicit speech verb (not a bare sentence subject)."""
    return (
        cue is not None
        and cue.verb is not None
        and (
            cue.verb.lower in SPEECH_VERBS - WEAK_SPEECH_VERBS
            or cue.verb.lower in SPEECH_NOUNS
            or cue.verb.lower == "according"
        )
    )
