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

# What a quote does (the names editors may give an act term).
ACTS = ("red_line", "reassurance", "threat", "denial", "talks", "warning", "other")
# The order a quote is tested in: the first act whose patterns match wins. A stated penalty
# ("…is unacceptable and will draw consequences") makes a threat even beside red-line words;
# a red line ("we will never accept") outranks reassuring words beside it; the broad
# warning words come last, after the speech verb.
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
    confidence: float = 1.0  # of the act


# Below this confidence the archive shows a quote's act as "uncoded" rather than a guess.
UNCODED_BELOW = 0.5


def slug_of(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")


def _terms(kind: str, table: dict[str, str]) -> list[Term]:
    return [Term(kind=kind, label=label, pattern=pattern) for label, pattern in table.items()]


# -- the default lexicon -----------------------------------------------------
# Patterns are matched against the quote (acts) or the quote and its sentence
# (weapons, targets). Keep each one a phrase a reader can check by eye.

# Each act is a small grammar rather than a list of phrases: who does what, with which modal.
_WILL = r"(?:will|would|shall|'ll|’ll|are going to|is going to|are ready to|is ready to|stand ready to|"
_WILL += r"(?:are|is|am) prepared to)"
_HARM = (
    r"(?:respond|retaliate|strike|hit|destroy|annihilate|punish|crush|pay|suffer|use (?:all|every|nuclear|our|its)"
    r"|take (?:appropriate|adequate|decisive|all necessary|necessary|countermeasures|(?:\w+ )?measures|action)"
    r"|act decisively|be forced to|impose|seize|sanction|target)"
)
_PENALTY = r"(?:consequences|price|costs?|response|retaliation|punishment|sanctions|countermeasures)"

DEFAULT_ACTS = {
    # Modal + harm verb ("we will retaliate", "Russia would pay"), or a penalty announced as coming.
    "threat": rf"{_WILL} (?:\w+ )?{_HARM}|legitimate targets?|(?:will|would|shall) (?:face|draw|bear|suffer|pay|"
    rf"entail|carry|incur|mean|trigger|have|see)(?: [\w-]+){{0,3}} {_PENALTY}|(?:will|would) be met (?:\w+ ){{0,3}}?"
    rf"(?:with|by)(?: [\w-]+){{0,3}} {_PENALTY}|(?:grave|serious|severe|dire|catastrophic|devastating|swift) "
    r"consequences|response will be|will be appropriate|(?:mirror|adequate|decisive|crushing|swift|tough|harsh) "
    r"(?:response|retaliation|answer|measures)|countermeasures|wipe (?:out|off)|turn (?:\w+ )?into (?:ashes|dust|"
    r"radioactive)|respond (?:decisively|forcefully|firmly|swiftly)|(?<!not )(?<!never )at war with|"
    r"(?:are|is|be) fighting (?:russia|nato|the us)|will regret|top of the escalation ladder",
    # A line the speaker draws: what must not happen, will not be allowed or accepted, is unacceptable.
    "red_line": r"(?:our|my|this is (?:a|the|our)|that is (?:a|the|our)|it is (?:a|the|our)) red lines?|"
    r"(?:cross(?:es|ing)?|overstep\w*) (?:a|the|this|that|our|any) (?:red )?line|issu\w+ an ultimatum|this is an "
    r"ultimatum|(?:point|line) of no return|must (?:not|never|withdraw|leave|cease|pull out)|(?:cannot|can ?not|"
    r"can't|must not|will not|won't|would not|shall not|will never|would never|shall never) (?:be )?(?:tolerate|allow|"
    r"accept|permit)(?:d|ted)?|(?:is|are|would be|will be|remains?) (?:\w+ )?unacceptable|cannot be crossed|"
    r"last (?:chance|warning)|or else|deadline|non-?negotiable",
    # A stated lack of hostile intent, or support promised by the speaker.
    "reassurance": r"(?:no|not a|pose no|poses no|not any) threat|(?:do|does|did) not (?:want|seek|intend|wish)|"
    r"(?:we|i|they|it|this)(?:'re|’re|'m|’m| are| is| am)? not (?:at war|looking for (?:a )?(?:war|conflict|"
    r"confrontation)|a party)|not at war|"
    r"(?:purely|strictly|entirely) defensive|no (?:direct )?(?:intention|plan)s? (?:to|of) (?:attack\w*|invad\w*|"
    r"occupy\w*|fight\w*|strik\w*|send\w*|escalat\w*|deploy\w*)|(?:we|i|they) (?:will|shall) (?:not|never) (?:attack|"
    r"invade|escalate|send troops|strike)|(?:we|i)(?:'re|’re| are|'m|’m| am)? (?:not|never) (?:going|planning) "
    r"to (?:attack|invade|strike|escalate)|(?:we|i|people|nation|country|allies|alliance) (?:(?:will|shall|still|"
    r"firmly|continue to|always|do) )*stands? (?:firmly )?(?:with|by|behind)|(?:our|my) (?:unwavering|steadfast|"
    r"continued|full) support|as long as it takes|reassur\w+|no need to (?:worry|panic)|guarantee\w* (?:\w+ )?"
    r"(?:safe|safety)",
    # Disputing a claim: the claim is false, the act did not happen, the allegation is rejected.
    "denial": r"(?:did|do|does|have|has|had)(?: not|n't|n’t) (?:order|attack|target|strike|use|send|supply|carry out|"
    r"fire|deploy)|there (?:is|was) no (?:evidence|truth|basis)|(?:seen|found|have) no evidence|"
    r"(?:have|has|had)(?: not|n't|n’t) (?:seen|found) any evidence|(?:(?:claims?|reports?|allegations?|"
    r"accusations?|statements?|stor(?:y|ies)|rumou?rs?)(?: [^.;:!?]{0,80}?)?|this|that|it|these|those|which|"
    r"everything) (?:is|are|was|were) (?:\w+ )?(?:not true|untrue|false|a lie|lies|fake|baseless|groundless|nonsense|"
    r"absurd|propaganda|disinformation|unfounded|fabricat\w+)|(?:deny|denies|denied|reject|rejects|rejected) (?:the |"
    r"these |those |all |any )?(?:claims?|reports?|allegations?|accusations?)|nothing to do with|fake news|never "
    r"(?:attacked|targeted|planned|intended|ordered)|no move",
    # Calling for negotiation: a verb of willing or urging + talks, or a diplomatic way out.
    "talks": r"(?:call\w*|urg\w*|ready|open|willing|keen|prepared|want\w*|hope\w*|invit\w*|propos\w*|seek\w*|"
    r"push\w*|choose|commit\w*|support\w*|need) (?:\w+ ){0,4}?(?:to |for |on |in )?(?:negotiat\w+|talks|dialogue|"
    r"diplomac\w+|ceasefire|cease-fire|peace|de-?escalat\w+)|path of diplomacy|diplomatic (?:(?:and|or) peaceful )?"
    r"(?:solution|settlement|path|route|track|way|means)|peaceful (?:(?:and|or) diplomatic )?(?:solution|settlement|"
    r"resolution|path|means)|(?:sit down|come|return) (?:\w+ ){0,2}?(?:to |at |around |round )?the (?:negotiating )?"
    r"table|confidential talks|(?:must|should|need to|have to|let us|let's) (?:\w+ )?(?:negotiate|talk|de-?escalate)|"
    r"return to (?:the )?(?:talks|dialogue|negotiations|diplomacy)",
    # The broad words of danger: what remains after the sharper acts.
    "warning": r"escalat\w+|danger\w*|risk\w*|threat(?:en)?\w*|could (?:lead|trigger|provoke|drag|spark|spiral)|"
    r"would (?:lead|trigger|provoke|drag|spark|mean)|(?:a|another|new|third) world war|world war (?:three|iii|3)|"
    r"nuclear (?:war|catastrophe|conflict|disaster)|apocalyp\w+|catastroph\w+|direct (?:conflict|confrontation|"
    r"involvement|participation)|tantamount to|spiral|playing with fire|consequences|reckless|warn\w*|beware",
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

# A threat conditioned on the other side *not* complying is an ultimatum: "unless they withdraw…",
# "in the event that he does not distance himself…, we will be forced to…". A threat conditioned
# on an act ("if Russia attacks, we will respond") stays a threat.
NONCOMPLIANCE = re.compile(
    r"\b(?:unless|(?:if|in the event (?:that)?|should) (?:\S+ ){1,6}?(?:(?:does|do|did|will|would) not|fails? to|"
    r"refuses? to))\b",
    re.IGNORECASE,
)
# Words inside a quotation within the quote are someone else's ("he whispers: 'come home or else…'",
# "Russia's new 'fake news' law"): they are not the speaker's act.
NESTED_QUOTE = re.compile(r"(?:^|(?<=[\s:(\[—–-]))['‘\"“](?=\w).*?(?<=\S)['’\"”](?!\w)")

# Cue verbs that settle an act when no pattern in the quote does. Only verbs that name the act
# itself: "urged" or "insisted" introduce anything.
CUE_ACTS = {
    "threaten": "threat",
    "threatened": "threat",
    "threatens": "threat",
    "vowed": "threat",
    "vows": "threat",
    "warned": "warning",
    "warns": "warning",
    "warning": "warning",
    "cautioned": "warning",
    "denied": "denial",
    "denies": "denial",
    "rejected": "denial",
    "assured": "reassurance",
    "reassured": "reassurance",
    "pledged": "reassurance",
    "promised": "reassurance",
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
        self.acts = [(act, acts[act]) for act in PRECEDENCE if acts[act]]

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
        words = NESTED_QUOTE.sub(" … ", quote)
        for act, patterns in self.acts:
            if act != "warning" and any(pattern.search(words) for pattern in patterns):
                if act == "threat" and NONCOMPLIANCE.search(words):
                    return "red_line"
                return act
        # Broad warning words lose to a clearer cue ("denied", "threatened").
        by_cue = CUE_ACTS.get(cue.casefold().strip())
        if by_cue:
            return by_cue
        if any(pattern.search(words) for act, patterns in self.acts if act == "warning" for pattern in patterns):
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


def code_quotes(text: str, quotes, *, lexicon: Lexicon = DEFAULT_LEXICON) -> list[Escalation]:
    """Code every quote of a text (a paragraph, or a body of paragraphs): each has start, end and cue."""
    return [
        code_quote(text[q.start : q.end], body=text, start=q.start, end=q.end, cue=q.cue or "", lexicon=lexicon)
        for q in quotes
    ]


def code_quote(
    quote: str, *, body: str = "", start: int = 0, end: int = 0, cue: str = "", lexicon: Lexicon = DEFAULT_LEXICON
) -> Escalation:
    """Code one quote, with its sentence taken from the body when given."""
    sentence = sentence_around(body, start, end) if body else ""
    return lexicon.code(quote, sentence=sentence, cue=cue)
