"""The decision: the sieves' candidates for a quote are scored from their evidence
and the best one chosen; every attributed quote gets a confidence in [0, 1].

The weights are set by hand, reading `python -m benchmarks.sieves` (how often each
rule is right on dev and train-A) and the calibration table it prints; nothing here
is fitted. A confidence is meant as the share of such quotes whose speaker is right:
of quotes given 0.9 or more, at least nine in ten are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .mentions import Phrase
from .resolution import Speaker
from .tokens import Token


@dataclass(frozen=True, kw_only=True)
class Cue:
    """A candidate speaker for a quote: the mention a rule takes to be its source, the
    word that says so (a speech verb, "according", a colon; None when only the
    sentence's subject does), the rule's name, and how many other rules name the same
    mention or another one."""

    mention: Phrase
    verb: Token | None
    rule: str
    agreeing: int = 0
    competing: int = 0


# How far a rule's candidate is trusted before any other evidence: about the share
# of its quotes whose speaker is right (benchmarks.sieves, dev and train-A).
RULE_TRUST: dict[str, float] = {
    "transcript_label": 0.85,
    "passive_agent": 0.97,
    "as_clause": 0.95,
    "dash_name_colon": 0.92,
    "reporting_verb_after": 0.97,
    "verb_right_before": 0.9,
    "verb_after": 0.85,
    "question_ends_sentence": 0.94,
    "verb_at_sentence_end": 0.9,
    "verb_before": 0.9,
    "colon_heading": 0.9,
    "sentence_subject": 0.8,
    # frames of a report: the outer source is named outright
    "outer_report": 0.95,
    "poll_respondents": 0.9,
    "reported_clause": 0.9,
    "leading_as_clause": 0.92,
    "leading_according_to": 0.95,
    # a speaker carried from elsewhere: the share of carried speakers that stay right
    "previous_sentence_verb": 0.65,
    "previous_sentence_subject": 0.7,
    "previous_quote": 0.98,
    "next_quote_in_sentence": 0.75,
    "previous_paragraph_speaker": 0.9,
    "colon_introducer": 0.85,
    "open_quote_run": 0.7,
    "clause_topic": 0.55,
    "salient_person": 0.3,
}


@dataclass(frozen=True, kw_only=True)
class Adjustment:
    """One piece of evidence and what it adds to (or takes from) a confidence."""

    name: str
    weight: float
    why: str


# Evidence besides the rule, and its weight. Applied in this order, each at most once
# (agreement and competition once per other rule, at most twice).
ADJUSTMENTS: dict[str, Adjustment] = {
    adjustment.name: adjustment
    for adjustment in (
        Adjustment(
            name="agreeing",
            weight=0.05,
            why="another rule names the same mention (verb_before agreed with: 0.98 right, alone: 0.87)",
        ),
        Adjustment(
            name="competing",
            weight=-0.04,
            why="another rule names a different mention",
        ),
        Adjustment(
            name="description",
            weight=-0.1,
            why="the mention is a description ('a senior official'): verb_before's are 0.79 right",
        ),
        Adjustment(
            name="unresolved_pronoun",
            weight=-0.1,
            why="'he' or 'she' that no person in the article fits",
        ),
        Adjustment(
            name="carried_pronoun",
            weight=-0.6,
            why="a speaker resolved from a pronoun, carried to a quote without its mention: "
            "the source is 'he', which the quote's own paragraph does not hold (0.2 right)",
        ),
    )
}


def score(cue: Cue) -> float:
    """What the choice ranks a candidate by: its rule's trust, raised when other rules
    name the same mention. Disagreement does not lower it: a precise rule is often the
    only one to see past the sentence's subject that the loose ones all name."""
    return RULE_TRUST.get(cue.rule, 0.5) + min(cue.agreeing, 2) * ADJUSTMENTS["agreeing"].weight


def trust(cue: Cue) -> float:
    """A chosen candidate's confidence before the speaker is known: its score, lowered
    by every other rule that names someone else."""
    return score(cue) + min(cue.competing, 2) * ADJUSTMENTS["competing"].weight


def choose(candidates: Sequence[Cue]) -> Cue | None:
    """The candidate with the highest score, each counted with the others' agreement;
    on a tie the more precise rule (the earlier in the table) wins."""
    if not candidates:
        return None
    best, best_score, best_agreeing = candidates[0], -1.0, 0
    for cue in candidates:
        agreeing = sum(1 for other in candidates if other is not cue and _same(other.mention, cue.mention))
        cue_score = RULE_TRUST.get(cue.rule, 0.5) + min(agreeing, 2) * ADJUSTMENTS["agreeing"].weight
        if cue_score > best_score:
            best, best_score, best_agreeing = cue, cue_score, agreeing
    competing = sum(1 for other in candidates if not _same(other.mention, best.mention))
    return replace(best, agreeing=best_agreeing, competing=competing)


def _same(one: Phrase, other: Phrase) -> bool:
    return one.start < other.end and other.start < one.end


def confidence(rule: str, speaker: Speaker, cue: Cue | None, *, source: float | None = None) -> float:
    """How sure the quote's speaker is, in [0, 1]. `source` is the confidence of the
    quote a carried speaker comes from."""
    if speaker.attribution == "unattributed" or not rule:
        return 0.0
    score = trust(cue) if cue is not None and cue.rule == rule else RULE_TRUST.get(rule, 0.5)
    if source is not None:
        score = min(score, source * RULE_TRUST.get(rule, 0.5) / RULE_TRUST["previous_quote"])
    if speaker.speaker is None and speaker.attribution in ("anonymous", "named"):
        score += ADJUSTMENTS["description"].weight
    if (
        speaker.attribution == "pronoun"
        and speaker.speaker is None
        and speaker.description in ("he", "she", "He", "She")
    ):
        score += ADJUSTMENTS["unresolved_pronoun"].weight
    if speaker.mention is None and speaker.attribution == "pronoun" and rule != "salient_person":
        score += ADJUSTMENTS["carried_pronoun"].weight
    return round(min(1.0, max(0.0, score)), 3)
