"""Quotes with no cue of their own take a speaker from a neighbouring quote: the
one just before in the paragraph, the next one in the sentence, the paragraph
before, or the run of paragraphs an open quote spans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from archive.ingest.quotes import QuoteSpan

from .decision import confidence
from .resolution import Speaker

# How many sentences after the previous quote of its paragraph a quote without a cue
# of its own still continues it: its attribution's (`“A,” Lee said. “B.”`) and one
# sentence of narrative more. Further on, the paragraph has moved on to others.
CARRY_SENTENCES = 2


@dataclass(frozen=True, kw_only=True)
class CarryRule:
    """A way a quote with no cue of its own gets a speaker: its name, the paragraphs it
    was written for, which quote of them it attributes, and to whom."""

    name: str
    example: tuple[str, ...]
    quote: str
    speaker: str


PREVIOUS_SENTENCE_VERB = CarryRule(
    name="previous_sentence_verb",
    example=("Sam Lau said in a statement. “We will rebuild the port.”",),
    quote="We will rebuild the port.",
    speaker="Sam Lau",
)
PREVIOUS_SENTENCE_SUBJECT = CarryRule(
    name="previous_sentence_subject",
    example=("Lee walked to the podium. “We stay.”",),
    quote="We stay.",
    speaker="Lee",
)
PREVIOUS_QUOTE = CarryRule(
    name="previous_quote",
    example=("“The vote is final,” Ada Nwosu said. “We move on tomorrow.”",),
    quote="We move on tomorrow.",
    speaker="Ada Nwosu",
)
NEXT_QUOTE_IN_SENTENCE = CarryRule(
    name="next_quote_in_sentence",
    example=("“We will not move,” an aside, “until they do,” Ada Nwosu said.",),
    quote="We will not move,",
    speaker="Ada Nwosu",
)
PREVIOUS_PARAGRAPH_SPEAKER = CarryRule(
    name="previous_paragraph_speaker",
    example=("“The vote is final,” Ada Nwosu said.", "“We move on tomorrow.”"),
    quote="We move on tomorrow.",
    speaker="Ada Nwosu",
)
COLON_INTRODUCER = CarryRule(
    name="colon_introducer",
    example=("Ada Nwosu said in a statement:", "“It is the best we have had.”"),
    quote="It is the best we have had.",
    speaker="Ada Nwosu",
)
OPEN_QUOTE_RUN = CarryRule(
    name="open_quote_run",
    example=("“We will stay until the end. Not one of us will leave.", "“Let them come,” Ada Nwosu said."),
    quote="We will stay until the end. Not one of us will leave.",
    speaker="Ada Nwosu",
)
CLAUSE_TOPIC = CarryRule(
    name="clause_topic",
    example=("Ann Lee -- the head of the port authority, which runs both harbours -- told me, “We only build.”",),
    quote="We only build.",
    speaker="Ann Lee",
)
SALIENT_PERSON = CarryRule(
    name="salient_person",
    example=("Ann Lee praised the plan.", "“It is the best we have had.”"),
    quote="It is the best we have had.",
    speaker="Ann Lee",
)
# In the order they are tried; a quote's own cue (the sieves) comes before all of them.
CARRY_RULES: tuple[CarryRule, ...] = (
    PREVIOUS_SENTENCE_VERB,
    PREVIOUS_SENTENCE_SUBJECT,
    PREVIOUS_QUOTE,
    PREVIOUS_PARAGRAPH_SPEAKER,
    COLON_INTRODUCER,
    CLAUSE_TOPIC,
    SALIENT_PERSON,
    NEXT_QUOTE_IN_SENTENCE,
    OPEN_QUOTE_RUN,
)


@dataclass(frozen=True, kw_only=True)
class Attribution:
    """A quote and the speaker given to it, by which rule."""

    span: QuoteSpan
    speaker: Speaker
    verb: str | None  # the cue word: "said", "according", ":"
    rule: str  # the sieve or carry rule that gave the speaker, "" when none did
    qpos: int  # the quote's token in its paragraph
    cue_follows: bool | None = None  # whether its own cue lies after it; None for a carried speaker
    confidence: float = 0.0  # how sure the speaker is (decision.confidence)


def sentences_between(sentences: Sequence[int], previous: int, qpos: int) -> int:
    """How many sentences of narrative lead from the quote token at `previous` to the
    one at qpos: a quote that ends its own sentence (`“A?” Lee said.`) starts none."""
    between = sentences[qpos] - sentences[previous]
    if previous + 1 < len(sentences) and sentences[previous + 1] != sentences[previous]:
        between -= 1
    return between


def share_following_cue(results: list[Attribution], sentences: Sequence[int]) -> None:
    """`“A” -- an aside -- “B,” he says.` and `“A,” Lee “B,” the report said.`: a quote
    with no cue of its own takes the speaker of the next quote in its sentence, when
    a cue after that one names it."""
    for index in range(len(results) - 2, -1, -1):
        this, nxt = results[index], results[index + 1]
        if this.cue_follows is None and nxt.cue_follows and sentences[this.qpos] == sentences[nxt.qpos]:
            results[index] = replace(
                this,
                speaker=nxt.speaker,
                verb=nxt.verb,
                rule=NEXT_QUOTE_IN_SENTENCE.name,
                cue_follows=True,
                confidence=confidence(NEXT_QUOTE_IN_SENTENCE.name, nxt.speaker, None, source=nxt.confidence),
            )


def carry_open_quotes(paragraphs: Sequence[str], out: list[list[Attribution]]) -> None:
    """A quote open at the end of a paragraph continues in the next one: the whole run
    shares one speaker, wherever in the run the attribution sits."""
    index = 0
    while index < len(out):
        chain = (
            [(index, len(out[index]) - 1)]
            if out[index]
            and out[index][-1].span.end == len(paragraphs[index].rstrip())
            and _is_open(paragraphs[index], out[index][-1].span)
            else []
        )
        nxt = index + 1
        while chain and nxt < len(out) and out[nxt] and out[nxt][0].span.start <= 2:
            chain.append((nxt, 0))
            if not (_is_open(paragraphs[nxt], out[nxt][0].span) and len(out[nxt]) == 1):
                break
            nxt += 1
        attributed = [out[p][q] for p, q in chain if out[p][q].speaker.attribution != "unattributed"]
        if chain and attributed:
            source = attributed[0]
            for p, q in chain:
                if out[p][q].speaker.attribution == "unattributed":
                    speaker = replace(source.speaker, mention=None)
                    out[p][q] = replace(
                        out[p][q],
                        speaker=speaker,
                        verb=source.verb,
                        rule=OPEN_QUOTE_RUN.name,
                        confidence=confidence(OPEN_QUOTE_RUN.name, speaker, None, source=source.confidence),
                    )
        index = max(index + 1, nxt if chain else index + 1)


def _is_open(text: str, span: QuoteSpan) -> bool:
    return text[span.end :].strip() == ""
