"""Escalation coding of quotes, by the codebook (../shared/eval/escalation-codebook.md):
what a quote does (threat, red line, reassurance, denial, talks, warning, other), the weapons
named in it or its sentence, whom it addresses, whether it is conditional, and how sure the
act is.

The statement is read, not the words: a fragment takes the act of the sentence it belongs
to, the other quoted parts of that sentence count, and negation and modality are in the
rules' grammar ("we have no intention to" is reassurance, "will not hesitate to" a threat).
The rules are data (archive/ingest/escalation_rules.py); editors add terms in the admin
(EscalationTerm), which the ingest service passes in as `extra`. No Django here.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from . import escalation_rules as rules
from .backtracking import backtracking_risk
from .prefilter import NeedleScan, needles

# What a quote does (the names editors may give an act term).
ACTS = ("red_line", "reassurance", "threat", "denial", "talks", "warning", "other")
# The codebook's order: where several acts apply, the first wins.
PRECEDENCE = ("threat", "red_line", "reassurance", "denial", "talks", "warning", "other")
ACT_LABELS = {
    "threat": "Threat",
    "warning": "Warning",
    "red_line": "Red line or ultimatum",
    "denial": "Denial",
    "reassurance": "Reassurance",
    "talks": "Call for talks",
    "other": "Other",
}
# What a reader is shown instead of an act the coder was unsure of.
UNCODED = "uncoded"
SHOWN_ACT_LABELS = {**ACT_LABELS, UNCODED: "Uncoded (the coder was unsure)"}
KINDS = ("act", "weapon", "target")
# Acts that address someone: a denial answers an accusation and warns or asks nothing of anyone,
# and "other" does nothing, so neither has targets.
ADDRESSING_ACTS = frozenset({"threat", "red_line", "reassurance", "talks", "warning"})
# An act applies from this much evidence (rows weigh 0-1).
APPLIES = 0.5
# Acts whose evidence is within this of the strongest are ordered by the codebook's precedence.
PRECEDENCE_MARGIN = 0.15
# Below this confidence the archive shows a quote's act as "uncoded" rather than a guess.
UNCODED_BELOW = 0.6
# How sure "other" is when no row found anything: most quotes in war reporting are "other",
# but a rule set misses some acts.
OTHER_CONFIDENCE = 0.8
# An editor's act term is as sure as a strong row.
EDITOR_WEIGHT = 0.9
# Evidence in a question counts for less: "Will they strike?" commits nobody.
QUESTION_DISCOUNT = 0.6
# How far around a quote its sentence is read, in characters: keeps coding linear in the text.
WINDOW = 400


@dataclass(frozen=True, kw_only=True)
class Term:
    """One lexicon entry: `pattern` is a case-insensitive regular expression,
    matched on word boundaries; `label` is an act (ACTS) or a weapon or target name."""

    kind: str  # one of KINDS
    label: str
    pattern: str

    @property
    def slug(self) -> str:
        return self.label if self.kind == "act" else slug_of(self.label)


@dataclass(frozen=True, kw_only=True)
class Escalation:
    act: str = "other"
    weapons: tuple[str, ...] = ()  # slugs: "storm-shadow", "atacms", "nuclear"
    targets: tuple[str, ...] = ()  # slugs: "nato", "united-states", "russia"
    conditional: bool = False
    confidence: float = 1.0  # of the act: below UNCODED_BELOW it is shown as "uncoded"

    @property
    def shown_act(self) -> str:
        return shown_act(self.act, self.confidence)


def shown_act(act: str, confidence: float | None) -> str:
    """The act a reader is shown: "uncoded" when the coder was unsure (no confidence: an editor's code)."""
    return act if confidence is None or confidence >= UNCODED_BELOW else UNCODED


class QuoteSpan(Protocol):
    """What the coder needs of a quote: the ingest records and the archive's model both have it."""

    start: int
    end: int
    cue: str | None


def slug_of(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")


def _terms(kind: str, table: dict[str, str]) -> list[Term]:
    return [Term(kind=kind, label=label, pattern=pattern) for label, pattern in table.items()]


DEFAULT_TERMS: tuple[Term, ...] = tuple(
    _terms("weapon", rules.DEFAULT_WEAPONS) + _terms("target", rules.DEFAULT_TARGETS)
)


def _expand(pattern: str, **extra: str) -> str:
    macros = {**rules.MACROS, **extra}
    return re.sub(r"\{([A-Z]+)\}", lambda match: macros[match.group(1)], pattern)


# A mention of a state or organisation in a statement, replaced by a placeholder the target rows match.
_MENTION = "\ue000{}\ue001"
_ENTITY = r"\ue000\d+\ue001"
# One or more mentions in a row: "the US and its allies", "NATO countries, the United States and Europe".
_HEAD = r"(?: (?:countries|nations|states|forces|troops|officials|government|leaders|allies|members|partners))?"
_ENTITIES = rf"(?:the )?{_ENTITY}{_HEAD}(?:(?:,| and|, and| or|, or) (?:its |their |the )?(?:\w+ )?{_ENTITY}{_HEAD})*"
_MENTION_INDEX = re.compile(r"\ue000(\d+)\ue001")

_NONCOMPLIANCE = re.compile(rules.NONCOMPLIANCE, re.IGNORECASE)
_CONDITION = re.compile(rules.CONDITION, re.IGNORECASE)
_NOT_A_CONDITION = re.compile(rules.NOT_A_CONDITION, re.IGNORECASE)
_NOT_A_CONDITION_AFTER = re.compile(rules.NOT_A_CONDITION_AFTER, re.IGNORECASE)
# Words inside a quotation within the quote are someone else's ("he whispers: 'come home or else…'",
# "Russia's new 'fake news' law"): they are not the speaker's act. Bounded, so never quadratic.
NESTED_QUOTE = re.compile(r"(?:^|(?<=[\s:(\[—–-]))['‘\"“](?=\w)[^'‘’\"“”]{0,300}?(?<=\S)['’\"”](?!\w)")
# Quotation marks go; apostrophes become one kind, so rows match "don't" and "don’t" alike.
_MARKS = str.maketrans({"“": None, "”": None, '"': None, "«": None, "»": None, "„": None, "’": "'", "‘": "'"})
_SPACES = re.compile(r"\s+")
# Verbs that report speech: a fragment's statement runs from the last one before it to the next.
_REPORTING = re.compile(r"(?<![\w-])(?:" + "|".join(rules.REPORTING_VERBS) + r")(?![\w-])", re.IGNORECASE)
# Sentence breaks: end punctuation, closing marks, space, then a capital, digit or opening mark;
# or a line break. Abbreviations and initials ("U.S.", "Sergei A.") do not end a sentence.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”’'»)\]]*\s+(?=[\"“‘'«(\[]?[A-Z0-9])|\n+")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Maj|Sgt|Capt|Adm|Cmdr|St|Jr|Sr|Prof|Rev|No|vs|Co|"
    r"Corp|Inc|Ltd|Jan|Feb|Aug|Sept|Oct|Nov|Dec)|[A-Z]\.[A-Z])\.$"
)


class InvalidTerm(ValueError):
    """A lexicon term whose pattern is not a valid regular expression, or whose kind or act is unknown."""


def compile_term(term: Term) -> re.Pattern:
    if term.kind not in KINDS:
        raise InvalidTerm(f"kind must be one of {', '.join(KINDS)}, not {term.kind!r}")
    if term.kind == "act" and term.label not in ACTS:
        raise InvalidTerm(f"an act term's label must be one of {', '.join(ACTS)}, not {term.label!r}")
    try:
        compiled = re.compile(rf"(?<![\w-])(?:{term.pattern})(?![\w-])", re.IGNORECASE)
    except re.error as error:
        raise InvalidTerm(f"not a valid pattern: {error}") from None
    risk = backtracking_risk(term.pattern, re.IGNORECASE)
    if risk:
        raise InvalidTerm(f"refused: {risk}")
    return compiled


@dataclass(frozen=True)
class _Tables:
    """The default lexicon compiled: rows, names, and the prefilters' scans."""

    rules: tuple  # (act, weight, scope, pattern, needles, origin)
    weapons: tuple  # (slug, pattern, needles)
    targets: tuple
    labels: dict
    scans: dict  # scope -> NeedleScan
    weapon_scan: NeedleScan
    target_scan: NeedleScan
    target_rules: tuple


@functools.cache
def _default_tables() -> _Tables:
    """Compiled once a process: every Lexicon shares the default rows."""
    # Rows run on lower-cased words; the prefilter's needles skip the rows that cannot match.
    compiled = []
    for rule in rules.ACT_RULES:
        pattern = _expand(rule.pattern)
        compiled.append((rule.act, rule.weight, rule.scope, re.compile(pattern), needles(pattern), rule))
    # Every needle once: which are in a text is one pass, then each row asks a set.
    scans = {
        scope: NeedleScan(wanted for _, _, rule_scope, _, wanted, _ in compiled if rule_scope == scope and wanted)
        for scope in ("statement", "frame")
    }
    names: dict[str, list] = {"weapon": [], "target": []}
    labels: dict[tuple[str, str], str] = {}
    for term in DEFAULT_TERMS:
        labels.setdefault((term.kind, term.slug), term.label)
        names[term.kind].append((term.slug, compile_term(term), needles(term.pattern)))
    weapon_scan = NeedleScan(wanted for _, _, wanted in names["weapon"] if wanted)
    target_scan = NeedleScan(wanted for _, _, wanted in names["target"] if wanted)
    return _Tables(
        rules=tuple(
            (act, weight, scope, pattern, scans[scope].wanted(wanted), origin)
            for act, weight, scope, pattern, wanted, origin in compiled
        ),
        weapons=tuple((slug, pattern, weapon_scan.wanted(wanted)) for slug, pattern, wanted in names["weapon"]),
        targets=tuple((slug, pattern, target_scan.wanted(wanted)) for slug, pattern, wanted in names["target"]),
        labels=labels,
        scans=scans,
        weapon_scan=weapon_scan,
        target_scan=target_scan,
        target_rules=tuple(
            re.compile(_expand(rule.pattern, ENTS=rf"(?P<ents>{_ENTITIES})"), re.IGNORECASE)
            for rule in rules.TARGET_RULES
        ),
    )


class Lexicon:
    """The codebook's rows plus the editors' terms. The default rows are compiled once a
    process; an editor's term is compiled with its Lexicon and always runs (no prefilter)."""

    def __init__(self, extra: Iterable[Term] = ()):
        tables = _default_tables()
        extra = tuple(extra)
        self.terms = (*DEFAULT_TERMS, *extra)
        self.labels = dict(tables.labels)
        self.rules = list(tables.rules)
        self.weapons, self.targets = list(tables.weapons), list(tables.targets)
        self.scans, self.weapon_scan, self.target_scan = tables.scans, tables.weapon_scan, tables.target_scan
        self.target_rules = tables.target_rules
        for term in extra:
            pattern = compile_term(term)
            self.labels.setdefault((term.kind, term.slug), term.label)
            if term.kind == "act":
                self.rules.append((term.label, EDITOR_WEIGHT, "statement", pattern, None, term))
            else:
                (self.weapons if term.kind == "weapon" else self.targets).append((term.slug, pattern, None))

    def code_quotes(self, text: str, quotes: Sequence[QuoteSpan]) -> list[Escalation]:
        """Code every quote of a text (a paragraph, or paragraphs joined by blank lines)."""
        order = sorted(range(len(quotes)), key=lambda i: (quotes[i].start, quotes[i].end))
        spans = [quotes[i] for i in order]
        sentences = _sentence_starts(text)
        coded: list[Escalation | None] = [None] * len(quotes)
        for position in range(len(spans)):
            coded[order[position]] = self._code(_Statement.of(text, spans, position, sentences))
        return coded  # type: ignore[return-value]

    def _code(self, statement: _Statement) -> Escalation:
        act, confidence = self.act(statement)
        return Escalation(
            act=act,
            weapons=_weapons(self.weapons, statement.sentence, self.weapon_scan.present(statement.lower_sentence)),
            # Whom a statement addresses only means something when it does something to someone.
            targets=self._targets(statement.words) if act in ADDRESSING_ACTS else (),
            conditional=_conditional(statement.sentence),
            confidence=confidence,
        )

    def matches(self, statement: _Statement) -> list[tuple[str, float, object]]:
        """The rows that speak for an act here: (act, weight, the row: an ActRule, an editor's Term or the cue)."""
        texts = {"statement": statement.lower_words, "frame": statement.lower_frame}
        present = {scope: self.scans[scope].present(text) for scope, text in texts.items()}
        found = [
            (act, weight, origin)
            for act, weight, scope, pattern, wanted, origin in self.rules
            if (wanted is None or not present[scope].isdisjoint(wanted)) and pattern.search(texts[scope])
        ]
        cue = rules.CUE_RULES.get(statement.cue)
        # A cue verb outside the quote's sentence was given to it by mistake: it speaks for another.
        if cue and statement.cue in statement.lower_frame:
            found.append((cue[0], cue[1], f"cue: {statement.cue}"))
        return found

    def evidence(self, statement: _Statement) -> dict[str, float]:
        """How strongly each act applies, 0-1: the strongest row found, less the rows against it."""
        found = dict.fromkeys(PRECEDENCE, 0.0)
        against = dict.fromkeys(PRECEDENCE, 0.0)
        for act, weight, _ in self.matches(statement):
            if weight < 0:
                against[act] += weight
            else:
                found[act] = max(found[act], weight)
        discount = QUESTION_DISCOUNT if statement.question else 1.0
        return {act: max(0.0, found[act] * discount + against[act]) for act in PRECEDENCE}

    def explain(self, text: str, quotes: Sequence[QuoteSpan], index: int) -> list[tuple[str, float, object]]:
        """Why quotes[index] is coded as it is: the rows it matches."""
        order = sorted(range(len(quotes)), key=lambda i: (quotes[i].start, quotes[i].end))
        spans = [quotes[i] for i in order]
        return self.matches(_Statement.of(text, spans, order.index(index), _sentence_starts(text)))

    def act(self, statement: _Statement) -> tuple[str, float]:
        evidence = self.evidence(statement)
        # The codebook's order decides between acts about as sure as each other; a weak reading of
        # an earlier act does not outrank a clear later one ("could have dire consequences").
        applies = max(APPLIES, max(evidence.values()) - PRECEDENCE_MARGIN)
        for act in PRECEDENCE[:-1]:
            if evidence[act] >= applies:
                if act == "threat" and _NONCOMPLIANCE.search(statement.words):
                    return "red_line", evidence[act]
                return act, evidence[act]
        return "other", round(OTHER_CONFIDENCE * (1 - max(evidence.values())), 3)

    def _targets(self, words: str) -> tuple[str, ...]:
        mentions = _mentions(self.targets, words, self.target_scan.present(words.lower()))
        if not mentions:
            return ()
        marked, slugs, last = [], [], 0
        for index, (start, end, slug) in enumerate(mentions):
            marked += [words[last:start], _MENTION.format(index)]
            slugs.append(slug)
            last = end
        marked.append(words[last:])
        marked_words = "".join(marked)
        found = []
        for pattern in self.target_rules:
            for match in pattern.finditer(marked_words):
                found += [slugs[int(index)] for index in _MENTION_INDEX.findall(match.group("ents"))]
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True, kw_only=True)
class _Statement:
    """A quote in its context: `words`, the statement it belongs to (the quote and the other
    quoted parts of its sentence, and the reporter's words around a fragment); `frame`, the
    reporter's words alone, the quote standing as QUOTE and the others as "…"; `sentence`, all of it."""

    words: str
    frame: str
    sentence: str
    cue: str
    question: bool
    # The rows read lower-cased text.
    lower_words: str
    lower_frame: str
    lower_sentence: str

    @classmethod
    def of(cls, text: str, spans: Sequence[QuoteSpan], position: int, sentences: list[int]) -> _Statement:
        quote = spans[position]
        # The sentence holding the quote, from where its first word's sentence starts to where its last one's ends.
        first = sentences[bisect_right(sentences, quote.start) - 1]
        after = bisect_right(sentences, max(quote.start, quote.end - 1))
        last = sentences[after] if after < len(sentences) else len(text)
        start, end = max(first, quote.start - WINDOW), min(last, quote.end + WINDOW)
        around = [span for span in _near(spans, position, start, end) if span is not quote]
        own = NESTED_QUOTE.sub(" … ", text[quote.start : quote.end])
        fragment = _is_fragment(text, start, quote)
        # A fragment's statement is the clause that reports it, from the speech verb on, not the
        # reporter's whole sentence ("Russia, which denies X, said it had “…”" says nothing of X).
        said_from, said_to = _reported_clause(text, start, end, quote) if fragment else (start, end)
        pieces, frame, cursor, said = [], [], start, said_from
        for span in sorted([*around, quote], key=lambda span: span.start):
            clipped_start, clipped_end = max(span.start, start), min(span.end, end)
            frame += [text[cursor:clipped_start], " QUOTE " if span is quote else " … "]
            cursor = max(cursor, clipped_end)
            if span.end <= said_from or span.start >= said_to:
                continue
            pieces += [text[said:clipped_start] if fragment else " … " if pieces else ""]
            pieces.append(own if span is quote else text[clipped_start:clipped_end])
            said = max(said, clipped_end)
        frame.append(text[cursor:end])
        if fragment:
            pieces.append(text[said:said_to])
        words, frame_words, sentence = _normal("".join(pieces)), _normal("".join(frame)), _normal(text[start:end])
        return cls(
            words=words,
            frame=frame_words,
            sentence=sentence,
            cue=(quote.cue or "").casefold().strip(),
            question=own.rstrip(" ,.'\"”’").endswith("?"),
            lower_words=words.lower(),
            lower_frame=frame_words.lower(),
            lower_sentence=sentence.lower(),
        )


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_MARKS)).strip()


