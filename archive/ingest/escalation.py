"""Escalation coding of a quote: what it does (threat, warning, red line...), the
weapon systems it names, whom it addresses, and whether it is conditional.

A transparent lexicon of regular expressions, readable and extendable: the
default one is module data; editors add terms in the admin (EscalationTerm),
which the ingest service passes in as `extra` terms. No Django here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# What a quote does, in the order a quote is tested: the first act whose
# patterns match wins, so the sharper acts come before the broader ones.
ACTS = ("red_line", "reassurance", "threat", "denial", "talks", "warning", "other")
ACT_LABELS = {
    "threat": "Threat",
    "warning": "Warning",
    "red_line": "Red line or ultimatum",
    "denial": "Denial",
    "reassurance": "Reassurance",
    "talks": "Call for talks",
    "other": "Other",
}
KINDS = ("act", "weapon", "target")


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
    targets: tuple[str, ...] = ()  # slugs: "nato", "united-states", "ukraine"
    conditional: bool = False


def slug_of(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")


def _terms(kind: str, table: dict[str, str]) -> list[Term]:
    return [Term(kind=kind, label=label, pattern=pattern) for label, pattern in table.items()]


# -- the default lexicon -----------------------------------------------------
# Patterns are matched against the quote (acts) or the quote and its sentence
# (weapons, targets). Keep each one a phrase a reader can check by eye.

DEFAULT_ACTS = {
    "red_line": r"(?:our|my|this|that|a|the|its|their|your|putin's|putin’s) red lines?|ultimatum|(?:point|line) of no "
    r"return|must (?:withdraw|leave|cease|pull out)|last (?:chance|warning)|or else|(?:will|would) not (?:be )?"
    r"(?:tolerate|allow|accept)d?|(?:is|are) unacceptable|cannot be crossed|deadline",
    # A stated lack of hostile intent, before threats: "we have no intention of fighting Russia".
    "reassurance": r"(?:no|not a|pose no|poses no) threat|(?:do|does|did) not (?:want|seek|intend|wish)|not at war|"
    r"(?:purely|strictly) defensive|no (?:direct )?(?:intention|plan)s? (?:to|of) (?:attack\w*|invad\w*|occupy\w*|"
    r"fight\w*|strik\w*|send\w*|escalat\w*)|will not (?:attack|invade|escalate|send troops)|(?:not|never) (?:going|"
    r"planning) to (?:attack|invade)|stand (?:with|by)|(?:unwavering|steadfast|continued) support|as long as it takes|"
    r"reassur\w+|no need to (?:worry|panic)",
    "threat": r"(?:will|would|shall|'ll|’ll|are ready to|is ready to|prepared to) (?:respond|retaliate|strike|hit|destroy|"
    r"annihilate|punish|use (?:all|every|nuclear|our)|take (?:appropriate|adequate|decisive|countermeasures|measures)|"
    r"act decisively|be forced to|pay)|legitimate targets?|(?:grave|serious|severe|dire|catastrophic|devastating) "
    r"consequences|response will be|will be appropriate|(?:mirror|adequate|decisive|crushing|swift|tough|harsh) "
    r"(?:response|retaliation|answer|measures)|countermeasures|wipe (?:out|off)|turn (?:\w+ )?into (?:ashes|dust|"
    r"radioactive)|at war with|(?:are|is|be) fighting (?:russia|nato|the us)|respond decisively|will regret|"
    r"top of the escalation ladder",
    "denial": r"(?:did|do|does|have|has|had) not (?:order|attack|target|strike|use|send|supply|carry out|fire|deploy)"
    r"|no (?:evidence|truth|basis)|(?:is|are|was|were) (?:not true|false|a lie|lies|fake|baseless|groundless|nonsense|"
    r"absurd|propaganda|disinformation)|(?:deny|denies|denied|reject|rejects|rejected) (?:the |these |any )?(?:claims?|"
    r"reports?|allegations?|accusations?)|nothing to do with|fake news|never (?:attacked|targeted|planned|intended|"
    r"ordered)|unfounded|no move",
    "talks": r"(?:call\w*|urg\w*|ready|open|willing|keen|prepared|want\w*|hope\w*|invit\w*|propos\w*|seek\w*|"
    r"push\w*|choose|commit\w*|support\w*) (?:\w+ ){0,4}?(?:to |for |on |in )?(?:negotiat\w+|talks?|dialogue|diplomac\w+|"
    r"ceasefire|cease-fire|peace|de-?escalat\w+)|path of diplomacy|diplomatic (?:solution|settlement|path|route|track|way)"
    r"|peaceful (?:solution|settlement|resolution)|peace (?:talks|deal|plan|process|agreement|summit|settlement)|"
    r"(?:sit down|come|return) (?:\w+ ){0,2}?(?:to |at |around |round )?the (?:negotiating )?table|confidential talks|"
    r"to de-?escalate|de-?escalating|return to (?:the )?(?:talks|dialogue|negotiations|diplomacy)",
    "warning": r"escalat\w+|danger\w*|risk\w*|threat(?:en)?\w*|could (?:lead|trigger|provoke|drag|spark|spiral)|"
    r"would (?:lead|trigger|provoke|drag|spark|mean)|(?:world|third world) war|nuclear (?:war|catastrophe|"
    r"conflict|disaster)|apocalyp\w+|catastroph\w+|direct (?:conflict|confrontation|involvement|participation)|"
    r"tantamount to|spiral|playing with fire|consequences|reckless|warn\w*|beware",
}

DEFAULT_WEAPONS = {
    "Storm Shadow": r"storm shadows?|scalp(?:-eg)?",
    "ATACMS": r"atacms|army tactical missile systems?",
    "Tomahawk": r"tomahawks?",
    "Taurus": r"taurus",
    "F-16": r"f-?16s?",
    "HIMARS": r"himars",
    "Patriot": r"patriots?(?: (?:missiles?|systems?|batter(?:y|ies)))?",
    "Abrams": r"abrams(?: tanks?)?",
    "Leopard": r"leopard(?: ?[12])?(?: tanks?)?",
    "Challenger": r"challenger(?: ?2)? tanks?",
    "Oreshnik": r"oreshnik",
    "Kinzhal": r"kinzhal",
    "Sarmat": r"sarmat",
    "nuclear": r"nuclear(?: weapons?| arms| arsenal| missiles?| warheads?| strikes?| war| forces)?|atomic|nukes?"
    r"|warheads?",
    "long-range missiles": r"long-range (?:missiles?|weapons?|strikes?|fires|ballistics|arms)|cruise missiles?",
    "ballistic missiles": r"(?:intercontinental |tactical )?ballistic missiles?|icbms?",
    "hypersonic missiles": r"hypersonic(?: missiles?| weapons?)?",
    "tanks": r"tanks",
    "fighter jets": r"fighter (?:jets?|planes?|aircraft)|warplanes?",
    "drones": r"drones?|uavs?|shaheds?",
    "cluster munitions": r"cluster (?:munitions?|bombs?)",
    "air defence": r"air[- ]defen[cs]es?",
    "troops": r"troops|boots on the ground|ground forces",
}

DEFAULT_TARGETS = {
    "NATO": r"nato|north atlantic (?:treaty )?(?:alliance|organi[sz]ation)|the alliance",
    "United States": r"united states|u\.s\.(?!\w)|us(?= (?:government|forces|troops|officials|president|"
    r"administration|military|weapons|missiles|army|congress|allies)\b)|america|american|washington|white house"
    r"|pentagon|biden|trump|blinken|kirby",
    "United Kingdom": r"united kingdom|u\.k\.(?!\w)|uk|britain|british|london|downing street|starmer|sunak|lammy",
    "Ukraine": r"ukraine|ukrainian|kyiv|kiev|kviv|zelensk(?:y|yy|iy)",
    "Russia": r"russia|russian|moscow|kremlin|putin|peskov|lavrov|medvedev",
    "European Union": r"european union|\beu\b|brussels|european commission",
    "Europe": r"europe|european countries|european capitals",
    "the West": r"the west|western (?:countries|nations|allies|powers|leaders|governments|states|partners|weapons)",
    "Germany": r"germany|german|berlin|scholz|merz",
    "France": r"france|french|paris|macron",
    "Poland": r"poland|polish|warsaw|rzesz[oó]w",
    "Baltic states": r"baltic(?: states)?|estonia|latvia|lithuania",
    "Belarus": r"belarus|minsk|lukashenko",
    "China": r"china|chinese|beijing|xi jinping",
    "Iran": r"iran|iranian|tehran",
    "Israel": r"israel|israeli|netanyahu",
    "North Korea": r"north korea|pyongyang|kim jong",
}

DEFAULT_TERMS: tuple[Term, ...] = tuple(
    _terms("act", DEFAULT_ACTS) + _terms("weapon", DEFAULT_WEAPONS) + _terms("target", DEFAULT_TARGETS)
)

# A condition in the quote or the sentence around it: "if the White House provides…".
CONDITION = re.compile(
    r"(?<!\bas )(?<!\beven )\b(?:if|unless|should (?:they|the|kyiv|kiev|nato|ukraine|washington|london|any|"
    r"western|this|that|such)|in the event (?:of|that)|in case|provided that|on condition that|once they|"
    r"the moment (?:they|that|it))\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?…][\"”’»')]*\s+|\n\n")

# Cue verbs that settle an act when no pattern in the quote does.
CUE_ACTS = {
    "threaten": "threat", "threatened": "threat", "threatens": "threat", "vowed": "threat", "vows": "threat",
    "warned": "warning", "warns": "warning", "warning": "warning", "cautioned": "warning",
    "denied": "denial", "denies": "denial", "rejected": "denial",
    "insisted": "reassurance", "assured": "reassurance", "reassured": "reassurance", "pledged": "reassurance",
    "promised": "reassurance", "urged": "talks", "appealed": "talks",
}


class InvalidTerm(ValueError):
    """A lexicon term whose pattern is not a valid regular expression, or whose kind or act is unknown."""


def compile_term(term: Term) -> re.Pattern:
    if term.kind not in KINDS:
        raise InvalidTerm(f"kind must be one of {', '.join(KINDS)}, not {term.kind!r}")
    if term.kind == "act" and term.label not in ACTS:
        raise InvalidTerm(f"an act term's label must be one of {', '.join(ACTS)}, not {term.label!r}")
    try:
        return re.compile(rf"(?<![\w-])(?:{term.pattern})(?![\w-])", re.IGNORECASE)
    except re.error as error:
        raise InvalidTerm(f"not a valid pattern: {error}") from None


class Lexicon:
    """The default terms plus any extra ones, compiled once for a run."""

    def __init__(self, extra: Iterable[Term] = ()):
        self.terms = (*DEFAULT_TERMS, *extra)
        self.labels: dict[tuple[str, str], str] = {}
        acts: dict[str, list[re.Pattern]] = {act: [] for act in ACTS}
        self.weapons: list[tuple[str, re.Pattern]] = []
        self.targets: list[tuple[str, re.Pattern]] = []
        for term in self.terms:
            pattern = compile_term(term)
            self.labels.setdefault((term.kind, term.slug), term.label)
            if term.kind == "act":
                acts[term.label].append(pattern)
            else:
                (self.weapons if term.kind == "weapon" else self.targets).append((term.slug, pattern))
        self.acts = [(act, patterns) for act, patterns in acts.items() if patterns]

    def code(self, quote: str, *, sentence: str = "", cue: str = "") -> Escalation:
        """Code a quote; `sentence` is the sentence (or sentences) holding it, `cue` its speech verb."""
        context = f"{quote}\n{sentence}" if sentence and quote not in sentence else (sentence or quote)
        return Escalation(
            act=self.act(quote, cue=cue),
            weapons=_found(self.weapons, context),
            # Whom a quote addresses is in its own words: the sentence around it names the speaker.
            targets=_found(self.targets, quote),
            conditional=bool(CONDITION.search(context)),
        )

    def act(self, quote: str, *, cue: str = "") -> str:
        for act, patterns in self.acts:
            if act != "warning" and any(pattern.search(quote) for pattern in patterns):
                return act
        # Broad warning words lose to a clearer cue ("denied", "urged").
        by_cue = CUE_ACTS.get(cue.casefold().strip())
        if by_cue:
            return by_cue
        if any(pattern.search(quote) for act, patterns in self.acts if act == "warning" for pattern in patterns):
            return "warning"
        return "other"


def _found(table: list[tuple[str, re.Pattern]], text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(slug for slug, pattern in table if pattern.search(text)))


DEFAULT_LEXICON = Lexicon()


def sentence_around(body: str, start: int, end: int) -> str:
    """The sentence(s) holding body[start:end], within its paragraph."""
    paragraph_start = body.rfind("\n\n", 0, start)
    paragraph_start = 0 if paragraph_start < 0 else paragraph_start + 2
    sentence_start = paragraph_start
    for match in SENTENCE_END.finditer(body, paragraph_start, start):
        sentence_start = match.end()
    # From the quote's last character: a quote may end on its own full stop.
    after = SENTENCE_END.search(body, max(start, end - 1))
    sentence_end = after.start() + 1 if after else len(body)
    paragraph_end = body.find("\n\n", end)
    if paragraph_end >= 0:
        sentence_end = min(sentence_end, paragraph_end)
    return body[sentence_start:sentence_end].strip()


def code_quote(quote: str, *, body: str = "", start: int = 0, end: int = 0, cue: str = "",
               lexicon: Lexicon = DEFAULT_LEXICON) -> Escalation:
    """Code one quote, with its sentence taken from the body when given."""
    sentence = sentence_around(body, start, end) if body else ""
    return lexicon.code(quote, sentence=sentence, cue=cue)