def _near(spans: Sequence[QuoteSpan], position: int, start: int, end: int) -> list[QuoteSpan]:
    """The quotes overlapping text[start:end], walking out from the quote at `position`."""
    left = position
    while left > 0 and spans[left - 1].end > start:
        left -= 1
    right = position
    while right + 1 < len(spans) and spans[right + 1].start < end:
        right += 1
    return list(spans[left : right + 1])


def _reported_clause(text: str, start: int, end: int, quote: QuoteSpan) -> tuple[int, int]:
    """Where the clause reporting a fragment runs in text[start:end]: from the last reporting verb
    before it (or the fragment itself, when none) to the next reporting verb after it."""
    before = [match.start() for match in _REPORTING.finditer(text, start, quote.start)]
    after = _REPORTING.search(text, quote.end, end)
    return (before[-1] if before else quote.start), (after.start() if after else end)


def _is_fragment(text: str, sentence_start: int, quote: QuoteSpan) -> bool:
    """Whether the quote continues the reporter's words ("said Russia would “respond”") rather
    than opening its own statement (“We will respond,” he said / He said: “We will…”)."""
    words = text[quote.start : quote.start + 2].lstrip("'‘\"“ ")
    if words[:1].islower():
        return True
    lead = text[sentence_start : max(sentence_start, quote.start - 1)].rstrip(" '‘\"“«")
    return bool(lead) and lead[-1].isalnum()


def _sentence_starts(text: str) -> list[int]:
    """Where each sentence of the text starts: one pass over the text."""
    starts = [0]
    for match in _SENTENCE_BREAK.finditer(text):
        if match.group()[:1] not in "\n" and _ABBREVIATION.search(text, max(0, match.start() - 12), match.start()):
            continue
        starts.append(match.end())
    return starts


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence (or sentences) holding text[start:end] begins and ends, by the
    sentence breaks the coder reads statements by."""
    starts = _sentence_starts(text)
    first = max((at for at in starts if at <= start), default=0)
    last = min((at for at in starts if at >= end), default=len(text))
    return first, last


def _mentions(table, text: str, present: set[str]) -> list[tuple[int, int, str]]:
    """Every match of the table in the text, the longer one where two overlap, in text order."""
    found = sorted(
        (
            (match.start(), match.end(), slug)
            for slug, pattern, wanted in table
            if wanted is None or not present.isdisjoint(wanted)
            for match in pattern.finditer(text)
        ),
        key=lambda item: (item[0], -item[1]),
    )
    kept: list[tuple[int, int, str]] = []
    for start, end, slug in found:
        if kept and start < kept[-1][1]:
            if end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end, slug)
            continue
        kept.append((start, end, slug))
    return kept


def _weapons(table, text: str, present: set[str]) -> tuple[str, ...]:
    """The weapons named, a class name right after a system's name going with it ("Flamingo missiles")."""
    found, previous = [], None
    for start, end, slug in _mentions(table, text, present):
        if not (
            slug in rules.WEAPON_CLASSES
            and previous
            and previous[2] not in rules.WEAPON_CLASSES
            and not text[previous[1] : start].strip(" -")
        ):
            found.append(slug)
        previous = (start, end, slug)
    return tuple(dict.fromkeys(found))


def _conditional(sentence: str) -> bool:
    for match in _CONDITION.finditer(sentence):
        before = sentence[max(0, match.start() - 60) : match.start()]
        if _NOT_A_CONDITION.search(before) or _NOT_A_CONDITION_AFTER.match(sentence, match.end()):
            continue
        return True
    return False


DEFAULT_LEXICON = Lexicon()


def code_quotes(text: str, quotes: Sequence[QuoteSpan], *, lexicon: Lexicon = DEFAULT_LEXICON) -> list[Escalation]:
    """Code every quote of a text (a paragraph, or a body of paragraphs): each has start, end and cue."""
    return lexicon.code_quotes(text, quotes)


@dataclass(frozen=True, kw_only=True)
class _Span:
    start: int
    end: int
    cue: str | None = None


def code_quote(
    quote: str, *, body: str = "", start: int = 0, end: int = 0, cue: str = "", lexicon: Lexicon = DEFAULT_LEXICON
) -> Escalation:
    """Code one quote alone: in its body when given, else the quote as its own text."""
    if not body:
        body, start, end = quote, 0, len(quote)
    return lexicon.code_quotes(body, [_Span(start=start, end=end, cue=cue)])[0]
