"""The escalation codebook as data: the rows archive/ingest/escalation.py applies.

Acts are evidence rows: a pattern over the quote's statement (the quote, the other quoted
parts of its sentence, and the reporter's words when the quote is a fragment of it), or over
the reporter's words alone, and a hand-set weight: how sure a match makes the act (0-1).
An act applies at 0.5 or more; the first applying act in the codebook's order wins. Each row
carries the invented sentence it was written for, and tests/ingest/test_escalation.py codes
every example as its row says. Patterns use the macros below, written {NAME}.

Weapons and targets are the codebook's slugs (../shared/eval/escalation-codebook.md): weapons
named in the quote or its sentence; targets are whom the statement addresses, warns,
threatens or demands something of, found by the role rows, not every country named.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ActRule:
    act: str
    weight: float  # how sure a match makes the act; a negative row takes evidence away
    pattern: str
    example: str  # the sentence the row was written for; quoted words in it are the quote
    scope: str = "statement"  # or "frame": only the reporter's words around the quote


@dataclass(frozen=True, kw_only=True)
class TargetRule:
    pattern: str  # {ENTS} marks the mentions that are targets
    example: str
    targets: tuple[str, ...]  # what coding the example (as a threat or warning) finds


# -- macros -----------------------------------------------------------------------------------
MACROS = {
    # The speaker's own side as subject.
    "WE": r"(?:we|i|our (?:[\w'-]+ )?(?:country|nation|forces|army|military|troops|side|government|state|allies|alliance))",
    # Future or intent, not negated ("we will", "we're ready to", "we'll").
    "WILL": r"(?:\s*(?:'ll|will|shall|would|(?:is|are|am|'re|'m) (?:going|ready|prepared|determined|about) to|"
    r"stands? ready to|intends? to|plans? to|reserves? the right to|(?:will|would) be forced to|"
    r"(?:vows?|vowed|pledges?|pledged|promises?|promised|swore|swears?) to))",
    # Adverbs that may sit in a verb group; never a negation.
    "ADV": r"(?:(?:absolutely|certainly|definitely|surely|also|then|immediately|now|quickly|swiftly|not only|"
    r"simply|just|still|further|continue to|have to|need to|be able to|be forced to|be compelled to) )*",
    # Harm the speaker's side answers with.
    "RETALIATE": r"(?:respond(?! to (?:the |your |their |these |those |all |any )?(?:questions?|requests?|letters?|calls?|"
    r"inquir\w+|queries|emails?|comments?|concerns?|needs?))|answer (?:any|every|each|such|in kind)|retaliate|react|punish|sanction|impose|seize|freeze|hold (?:[\w'-]+ ){0,5}?(?:accountable|"
    r"responsible|to account)|make (?:[\w'-]+ ){0,2}pay|(?:bring|drag) (?:[\w'-]+ ){0,2}(?:to|before) (?:justice|account|(?:a |the )?(?:tribunal|court))|resort to|take (?:[\w'-]+ ){0,2}(?:action|measures|steps|"
    r"countermeasures)|act (?:decisively|firmly|accordingly)|strike back|hit back|fight back|defend (?:[\w'-]+ ){0,3}"
    r"(?:with|using|by) (?:all|every|any)|use (?:all|every|any|force|nuclear|our|its|military)|hunt (?:[\w'-]+ ){0,2}down"
    r"|stop at nothing|cut off|expel|find (?:you|each of you|every one of you|all of you)\b)",
    # Harm done to someone: attack, destroy.
    "ATTACK": r"(?:attack|strike|hit|destroy|annihilate|crush|wipe|eliminate|liquidate|kill|invade|occupy|bomb|shell|"
    r"target|shoot down|sink|obliterate|raze|die|perish|advance (?:on|into|toward|towards)|storm|encircle|overrun)",
    # Penalties announced.
    "PENALTY": r"(?:consequences|price|costs|response|answer|retaliation|punishment|sanctions|countermeasures|repercussions|"
    r"reprisals?)",
    # What the speaker says their side will not do: escalate, fight, attack.
    "ESCALATE": r"(?:attack\w*|invad\w*|destroy\w*|kill\w*|bomb\w*|annihilat\w*|war|wars|fight\w*|strik\w*|escalat\w*|confront\w*|conflict|threat\w*|"
    r"send\w* (?:[\w'-]+ ){0,2}(?:troops|soldiers|forces)|deploy\w*|use (?:[\w'-]+ )?(?:nuclear|force|weapons)|nuclear|"
    r"wipe \w+ out|occupy\w*|intervene|interven\w+|harm\w*|hurt\w*|expand\w*|enter\w*|annex\w*|cross\w*|"
    r"provok\w*|involv\w*|participat\w*|direct \w+|drag\w*|aggress\w*|hostil\w*)",
    # Possible or coming harm.
    "MAYBE": r"(?:will|'ll|would|could|may|might|can|going to|likely to|set to|about to|risks?|risking|threatens? to|"
    r"(?:has|have|had|with) the potential to|"
    r"stands? to|lead to|leads to|result in|bring about|be on the (?:brink|verge|edge) of|fac(?:e|es|ed|ing))",
    "BAD": r"(?:disaster\w*|catastroph\w+|collapse\w*|famine|starv\w+|suffer\w*|die|dying|deaths?|casualties|"
    r"bloodshed|(?:[\w'-]+ )?consequences|(?<!fight )(?<!fight a )(?<!fight the )(?<!win )(?<!win a )(?<!win the )"
    r"(?:a |an |another |wider |new |full-scale |direct |major |nuclear )?war\b(?! (?:crimes?|criminals?|goals?|aims?|"
    r"efforts?|effort|years?|time|chest|games?|memorials?|veterans?|dead|trials?|powers))|world war|(?<!de-)(?<!de)escalat\w+|crisis|"
    r"bankrupt\w*|devastat\w+|ruin\w*|chaos|(?:[\w'-]+ )?mistake|undermin\w+|danger\w*|harm|damage\w*|tipping point|"
    r"point of no return|fatal\w*|deadly|worse|worst|apocalyp\w+|confrontation|(?:a |an )?(?:[\w'-]+ )?(?:conflict|"
    r"invasion|attack|offensive)|destruction|humanitarian \w+|blackouts?|outages?|shortages?|hunger|recession|"
    r"instability|unrest|spiral\w*|spill\w* over|cross ?fire|meltdown|contamination|radiation|leak\w*|accident|"
    r"(?:negative|adverse|dire|grave|serious) (?:impact|effect)s?)",
    "NOT": r"(?:not|never|n't|no)",
    # In the reporter's words (scope "frame"), the quote stands as QUOTE: a verb governs it when the
    # quote follows within the same clause ("denied the reports, calling them QUOTE").
    # A full stop inside an abbreviation ("the U.S. claim") does not end the clause.
    "GOVERNS": r"(?:(?! (?:and|but|while) )(?:[^.;!?]|\.(?=\S)|(?<=\b[a-z])\.(?= [a-z]))){0,60}? quote\b",
    # A modal denied: "will not", "won't", "cannot", "must never".
    "WONT": r"(?:(?:will|would|shall|can|could|must|should) (?:not|never)|won't|wouldn't|shan't|cannot|can't|couldn't|"
    r"mustn't|shouldn't|never|(?:is|are|am|'re|'m) not (?:going|about) to)",
}


# -- acts -------------------------------------------------------------------------------------
ACT_RULES: tuple[ActRule, ...] = (
    # threat: the speaker's side WILL do harm to someone, or a penalty is announced as coming.
    ActRule(
        act="threat",
        weight=0.9,
        # "We would die" is the speaker's side suffering, not doing harm.
        pattern=r"\b{WE}{WILL} {ADV}(?:{RETALIATE}|(?!die|perish){ATTACK})",
        example="We will retaliate against the countries supplying these weapons.",
    ),
    ActRule(
        act="threat",
        weight=0.7,
        pattern=r"{WILL} {ADV}{RETALIATE}",
        example="The alliance will respond decisively to any attack.",
    ),
    ActRule(
        act="threat",
        weight=0.85,
        pattern=r"\b(?:will|would|shall|'ll) (?:[\w'-]+ ){0,2}?(?:face|pay|suffer|bear|incur|trigger|draw|entail|carry|mean|"
        r"have|see|be met with|be met by|be answered with|be answered by)(?: [\w-]+){0,3} {PENALTY}",
        example="Any country that interferes will face consequences never seen in history.",
    ),
    ActRule(
        act="threat",
        weight=0.8,
        pattern=r"\b{PENALTY} (?:[\w'-]+ ){0,4}?(?:will|would|shall) be (?:[\w'-]+ )?(?:swift|severe|decisive|harsh|harsher|tough|tougher|crushing|"
        r"devastating|massive|immediate|overwhelming|proportionate|appropriate|painful|firm)\b",
        example="Our response will be swift and severe.",
    ),
    ActRule(
        act="threat",
        weight=0.7,
        pattern=r"\b{WE}(?:'re| are| am|'m) (?:[\w'-]+ ){1,5}?to (?:\w+ and )?{RETALIATE}",
        example="We are working with our allies to hold the commanders accountable.",
    ),
    ActRule(
        act="threat",
        weight=-0.6,
        pattern=r"{NOT} (?:[\w'-]+ )?(?:want|intend|plan|seek|wish|going|planning|trying|looking|about) (?:to )?"
        r"(?:[\w'-]+ ){0,2}?(?:{RETALIATE}|{ATTACK}|wipe|regret)",
        example="We are a strong nation and we don't want to wipe anyone out.",
    ),
    ActRule(
        act="threat",
        weight=0.6,
        pattern=r"\b(?:severe|serious|grave|swift|massive|heavy|devastating|crushing|decisive|harsh|"
        r"tough|unprecedented|far-reaching|painful)(?: and \w+)?(?: (?:economic|financial|military|political|legal))? {PENALTY}",
        example="Moscow faces swift and severe consequences.",
    ),
    ActRule(
        act="threat",
        weight=0.8,
        pattern=r"\b(?:will|would|'ll|shall|(?:is|are) going to) (?:[\w'-]+ )?pay (?:dearly|heavily|for (?:this|that|it|these|"
        r"those|their|his|her|its|every|each|what))\b|\b(?:will|would|shall) not go (?:unpunished|unanswered)\b|"
        r"\b(?:will|would|shall) (?:[\w'-]+ )?be (?:punished|held (?:[\w'-]+ )?(?:accountable|responsible|to account)|brought (?:to justice|before "
        r"(?:a |the )?(?:[\w'-]+ )?(?:tribunal|court|judge)))\b",
        example="Those who ordered this will pay dearly.",
    ),
    ActRule(
        act="threat",
        weight=0.75,
        # An act of theirs that will bring a response from the speaker's side ("will certainly cause our response").
        pattern=r"\b(?:will|would|'ll) (?:[\w'-]+ )?(?:cause|provoke|trigger|prompt|draw|invite) (?:an? |our |a (?:[\w'-]+ )?)?"
        r"(?:[\w'-]+ )?(?:response|retaliation|countermeasures|reprisals?)\b",
        example="Moving their bases closer will certainly cause our response.",
    ),
    ActRule(
        act="threat",
        weight=0.8,
        # Whoever the subject, "X who/that do Y will be destroyed" puts a penalty on a condition.
        pattern=r"\b(?:those|anyone|anybody|whoever|all|any(?: \w+)?|[a-z]+s) (?:who|that|which) [^.;!?]{0,60}?\b(?:will|shall|would) "
        r"(?:[\w'-]+ )?be (?:destroyed|eliminated|annihilated|crushed|hit|targeted|killed|punished|wiped out|hunted "
        r"down|treated as)\b",
        example="Those who resist will be destroyed.",
    ),
    ActRule(
        act="threat",
        weight=0.8,
        pattern=r"\b(?:will|would|'ll) be (?:forced|compelled|obliged) to (?:act|respond|react|retaliate|take|use|strike)\b",
        example="If they cross the border, we will be forced to act.",
    ),
    ActRule(
        act="threat",
        weight=0.55,
        pattern=r"\b{WE}{WILL} (?:[\w'-]+ )?(?:fight|defend|resist|liberate|retake|recapture|take back)\b|\bwill be "
        r"defended\b",
        example="This is our land. We will fight for it.",
    ),
    ActRule(
        act="threat",
        weight=0.6,
        pattern=r"\b(?:more|new|additional|further|tougher|harsher|crippling) (?:economic |financial )?sanctions\b",
        example="We are going to add more sanctions.",
    ),
    ActRule(
        act="threat",
        weight=0.6,
        pattern=r"\b(?:ramp\w* up|step\w* up|ratchet\w* up|tighten\w*|intensify\w*|increas\w*|maximi[sz]\w*) (?:the )?"
        r"(?:economic |military |financial )?(?:pressure|squeeze|screws?) on\b",
        example="We will do more to ramp up the pressure on the regime.",
    ),
    ActRule(
        act="threat",
        weight=0.65,
        # Only penalties the speaker's side will impose: sanctions imposed already, or urged on others, threaten nobody.
        pattern=r"{WILL} (?:[\w'-]+ ){0,2}?impose (?:[\w'-]+ ){0,3}?{PENALTY}",
        example="We are ready to impose severe sanctions if they move forward.",
    ),
    ActRule(
        act="threat",
        weight=0.85,
        pattern=r"\blegitimate (?:military )?targets?\b",
        example="Their warehouses become legitimate targets for our forces.",
    ),
    ActRule(
        act="threat",
        weight=0.75,
        # The enemy's fate announced: "the occupiers will be wiped out", "they will be hunted down".
        # "They will die" is as often the speaker's own side: only their elimination announced is a threat.
        pattern=r"\b(?:(?:the (?:enemy|invaders?|occupiers?|aggressors?|attackers?|terrorists?|perpetrators)|every (?:invader|occupier|"
        r"aggressor|attacker|terrorist))(?: all)?(?:'ll| will| shall) (?:all )?(?:be (?:eliminated|annihilated|crushed|wiped out|"
        r"hunted down|punished|liquidated|driven out|thrown out|expelled)|die|perish)|they(?:'ll| will| shall) (?:all )?be (?:eliminated|"
        r"annihilated|crushed|wiped out|hunted down|liquidated))\b",
        example="The occupiers will be driven out of every village they hold.",
    ),
    ActRule(
        act="threat",
        weight=0.75,
        # Those to blame will answer for it, and their punishment cannot be escaped.
        pattern=r"\b(?:they|you|he|those|whoever|everyone|every one|all|each|(?:the )?(?:perpetrators|culprits|occupiers|invaders|"
        r"aggressors?))(?: [\w'-]+){0,6}? (?:will|shall|must|'ll) (?:all |certainly |definitely |surely )?answer(?: for| before|"
        r"[.,;!]|$)|\b(?:responsibility|punishment|retribution|accountability|justice|reckoning)(?: [\w'-]+){0,6}? (?:is|will be) "
        r"inevitable\b",
        example="Punishment is inevitable: those who gave the order will answer for it.",
    ),
    ActRule(
        act="threat",
        weight=0.7,
        # Punishment waiting for them, nowhere to hide from it.
        pattern=r"\b(?:punishment|justice|retribution|(?:the |a )?(?:court|tribunal|prison)|death) (?:[\w'-]+ ){0,2}?awaits? "
        r"(?:you|them|him|all|every|each|those|the)\b|\b(?:you|they|he) (?:will|won't|cannot|can't|will not) (?:not )?(?:be able to )?"
        r"(?:hide|escape) (?:anywhere|nowhere|from (?:us|justice|responsibility|punishment))\b",
        example="The court is what awaits you all, and you will not hide anywhere.",
    ),
    ActRule(
        act="threat",
        weight=0.7,
        pattern=r"\b(?:we|i)(?:'re| are|'m| am) (?:[\w'-]+ )?coming (?:after|for) (?:you|them|him|every|each|all)\b",
        example="Your strikes only make us stronger. We are coming for you.",
    ),
    ActRule(
        act="threat",
        weight=0.85,
        pattern=r"\b(?:{WONT}|will|would|shall|'ll) hesitate to\b",
        example="We won't hesitate to use every weapon we have.",
    ),
    ActRule(
        act="threat",
        weight=0.6,
        pattern=r"(?<!not by )(?<!not, by )(?<!n't by )\b(?:all|every|any) (?:the |of the |of our |our |its |their )?(?:available |necessary |possible )?(?:means|measures|forces|options|tools)"
        r"(?: available| at (?:our|its|their) disposal)?",
        example="Russia would defend its land using all means available.",
    ),
    ActRule(
        act="threat",
        weight=0.8,
        pattern=r"\b(?:will|would|'ll) (?:[\w'-]+ )?regret\b|\bteach (?:[\w'-]+ ){0,2}a lesson|"
        r"\bturn (?:[\w'-]+ ){0,3}into (?:ashes|dust|rubble|a (?:[\w'-]+ )?desert)",
        example="They will bitterly regret this decision.",
    ),
    ActRule(
        act="threat",
        weight=0.7,
        pattern=r"\b(?:threaten(?:s|ed|ing)?|vow(?:s|ed|ing)?|promis(?:es|ed|ing)|pledg(?:e|es|ed|ing)|swore|swears?|swearing) (?:to (?:[\w'-]+ ){0,2}(?:{RETALIATE}|"
        r"{ATTACK}|find (?:every|each|all|those))|(?:[\w'-]+ ){0,3}?(?:retaliation|revenge|reprisals?|strikes|punishment)\b|"
        r"a (?:[\w'-]+ ){0,2}response)",
        example="Moscow vowed to retaliate, calling the strike “an act of terror”.",
        scope="frame",
    ),
    ActRule(
        act="threat",
        weight=0.7,
        pattern=r"\bthreaten(?:s|ed|ing)?\b{GOVERNS}",
        example="He praised the army but threatened “anyone who dares to interfere”.",
        scope="frame",
    ),
    ActRule(
        act="threat",
        weight=0.75,
        pattern=r"\ball options (?:are|remain) (?:on the table|open)\b|\bnothing is off the table\b",
        example="All options remain on the table.",
    ),
    ActRule(
        act="threat",
        weight=0.8,
        # A penalty announced as coming, with nobody named to suffer it: it is the speaker's side's answer.
        pattern=r"\bthere (?:will|would|shall|'ll) (?:also |certainly |definitely |surely )?be (?:a |an )?(?:[\w'-]+ ){0,2}?"
        r"(?:consequences|response|retaliation|repercussions|reprisals?|punishment|price to pay|answer|price(?! (?:caps?|ceilings?|rises?|increases?|hikes?|tags?|controls?|limits?|war))(?=\W|$))\b|\b(?:will|would|"
        r"'ll|shall) (?:[\w'-]+ )?(?:get|receive|feel) (?:an? |the |our )?(?:[\w'-]+ ){0,2}?(?:consequences|response|answer|"
        r"retaliation)\b",
        example="Let them try. There will be consequences.",
    ),
    ActRule(
        act="threat",
        weight=0.8,
        # Any step by the other side will bring a penalty: the conditional threat put as a subject.
        pattern=r"\b(?:any|every|such an?|an attempt|attempts) (?:[\w'-]+ ){0,8}?(?:will|would|shall) (?:[\w'-]+ )?(?:lead to|result in|bring|"
        r"trigger|entail|mean|provoke|cause|draw|invite)(?: [\w-]+){0,3}? (?:consequences|response|retaliation|"
        r"repercussions|reprisals?)\b",
        example="Any attempt to interfere would lead to consequences you have never seen.",
    ),
    ActRule(
        act="threat",
        weight=0.8,
        pattern=r"\b(?:(?:will|would|'ll|shall|(?:is|are) going to) (?:[\w'-]+ )?|make (?:[\w'-]+ ){0,7}?)pay (?:a|the) "
        r"(?:[\w'-]+ ){0,2}?price\b",
        example="We will make those who ordered it pay a heavy price.",
    ),
    ActRule(
        act="threat",
        weight=0.8,
        pattern=r"\b(?:will|would|shall) (?:[\w'-]+ )?(?:face|be brought to) justice\b|\b(?:leave|go|remain|stay|be left) (?:[\w'-]+ ){0,2}?"
        r"(?:unanswered|unpunished)\b",
        example="Those behind the shelling will face justice: this will not go unanswered.",
    ),
    ActRule(
        act="threat",
        weight=0.7,
        # The alliance's pledge, put as what its side will do to an attacker.
        pattern=r"\bdefend every (?:inch|centimet\w+|square \w+)\b|\ban attack (?:on|against) (?:one|any) (?:[\w'-]+ ){0,2}?is "
        r"an attack (?:on|against) (?:all|us all|all of us)\b",
        example="We will defend every inch of allied territory.",
    ),
    ActRule(
        act="threat",
        weight=0.6,
        # Accountability pursued and costs imposed: penalties the speaker's side works for.
        pattern=r"\b(?:pursu\w+|seek\w*|ensur\w+|deliver\w*|demand\w*) (?:full |real |complete |criminal )?accountability\b|"
        r"(?<!without )\b(?:impos\w+|maximi[sz]\w+|inflict\w*|exact\w*) (?:[\w'-]+ ){0,2}?(?:costs?|pain|harm|damage) (?:on|to|for) "
        r"(?!(?:the |our |its |their )?(?:civilian|civilians|consumers|families|households|ordinary|people|population))",
        example="We are committed to pursuing accountability with every tool, and to maximizing the costs to the regime.",
    ),
    ActRule(
        act="threat",
        weight=0.8,
        # Deterrence: harm promised to whoever attacks ("consequences for any potential aggressor").
        pattern=r"\b(?:consequences|response|punishment|retaliation|destruction|blow|strikes?|damage)(?: [\w'-]+){0,3}? "
        r"(?:for|against|on|to) (?:any|an|the|every) (?:potential |possible |would-be )?(?:aggressors?|attackers?|invaders?)\b"
        r"(?! state)|\b(?:military|military-technical|military-political)(?: and (?:political|economic))? (?:consequences|"
        r"response|measures|countermeasures)\b(?! (?:of|to)\b)",
        example="A direct attack on our country will lead to horrible consequences for any potential aggressor.",
    ),
    ActRule(
        act="threat",
        weight=0.75,
        # Consequences on a condition: the penalty waits for the other side's step ("consequences should China help").
        pattern=r"\b(?:consequences|a (?:[\w'-]+ )?price|retaliation|a (?:[\w'-]+ )?response|repercussions)(?: [\w'-]+){0,4}? "
        r"(?:if|should|in case|in the event)\b",
        example="He warned the leader of consequences should his country send weapons.",
    ),
    # red_line: a limit the speaker draws, or an ultimatum.
    ActRule(
        act="red_line",
        weight=0.8,
        pattern=r"\b(?:our|my|this is (?:a|the|our)|that is (?:a|the|our)|it is (?:a|the|our)|(?:a|the) clear) red lines?"
        r"|\b(?:cross(?:es|ing|ed)?|overstep\w*) (?:a|the|this|that|our|any) (?:red )?line\b|\bthe line beyond which\b|\bred lines? (?:has|have) "
        r"been crossed",
        example="The deployment of these missiles is our red line.",
    ),
    ActRule(
        act="red_line",
        weight=0.85,
        pattern=r"\b{WONT}(?: ever)? (?:[\w'-]+ )?(?:allow|accept|tolerate|permit|stand for|recogni[sz]e)\b(?! (?:myself|ourselves|himself|herself|themselves|itself)\b)|\b{WONT} be (?:tolerated|allowed|"
        r"accepted|permitted)\b",
        example="We will never accept the partition of our country.",
    ),
    ActRule(
        act="red_line",
        weight=0.75,
        pattern=r"\b(?:is|are|was|would be|will be|remains?|remained|completely|totally|absolutely|simply) unacceptable\b|"
        r"\b(?:is|are|would be) (?:simply |absolutely )?not acceptable\b|\b(?:can|must|should) never be (?:a )?(?:[\w'-]+ )?"
        r"(?:target|allowed|tolerated|accepted)\b",
        example="Any such deployment is unacceptable.",
    ),
    ActRule(
        act="red_line",
        weight=0.8,
        pattern=r"\bultimatum\b|\bdeadline\b|\b(?:{WONT}|not|n't) (?:[\w'-]+ ){0,3}?wait (?:forever|indefinitely|endlessly)\b|\bpatience (?:is|has) (?:running "
        r"out|run out|its limits)\b|\bwithin (?:\d+|twenty-four|forty-eight|seventy-two) hours\b|\bor else\b|"
        # A last chance given, not one taken ("should use the last chance to extend the territory").
        r"\b(?:is|was|be|gives?|given|giving|have|has|had|offer\w*) (?:[\w'-]+ ){0,2}?last chance\b|\bfinal warning\b",
        example="They have until Friday: this is an ultimatum.",
    ),
    ActRule(
        act="red_line",
        weight=0.6,
        pattern=r"\bmust (?:immediately |now |also )?(?:stop|cease|withdraw|leave|end|pull (?:out|back)|halt|get out|"
        r"return|not be allowed|never be allowed)\b",
        example="Their troops must withdraw from the border.",
    ),
    ActRule(
        act="red_line",
        weight=0.6,
        pattern=r"\b(?:withdraw\w*|return\w*|regain\w*|restor\w*|go(?:es|ing)? back|went back|pull\w* back) (?:[\w'-]+ ){0,3}?(?:to )?(?:the )?"
        r"(?:situation|borders?|lines|positions|status quo) (?:as )?(?:of|before|from)\b",
        example="Peace starts with the troops going back to the lines of before the invasion.",
    ),
    ActRule(
        act="red_line",
        weight=0.6,
        pattern=r"\b{WONT} (?!(?:stop|rest|give up|quit|relent)\b)[^.;!?]{0,60}?\buntil\b",
        example="We will not change our position until they take concrete steps.",
    ),
    ActRule(
        act="red_line",
        weight=0.75,
        pattern=r"\bnon-?negotiable\b|\bnot (?:up for )?negotia(?:ble|tion)\b|\bnever (?:cede|"
        r"capitulate)\b|\bnot (?:give|cede) (?:up )?(?:an? |one )?(?:inch|territory|land|centimet\w+)",
        example="Our sovereignty is non-negotiable.",
    ),
    ActRule(
        act="red_line",
        weight=0.75,
        # A red line named as one: "is a red line for us", "we have drawn a red line".
        pattern=r"\b(?:is|are|was|remains?|represents?|constitutes?|be|draw\w*|drew|set\w*) (?:[\w'-]+ ){0,3}?red lines?\b",
        example="Any deployment of foreign troops on our border is a red line for us.",
    ),
    ActRule(
        act="red_line",
        weight=0.6,
        # A demand that the other side stop or withdraw, put as the speaker's demand.
        pattern=r"\bdemand(?:s|ed|ing)? (?:that )?(?:[\w'-]+ ){0,3}?(?:immediately |now )?(?:stop|cease|withdraw|halt|pull (?:out|"
        r"back)|leave)\b",
        example="We demand that they immediately stop the shelling and withdraw their forces.",
    ),
    # reassurance: no intention to attack or escalate, no threat, calming fears.
    ActRule(
        act="reassurance",
        weight=0.85,
        pattern=r"\b(?:no|not any|not the slightest) (?:[\w'-]+ )?(?:intention|intent|plans?|desire|wish|interest|reason|"
        r"aim|goal) (?:[\w'-]+ ){0,2}?(?:to|of|in) (?:[\w'-]+ ){0,2}?{ESCALATE}",
        example="We have no intention of attacking anyone.",
    ),
    ActRule(
        act="reassurance",
        weight=0.85,
        pattern=r"\b{WE}(?:'re| are|'m| am| do| did| will| would| shall)?(?: not|n't| never)(?: \w+)? (?:want|seek|intend|"
        r"wish|plan|going|planning|looking|trying|about|prepared)(?: to| for| a)? (?:[\w'-]+ ){0,2}?{ESCALATE}",
        example="We don't want war with anyone.",
    ),
    ActRule(
        act="reassurance",
        weight=0.8,
        pattern=r"\b{WE}(?:'re| are)? (?:{WONT}|not|don't|do not) (?:[\w'-]+ )?(?:attack|invade|escalate|strike|"
        r"send (?:[\w'-]+ ){0,2}(?:troops|soldiers|forces)|use (?:[\w'-]+ )?(?:nuclear|force)|fight|enter|go to war|threaten)(?!ed\b|d\b)",
        example="We will not attack anyone.",
    ),
    ActRule(
        act="reassurance",
        weight=0.6,
        pattern=r"\b{WONT} (?:[\w'-]+ )?(?:attack|invade|fight|escalate|send (?:[\w'-]+ ){0,2}"
        r"(?:troops|soldiers|forces)|use (?:[\w'-]+ )?(?:nuclear|force)|go to war|join (?:nato|the alliance))(?!ed\b|d\b)",
        example="The alliance will not send troops into the country.",
    ),
    ActRule(
        act="reassurance",
        weight=0.7,
        pattern=r"\b(?:{WONT}|not|n't|no) (?:[\w'-]+ ){0,3}?(?:aggressive|hostile|offensive) (?:actions?|intentions?|plans?|"
        r"steps?|moves?|designs?)\b",
        example="I guarantee that our army is not planning any aggressive actions against its neighbours.",
    ),
    ActRule(
        act="reassurance",
        weight=0.75,
        pattern=r"\b(?:pose[sd]?|is|are|was|represents?|presents?) no (?:[\w'-]+ )?threat\b|\bnot (?:a|any) (?:[\w'-]+ )?threat\b|"
        r"\bno threat to\b|(?<!not )\b(?:a |just a |a big |big |pure )bluff\b|(?<!not )\bbluffing\b",
        example="These exercises pose no threat to anyone.",
    ),
    ActRule(
        act="reassurance",
        weight=0.7,
        pattern=r"\b(?:never|neither|nor|not|n't) (?:[\w'-]+ ){0,4}?(?:pose[sd]?|posing|represent\w*|present\w*|be|been|become) "
        r"(?:a|any) (?:[\w'-]+ )?threat\b",
        example="Neither the alliance nor its members have ever represented a threat to anyone.",
    ),
    ActRule(
        act="reassurance",
        weight=0.6,
        pattern=r"\bnot (?:on the table|an option|being considered|under consideration)\b|\boff the table\b",
        example="Sending troops is not on the table.",
    ),
    ActRule(
        act="reassurance",
        weight=0.7,
        pattern=r"\bno (?:need|reason|cause) (?:to|for) (?:worry|panic|fear|alarm|concern)|\bnothing to (?:fear|worry about)\b|"
        r"\brest assured\b|\b(?:i|we) (?:[\w'-]+ ){0,2}?reassure\b|"
        r"\b(?:purely|strictly|entirely|exclusively) defensive\b|\bdefensive alliance\b|\b(?:is|are|'re) not (?:at war|"
        r"a party to)\b",
        example="This is a defensive alliance, and there is no need to panic.",
    ),
    ActRule(
        act="reassurance",
        weight=0.6,
        pattern=r"\bnot (?:[\w'-]+ ){0,2}(?:join\w*|a member of|become a member of|part of) (?:the )?(?:nato|alliance)\b",
        example="Ukraine is not going to join NATO any time soon.",
    ),
    ActRule(
        act="reassurance",
        weight=0.85,
        pattern=r"\b(?:nobody|no one|none of us) (?:is|are|will|would|was|intends to|plans to|wants to)(?: (?:going|planning|"
        r"about) to)? (?:attack|invade|strike|threaten|bomb|fight|occupy|harm)\b|\b(?:nobody|no one) (?:is|was) (?:even )?"
        r"(?:thinking|talking|planning) (?:about|of) (?:[\w'-]+ ){0,4}?{ESCALATE}",
        example="Nobody is going to attack the people of that country.",
    ),
    # denial: an accusation or a claim of fact denied.
    ActRule(
        act="denial",
        weight=0.85,
        pattern=r"\b(?:claims?|reports?|allegations?|accusations?|statements?|stor(?:y|ies)|rumou?rs?|notion|idea|"
        r"assertions?|narrative|suggestions?|charges?|footage|images|videos?|justification|explanation|version|"
        r"account|pretext)(?: [\w-]+){0,8}? (?:is|are|was|were) "
        r"(?:[\w'-]+ )?(?:not true|untrue|false|a lie|lies|fake|baseless|groundless|nonsense|absurd|propaganda|"
        r"disinformation|unfounded|fabricat\w+|wrong|incorrect|inaccurate|ridiculous|misleading|slander\w*|staged|"
        r"a hoax|fiction|a fantasy|a provocation|not plausible|implausible|not credible|politically motivated)\b",
        example="These reports that our soldiers shelled the town are a lie.",
    ),
    ActRule(
        act="denial",
        weight=0.7,
        # The claim called false where it is named: "absurd claims", "these false allegations". Not "false
        # information", the charge of Russia's censorship law, which the reporter describes.
        pattern=r"\b(?:absurd|false|baseless|groundless|unfounded|fabricated|fake|ridiculous|bogus|outlandish|"
        r"unsubstantiated|fictitious|preposterous|untrue|made-up|invented) (?:(?:and )?[\w'-]+ ){0,2}?(?:claims?|allegations?|"
        r"accusations?|reports?|stories|story|narratives?|rumou?rs?|assertions?|charges?)\b|\b(?:call\w*|"
        r"dismiss\w*|brand\w*|label\w*) (?:[\w'-]+ ){0,3}?(?:baseless|groundless|unfounded|absurd|false|nonsense|"
        r"untrue|fabricated|a lie|lies)\b",
        example="In recent days we have heard absurd claims about secret laboratories.",
    ),
    ActRule(
        act="denial",
        weight=-0.6,
        pattern=r"\b(?:asked|asks|ask|wondered|wonders|wonder|whether)\b[^.;!?]{0,40}?\b(?:is|are|was|were) "
        r"(?:[\w'-]+ )?(?:fake|false|untrue|a lie|lies|staged|true)\b",
        example="He asked whether the footage was fake.",
    ),
    ActRule(
        act="denial",
        weight=0.6,
        pattern=r"\b(?:it|this|that|these|those|which|everything|all this)(?: [\w-]+){0,2}?(?: is| are| was| were|'s) "
        r"(?:[\w'-]+ )?(?:not true|untrue|a lie|lies|fake|baseless|groundless|propaganda|disinformation|unfounded|"
        r"fabricat\w+|slander\w*|staged|a hoax|a provocation|fake news)\b",
        example="This is a lie from start to finish.",
    ),
    ActRule(
        act="denial",
        weight=0.75,
        pattern=r"\b(?:describ\w+|call\w*|label\w*|dismiss\w*|brand\w*|denounc\w*) (?:[\w'-]+ ){0,4}?as (?:a |an |pure |"
        r"complete |total )?(?:fake|lies?|staged|propaganda|provocation|fabrication|hoax|falsehood|slander|fiction|"
        r"disinformation|misinformation|nonsense|absurd|baseless|groundless|unfounded|untrue)\b|"
        r"\b(?:fake|staged) (?:attacks?|news|stor(?:y|ies)|videos?|footage|reports?|massacres?|provocations?)\b|\ba fake "
        r"(?:was|is|has been) staged\b",
        example="The foreign minister described the attacks as “fake”.",
    ),
    ActRule(
        act="denial",
        weight=0.7,
        pattern=r"\b(?:committed|has committed|have committed) no crimes?\b|\bdid (?:nothing|no) wrong\b|\b(?:is|are|was|"
        r"were) (?:completely |totally |absolutely )?innocent\b",
        example="He has committed no crime: he is being punished for being a journalist.",
    ),
    ActRule(
        act="denial",
        weight=0.8,
        pattern=r"\bthere (?:is|was|has been|have been) no (?:[\w'-]+ )?(?:evidence|truth|basis|proof|confirmation)\b|"
        r"\bno evidence (?:that|of|to)\b|\b(?:zero|not a shred of|not a single piece of|not one piece of) evidence\b|\b(?:seen|found|have|had) no evidence\b|\bnot (?:seen|found) any evidence\b",
        example="There is no evidence that our forces were involved.",
    ),
    ActRule(
        act="denial",
        weight=0.75,
        pattern=r"\b{WE}(?: have| had)?(?: did| do| does| were| was| are| have| had| has)?(?: not|n't| never) (?:[\w'-]+ )?"
        r"(?:[\w'-]+ (?:or|nor|and) )?"
        r"(?:order\w*|attack\w*|target\w*|strik\w*|struck|shell\w*|bomb\w*|kill\w*|used?|send|sent|suppl\w+|"
        r"carr\w+ out|fired?|deploy\w*|invad\w*|involv\w*|participat\w*|interfer\w*|commit\w*|(?:been )?involved)\b",
        example="We did not order any strike on the city.",
    ),
    ActRule(
        act="denial",
        weight=0.6,
        # A past act or a claimed change denied. Not a generic or imperative "don't" ("you don't just kill people",
        # "don't kill our children"), not a condition or a question ("when that didn't happen", "why didn't he
        # invade"), and "happen" or "change" only of what was claimed ("it has not happened", "the policy has not changed").
        pattern=r"\b(?:did|does|has|have|had|was|were)(?<!when did)(?<!if did)(?<!why did)(?<!why does)(?: not|n't) "
        r"(?:ever |even |actually |deliberately |intentionally |knowingly |directly |an? |any )?(?:order\w*|attack\w*|target\w*|"
        r"strik\w*|shell\w*|bomb\w*|kill\w*|use|send|suppl\w+|carr\w+ out|fire|deploy\w*|invade|(?:been )?involved)\b|"
        r"\b(?:it|this|that|which|policy|position|stance|approach)(?<!when it)(?<!when this)(?<!when that)(?<!if it)(?<!if this)"
        r"(?<!if that)(?<!hopefully that)(?<!hopefully it)(?<!so that)(?: [\w'-]+){0,3}? (?:did|has|have|had)(?: not|n't) (?:been )?"
        r"(?:chang\w+|happen\w*|take place|occur\w*)\b",
        example="The policy has not changed.",
    ),
    ActRule(
        act="denial",
        weight=-0.6,
        # A negation inside a condition denies nothing: "if it doesn't invade, I'll be there".
        pattern=r"\b(?:if|unless|whether|until) (?:[\w'-]+ ){0,3}?(?:did|do|does|has|have|had|was|were|is|are)(?: not|n't)\b",
        example="If it doesn't invade, I'll be there.",
    ),
    ActRule(
        act="denial",
        weight=0.7,
        pattern=r"\bno (?:[\w'-]+ ){0,2}(?:strikes?|attacks?|shelling|troops|soldiers|weapons|missiles|forces) (?:is|are|was|"
        r"were|has been|have been) (?:being )?(?:made|carried out|launched|fired|used|sent|deployed|conducted|planned|"
        r"present|stationed|involved)\b",
        example="No strikes are being made on civilian targets.",
    ),
    ActRule(
        act="denial",
        weight=0.7,
        # An act rejected ("categorically reject this act of aggression") is condemned, not denied.
        pattern=r"\bnothing to do with\b|\b(?:(?:categorically|flatly|strongly|firmly) (?:deny|denies|denied|reject\w*)|"
        r"(?:we|i) (?:deny|reject|refute))\b(?! (?:the |this |that |any |such |an? )?(?:[\w'-]+ ){0,2}?(?:acts?|aggression|"
        r"annexation|invasion|war|attempts?|violence|referend\w+|occupation|decision|proposals?|demands?|plans?|idea)\b)|\bdefies (?:[\w'-]+ )?logic\b|\bhas no basis\b|"
        r"\b(?:is|are) simply not true\b|\b(?:is|was|are|were) (?:a |an |another |just a )?(?:[\w'-]+ )?false[- ]flag\b",
        example="Our country has nothing to do with the explosions.",
    ),
    ActRule(
        act="denial",
        weight=0.6,
        # Spreading lies, not a description of propaganda ("the spread of propaganda"): the other side's claims are false.
        pattern=r"\b(?:spreading|spread(?! of)|spreads|waging|engag\w* in|participat\w* in|attempt\w* to|trying to|tries "
        r"to|seeking to) (?:[\w'-]+ ){0,4}?(?:disinformation|misinformation|lies|fake news|distort\w*|falsif\w*)\b",
        example="The ministry accused the West of spreading “a disinformation campaign” about the strike.",
    ),
    ActRule(
        act="denial",
        weight=0.65,
        pattern=r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes|disputed|"
        r"rebuffed)\b{GOVERNS}",
        example="The ministry denied the reports, calling them “a provocation”.",
        scope="frame",
    ),
    ActRule(
        act="denial",
        weight=-0.6,
        # A demand or an offer rejected is refused, not denied: a denial disputes a claim of fact.
        pattern=r"\b(?:rejected|rejects|dismissed|dismisses|rebuffed|rebuffs) (?:[\w'-]+ ){0,3}?(?:demands?|proposals?|offers?|"
        r"requests?|options?|calls?|ultimatum|plans?|idea of)\b",
        example="The allies dismissed that demand as a “non-starter”.",
        scope="frame",
    ),
    ActRule(
        act="denial",
        weight=0.65,
        # A claim called false by what it is: "that is nonsense", "the video is fake", whatever its subject.
        pattern=r"\b(?:is|are|was|were|'s|'re) (?:completely|totally|absolutely|simply|entirely|fundamentally) (?:wrong|incorrect|"
        r"inaccurate)\b|\b(?:is|are|was|were|'s|'re) (?:(?:all|just|simply|pure|complete|utter|total|absolute|absolutely|"
        r"completely|totally|utterly|obviously|clearly|outright|blatant|cynical|brazen|shameless|deliberate|a) )*(?:nonsense|rubbish|hogwash|bullshit|fake|fakes|untrue|not true|"
        r"false|lies|a lie|a fabrication|fabricated|fiction|a hoax|baseless|groundless|unfounded)\b",
        example="The video is fake, and everyone knows it.",
    ),
    ActRule(
        act="denial",
        weight=0.65,
        pattern=r"^(?:(?:absolute|complete|utter|total|pure|absolutely|totally|completely) )?(?:nonsense|rubbish|lies|untrue|"
        r"not true|false)\b|\bnot the case\b",
        example="Nonsense. That is simply not the case.",
    ),
    ActRule(
        act="denial",
        weight=0.65,
        # The other side's words called lies.
        pattern=r"\b(?:they|he|she|you|side|government|regime|media|officials|authorities|ministry|kremlin|kyiv|kiev|moscow|"
        r"washington|propagandists?|west) (?:is|are|'re|was|were|keeps?|continues?) (?:[\w'-]+ )?lying\b"
        r"(?! (?:in|on|around|dead|there|under|next|near|at|along|beside|among|across|by|face|inside|outside|low)\b)",
        example="The other side is lying again.",
    ),
    ActRule(
        act="denial",
        weight=0.7,
        # A claim set against reality: the diplomats' stock denials.
        pattern=r"\b(?:not|n't|never) (?:[\w'-]+ )?(?:correspond\w* to|reflect\w*|match\w*) (?:the )?(?:reality|facts|truth)\b|"
        r"\bnothing (?:at all )?(?:in common|to do) with (?:the )?(?:reality|facts|truth)\b|\bfar from (?:the )?(?:truth|reality)\b|"
        r"\b(?:twist\w*|misrepresent\w*) (?:[\w'-]+ ){0,2}?(?:facts|words|position)\b|"
        r"\b(?:taken|quoted|pulled) out of context\b",
        example="This statement does not correspond to reality: they are twisting the facts.",
    ),
    ActRule(
        act="denial",
        weight=0.65,
        pattern=r"\b(?:have|has|had|there is|there's|there was) (?:absolutely )?nothing to hide\b|\b(?:is|are|was|were) (?:[\w'-]+ ){0,3}?"
        r"without (?:any |the slightest )?(?:factual )?(?:basis|foundation|grounds)\b|\b(?:claims?|allegations?|accusations?|reports?|"
        r"statements?)(?: [\w-]+){0,6}? (?:is|are|was|were) (?:[\w'-]+ ){0,3}?(?:intended|designed|aimed|meant) (?:to|at) "
        r"(?:[\w'-]+ ){0,3}?(?:smear\w*|slander\w*|defam\w+|blame-shift\w*|shift\w* (?:the )?blame)\b",
        example="These claims are speculation without any basis, intended to smear our country. We have nothing to hide.",
    ),
    ActRule(
        act="denial",
        weight=0.65,
        # What was said to have happened denied as a fact: "there was no strike", "there are no foreign troops there".
        pattern=r"\bthere (?:is|are|was|were) (?:absolutely |simply )?no (?:[\w'-]+ ){0,2}?(?:strikes?|attacks?|shelling|bombing|"
        r"massacres?|genocide|invasion|mercenaries|laborator(?:y|ies)|labs|(?:russian|ukrainian|american|foreign|nato|our|"
        r"regular) (?:troops|soldiers|forces))\b(?! (?:yet|so far|today|tonight|overnight|since|in the (?:past|last)))",
        example="There was no artillery strike from any area; it was an explosion inside the building.",
    ),
    ActRule(
        act="denial",
        weight=0.65,
        # No part in what happened: "had no involvement in", "played no role in", "was not involved in".
        pattern=r"\b(?:had|has|have|played|plays|play|took|take|takes) no (?:[\w'-]+ )?(?:involvement|role|part|connection|"
        r"links?|relation) (?:whatsoever )?(?:in|with|to)\b",
        example="Our country had no involvement in the explosion.",
    ),
    ActRule(
        act="denial",
        weight=0.65,
        pattern=r"\b(?:is|are|was|were|has not been|have not been|had not been) not (?:at all )?involved in\b|\b(?:it|this|that|"
        r"which|such a thing) (?:has |had )?never happened\b",
        example="Our soldiers were not involved in it; it never happened.",
    ),
    ActRule(
        act="denial",
        weight=0.65,
        pattern=r"\b(?:i|we|he|she) (?:have |has |had )?(?:never|did not|didn't|do not|don't) (?:ever )?(?:say|said|claim|"
        r"claimed|state|stated)\b(?! (?:so|it) (?:before|often|enough))",
        example="I never said that.",
    ),
    # talks: a call for or welcome of negotiations, dialogue, a ceasefire, diplomacy or peace.
    ActRule(
        act="talks",
        weight=0.8,
        pattern=r"\b(?:call\w*|urg\w*|ready|open|willing|keen|prepared|want\w*|hop\w*|invit\w*|propos\w*|seek\w*|"
        r"push\w*|commit\w* to|support\w*|need|welcom\w*|choose|chose|time (?:for|to)|must|should|let us|let's|pray\w*|appeal\w*|"
        r"favou?r\w*|back\w*|insist\w*|continue|resume|start|begin|return to) (?:[\w'-]+ ){0,4}?(?:to |for |on |in |an? )?"
        r"(?:negotiat\w+|talks|talk(?= with| to| directly|[,.;!?]|$)|dialogue|diplomac\w+|diplomatic (?:solution|"
        r"settlement|path|route|track|way|means|"
        r"efforts?)|ceasefire|cease-fire|truce|peace\b(?! prize)|de-?escalat\w+|political settlement|armistice|"
        r"end (?:to )?(?:this|the) (?:[\w'-]+ )?(?:war|conflict|fighting|bloodshed|violence)|stop (?:the|this) (?:[\w'-]+ )?"
        r"(?:war|fighting|bloodshed|violence))",
        example="We call for negotiations without preconditions.",
    ),
    ActRule(
        act="talks",
        weight=0.75,
        pattern=r"\bgive peace a chance\b|\b(?:preserve|restore|achieve|bring about|secure|negotiate|make|keep|save) "
        r"(?:the )?peace\b|\bresolve (?:[\w'-]+ ){0,4}?(?:peacefully|diplomatically|through (?:talks|dialogue|diplomacy))",
        example="There is still time to preserve peace.",
    ),
    ActRule(
        act="talks",
        weight=0.75,
        pattern=r"\bsit down\b|\b(?:come|return|get|go) (?:back )?to the (?:negotiating )?table\b|\bat the (?:negotiating )?"
        r"table\b|\breturn to (?:the )?(?:talks|negotiations|dialogue|diplomacy)\b|\bpath of diplomacy\b|\bdiplomatic "
        r"(?:(?:and|or) peaceful )?(?:solution|settlement|path|route|track|way out)\b|\bpeaceful (?:(?:and|or) "
        r"diplomatic )?(?:solution|settlement|resolution|means|outcome)\b|\b(?:through|by way of|via) (?:[\w'-]+ )?(?:dialogue|"
        r"diplomacy|negotiations?|talks|diplomatic means)\b|\bthe only (?:way|solution|path) (?:[\w'-]+ ){0,4}?"
        r"(?:diplomac\w+|negotiat\w+|talks|dialogue|political)",
        example="The only way out is a diplomatic solution.",
    ),
    ActRule(
        act="talks",
        weight=-1.0,
        pattern=r"(?:\b(?:no|not|never|refuse\w* to|won't|will not|nothing to|far from)|n't) (?:[\w'-]+ ){0,4}?(?:negotiat\w+|talks|"
        r"dialogue|ceasefire|peace)|\b(?:talk|talks|negotiations) (?:failed|collapsed|stalled)|\bnot (?:the )?time (?:to|for)\b",
        example="There will be no negotiations while they occupy our land.",
    ),
    ActRule(
        act="talks",
        weight=0.7,
        pattern=r"\bcall(?:s|ed|ing)? for (?:[\w'-]+ ){0,3}?(?:talks|negotiations|dialogue|a ceasefire|peace|"
        r"de-?escalation|diplomacy)|\burg(?:es|ed|ing) (?:[\w'-]+ ){0,3}(?:to negotiate|to talk|to resume talks)",
        example="“Time is running out,” said the envoy, who called for peace talks.",
        scope="frame",
    ),
    ActRule(
        act="talks",
        weight=0.7,
        pattern=r"\b(?:diplomacy|dialogue|negotiations?|talks) (?:is|are|remains?) (?:still )?(?:the )?(?:only|best|right|"
        r"sole) (?:way|path|solution|option|answer)\b",
        example="Diplomacy is the only way out of this.",
    ),
    # warning: something bad may happen; alarm at the other side's acts.
    ActRule(
        act="warning",
        weight=0.7,
        # A negation between them turns it round: "there will be no war".
        pattern=r"\b(?<!not )(?<!n't ){MAYBE} (?:(?!(?:no|not|never|without)\b)[\w'-]+ ){0,3}?{BAD}",
        example="Destroying the dam would mean a large-scale disaster.",
    ),
    ActRule(
        act="warning",
        weight=0.65,
        pattern=r"\b(?:could|would|will|may|might|risks?|threatens? to) (?:[\w'-]+ )?(?:drag|plunge|spiral|tip|spill|"
        r"provoke|trigger|spark|unleash)\w*\b",
        example="That could drag the whole continent into a wider war.",
    ),
    ActRule(
        act="warning",
        weight=0.6,
        pattern=r"\b(?:prevent|avert|averting|preventing) (?:[\w'-]+ ){0,3}?{BAD}",
        example="Everyone must act now to prevent a nuclear accident at the plant.",
    ),
    ActRule(
        act="warning",
        weight=0.6,
        # The harm is the modal's own verb ("could attack", "could be hit", "may launch an offensive"), not a word
        # further on ("could provide targeted support", "get myself killed").
        pattern=r"\b(?<!not )(?<!n't ){MAYBE} (?:(?:be|been|being|also|then|even|well|soon|still|easily|quickly|now|again|"
        r"directly|further|likely|probably|have to|try to|attempt to|start to|begin to|seek to) |(?:launch|carry out|face|come under) "
        r"(?:an? |new |more )?){0,2}{ATTACK}(?:s|ed|ing)?\b",
        example="They could attack the capital within days.",
    ),
    ActRule(
        act="warning",
        weight=0.6,
        pattern=r"\bdanger(?:ous|ously)?\b|\b(?:high|serious|real|grave|great|growing|huge|major|significant) (?:[\w'-]+ )?"
        r"(?:risks?|danger)\b|\bat risk\b|\bat stake\b|\b(?:immediate|serious|real|grave|direct|existential|growing|"
        r"nuclear) threat\b|\balarming\b|\breckless\w*\b|\bprovocat\w+|\bplaying with fire\b|\bon the (?:brink|verge) of\b"
        r"|\bvulnerable\b|\bescalat\w+|\bnot (?:a |just a )?bluff(?:ing)?\b",
        example="This is a dangerous escalation.",
    ),
    ActRule(
        act="warning",
        weight=0.6,
        pattern=r"\bthreaten(?:s|ed|ing)? (?:the )?(?:[\w'-]+ ){0,2}?(?:security|stability|safety|lives|peace|existence|future|"
        r"survival)\b|\b(?:deeply|gravely|seriously|extremely|very) (?:concerned|alarmed|worried)\b|\birresponsible\b",
        example="We are deeply concerned: this threatens the safety of the whole region.",
    ),
    ActRule(
        act="warning",
        weight=0.65,
        pattern=r"\b(?:dragged|drawn|pulled|sucked) into (?:a |the |this |another )?(?:[\w'-]+ )?(?:war|conflict)\b|"
        r"\b(?:a|the) threat to (?:our |the |its |their |[\w'-]+'s )?(?:national )?(?:security|existence|sovereignty|"
        r"survival|stability|peace)\b",
        example="Do not let your country be dragged into this war!",
    ),
    ActRule(
        act="warning",
        weight=0.6,
        # Less security, a rising risk, a call for vigilance: harm that may come, committing nobody to it.
        pattern=r"\b(?:less|not (?:[\w'-]+ ){0,3}?(?:more |any more )?)(?:stable|secure|safe)\b|\b(?:increas\w*|rais\w*|heighten\w*)"
        r" (?:[\w'-]+ ){0,2}?(?:risks?|probability|likelihood|danger|threat)\b|\b(?:risks?|probability|likelihood|danger) "
        r"(?:[\w'-]+ ){0,3}?(?:increas\w*|grow\w*|mount\w*|ris(?:e|es|ing|en))\b|\bthreat\b[^.;!?]{0,100}?\b(?:is|are|has been|have been|"
        r"keeps?|continues? to be) (?:steadily |rapidly |constantly )?(?:growing|increasing|rising|mounting)\b|"
        r"\btake (?:it|this|that|the (?:[\w'-]+ )?threat|"
        r"them) (?:very |extremely |deadly )?seriously\b|\bkeep (?:our|an|a close|close) eyes? on\b|\bwatch\w* "
        r"(?:[\w'-]+ ){0,3}?(?:very )?closely\b",
        example="Another enlargement of the alliance does not make our continent more stable or secure.",
    ),
    ActRule(
        act="warning",
        weight=0.6,
        # Alarm at what the other side does: concern voiced, a threat posed, safety endangered ("worried"
        # is left out: it is mostly for one's family).
        pattern=r"\b(?:very |deeply |extremely |increasingly |most )?concerning\b|\b(?:a |an )?(?:big|major|serious|grave|"
        r"real|growing|huge)(?:,? big)? (?:worry|concern)\b|\b(?:reiterat|express|voic|rais|shar|underlin)\w* (?:[\w'-]+ )?"
        r"(?:concerns?|alarm|worr(?:y|ies))\b|\b(?:we|i)(?: are|'re| am|'m| remain| have been|'ve been)? (?:very |deeply |"
        r"increasingly |extremely |seriously |gravely |consistently |particularly )?(?:concerned|alarmed) (?:about|that|by|over|at)\b|\b(?:pose[sd]?|posing) "
        r"(?:an? |the )?(?:[\w'-]+ ){0,3}?threats?\b|\bunder (?:[\w'-]+ )?threat\b|\b(?:acute|significant|sharp|"
        r"biggest|greatest|major|gravest|primary) (?:[\w'-]+ )?threats?\b|\bthreats? of (?:a |an )?(?:[\w'-]+ )?(?:war|"
        r"invasion|attack|strikes?|escalation)\b|\b(?:endanger\w*|jeopardi[sz]\w*|imperil\w*)\b|\bblackmail\b|"
        r"\b(?:may|might|could|would|will|likely to|possibly|potentially) (?:well |even |still |also |possibly |potentially )?use "
        r"(?:[\w'-]+ )?(?:nuclear|chemical|biological|tactical)\b|\b(?:nuclear|chemical|biological) (?:weapons?|arms|agents?) "
        r"(?:will|could|may|might|would|are going to) (?:[\w'-]+ )?be used\b",
        example="We are concerned about the continued threat their strikes pose to civilians.",
    ),
    ActRule(
        act="warning",
        weight=0.5,
        pattern=r"\bcatastroph\w+|\bdisaster\w*",
        example="What is happening at the plant is a catastrophe.",
    ),
    ActRule(
        act="warning",
        weight=-0.5,
        pattern=r"(?:\bno|\bnot (?:[\w'-]+ )?any|n't (?:[\w'-]+ )?any|\bwithout any) (?:[\w'-]+ ){0,2}?(?:escalation|danger|risk|threat)s?\b",
        example="We are not seeing any escalation beyond what we saw before.",
    ),
    ActRule(
        act="reassurance",
        weight=0.55,
        pattern=r"(?:\bno|\bnot (?:[\w'-]+ )?any|n't (?:[\w'-]+ )?any|\bwithout any) (?:[\w'-]+ ){0,2}?(?:escalation|danger|risk)s?\b|"
        r"(?:\bnot (?:[\w'-]+ )?any|n't (?:[\w'-]+ )?any) (?:[\w'-]+ ){0,2}?threats?\b",
        example="There is no danger to the population, and we don't see any direct threat.",
    ),
    ActRule(
        act="warning",
        weight=0.7,
        # Not the speaker's own hedging: "I want to be careful here".
        pattern=r"\bbe (?<!i want to be )(?<!i'd be )(?<!i would be )(?<!i need to be )(?<!let me be )(?<!i have to be )"
        r"(?<!i'll be )(?:very |extremely |extra |particularly |especially )?careful\b(?! (?:about|with|what|how|when|not to|here)\b)|\bbeware\b|\b(?:we|i) (?:must |have to |want to )?warn\b|\bwake-up call\b|"
        r"\balarm bells\b|\bmake no mistake\b|\b(?:big|grave|huge|terrible|serious|horrible|historic|fatal|"
        r"catastrophic|strategic) mistake\b",
        example="Make no mistake: this is only the start.",
    ),
    ActRule(
        act="warning",
        weight=0.75,
        pattern=r"\b(?:(?:is|be|are|marks?|signals?|means?) (?:just |only )?(?:the |a )?(?:beginning|start|eve|prelude)|"
        r"(?:beginning|start|eve|brink|verge|threshold|prelude) (?:of|to) (?:a|an|another|new)) (?:of |to )?(?:a |an |the )?"
        r"(?:[\w'-]+ ){0,2}?"
        r"(?:invasion|war|offensive|attack|escalation|conflict|catastrophe|crisis|disaster)\b|\b(?:invasion|war|"
        r"offensive|attack|battle|crisis|storm|winter|famine|catastrophe) (?:is|are) (?:[\w'-]+ )?(?:coming|imminent|"
        r"looming|near|approaching|on (?:the|its) way)\b|\bthere (?:will|'ll|is going to|are going to) (?:soon |eventually |surely )?be "
        r"(?!no\b|not\b)(?:an? |another |new |more )?(?:[\w'-]+ )?(?:assaults?|offensives?|invasion|war|attacks?|escalation)\b",
        example="Another battle is coming, and it will be harder.",
    ),
    ActRule(
        act="warning",
        weight=0.7,
        pattern=r"\btantamount to\b|\bdirect (?:military )?(?:conflict|confrontation|involvement|participation)\b|"
        r"\b(?:is|are|was|be|constitutes?|amounts? to|means?) (?:a |an )?(?:[\w'-]+ )?(?:declaration of war|act of war|casus belli)\b|"
        r"\b(?:a|another|new|third) world war\b|\bworld war (?:three|iii|3)\b|\bnuclear (?:war|catastrophe|conflict|"
        r"disaster|armageddon|holocaust|escalation)\b|\bapocalyp\w+|\barmageddon\b",
        example="Such a step would be tantamount to joining the war.",
    ),
    ActRule(
        act="warning",
        weight=0.65,
        pattern=r"\b(?:will|would|'ll) (?:[\w'-]+ )?(?:mean|amount to|constitute|signal|make)\b[^.;!?]{0,80}?\b(?:at war|"
        r"fighting|a party to the (?:war|conflict)|enter\w* the war|direct (?:participation|involvement))\b|\b(?:are|is) "
        r"(?:directly |now |already )?at war with\b",
        example="This will mean that the alliance is fighting us.",
    ),
    ActRule(
        act="warning",
        weight=-0.3,
        pattern=r"\b(?:end|stop|halt|resolve|settle|win)(?:s|ed|ing)? (?:[\w'-]+ ){0,2}?(?:conflict|war|invasion|attack|"
        r"offensive|escalation|crisis)\b",
        example="They can end this conflict straight away.",
    ),
    ActRule(
        act="warning",
        weight=0.6,
        pattern=r"\b(?:warn(?:s|ed|ing)?|caution(?:s|ed|ing)?|raised? (?:the )?(?:alarm|concerns?|fears?)|sound(?:s|ed|"
        r"ing)? (?:the|an) alarm)\b{GOVERNS}",
        example="The agency warned that “the situation is deteriorating”.",
        scope="frame",
    ),
    ActRule(
        act="warning",
        weight=0.6,
        # A risk or threat said to be real.
        pattern=r"\b(?:risks?|danger|threat|likelihood|probability) (?:[\w'-]+ ){0,4}?(?:is|are|remains?) (?:very |quite |"
        r"extremely |still )?(?:real|high|serious|great|significant|considerable)\b|\b(?:is|are|poses?|represents?|remains?|"
        r"becomes?|would be|will be) (?:a|an) (?:[\w'-]+ ){0,2}?threat to\b",
        example="The threat of an attack is real: this is a threat to the whole region.",
    ),
    ActRule(
        act="warning",
        weight=0.6,
        # An attack said to be coming or prepared.
        pattern=r"\bimminent\b|\bat any (?:moment|time|minute)\b|\b(?:prepar\w+|poised|massing \w+) (?:[\w'-]+ ){0,2}?"
        r"(?:an? |to |for (?:an? )?)?(?:new |large-scale |major |full-scale |possible )?(?:attack|invasion|invade|offensive|"
        r"assault)\b",
        example="They are preparing an offensive, and it could come at any moment.",
    ),
    ActRule(
        act="warning",
        weight=0.6,
        pattern=r"\b(?:will|would|won't|wouldn't) (?:not )?stop (?:at|with|there)\b",
        example="He will not stop at Ukraine.",
    ),
    ActRule(
        act="reassurance",
        weight=0.7,
        pattern=r"\bnot (?:[\w'-]+ )?(?:directed|aimed|targeted|pointed) (?:against|at) (?:any|anyone|anybody|third|other)\b|"
        r"\b(?:does|do|did)(?: not|n't) (?:seek|want|intend|plan)\w* (?:[\w'-]+ ){0,2}?{ESCALATE}|\b(?:radiation|background)"
        r" (?:levels? )?(?:is|are|remains?|remained) (?:[\w'-]+ )?(?:normal|safe)\b",
        example="The exercises are not directed against any country.",
    ),
)

# The quote's speech verb, as the extractor found it: only verbs that name an act.
CUE_RULES: dict[str, tuple[str, float]] = {
    "threaten": ("threat", 0.7),
    "threatens": ("threat", 0.7),
    "threatened": ("threat", 0.7),
    "threatening": ("threat", 0.7),
    "warn": ("warning", 0.55),
    "warns": ("warning", 0.55),
    "warned": ("warning", 0.55),
    "warning": ("warning", 0.55),
    "cautioned": ("warning", 0.55),
    "cautions": ("warning", 0.55),
    "deny": ("denial", 0.65),
    "denies": ("denial", 0.65),
    "denied": ("denial", 0.65),
    "denying": ("denial", 0.65),
    "rejected": ("denial", 0.55),
    "dismissed": ("denial", 0.55),
    "assured": ("reassurance", 0.55),
    "reassured": ("reassurance", 0.6),
}

# Verbs that report speech, bounding the clause a fragment belongs to ("X, who said A, told
# reporters B": a fragment of B is not part of A). Narrower than the extractor's cue verbs: words
# that are also nouns or everyday verbs ("attacks", "continue", "put") would cut statements apart.
REPORTING_VERBS = (
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "telling",
    "added",
    "adding",
    "adds",
    "stated",
    "declared",
    "declaring",
    "claimed",
    "claiming",
    "insisted",
    "insisting",
    "warned",
    "warns",
    "wrote",
    "writes",
    "announced",
    "noted",
    "noting",
    "stressed",
    "stressing",
    "explained",
    "argued",
    "arguing",
    "asserted",
    "accused",
    "accusing",
    "denied",
    "denies",
    "denying",
    "described",
    "describing",
    "called",
    "calling",
    "labelled",
    "labeled",
    "dubbed",
    "branded",
    "dismissed",
    "urged",
    "urging",
    "threatened",
    "vowed",
    "promised",
    "pledged",
    "cautioned",
    "suggested",
    "acknowledged",
    "admitted",
    "according to",
    "responded",
    "replied",
    "predicted",
    "tweeted",
    "emphasised",
    "emphasized",
    "reiterated",
    "confirmed",
    "recalled",
    "complained",
    "condemned",
    "criticised",
    "criticized",
    "termed",
    "characterised",
    "characterized",
    "rejected",
    "charged",
    "alleged",
)

# A threat whose condition is the other side NOT complying is an ultimatum (red_line).
NONCOMPLIANCE = (
    r"\b(?:unless|(?:if|in the event (?:that)?|should) (?:\S+ ){1,6}?(?:(?:does|do|did|will|would)(?: not|n't)|"
    r"fails? to|refuses? to))\b"
)


# -- weapons (codebook slugs) ------------------------------------------------------------------
# Where two names overlap, the longer match wins: "Tomahawk missiles" is tomahawk, not missiles too.
DEFAULT_WEAPONS = {
    "Storm Shadow": r"storm shadows?|scalp(?:-eg)?",
    "ATACMS": r"atacms|army tactical missile systems?",
    "Tomahawk": r"tomahawks?(?: (?:cruise )?missiles?)?",
    "Taurus": r"(?-i:Taurus)(?: (?:cruise )?missiles?)?",
    "HIMARS": r"himars(?: (?:rocket )?(?:launchers?|systems?|rockets?))?",
    "F-16": r"f-?16s?(?: (?:fighter )?(?:jets?|planes?|aircraft))?",
    "Patriot": r"(?-i:Patriots?)(?: (?:air[- ]defen[cs]e )?(?:missiles?|systems?|batter(?:y|ies)|launchers?))?",
    "Abrams": r"(?:m1(?:a\d)? )?abrams (?:tanks?|battle tanks?)|m1(?:a\d)? abrams|(?-i:the Abrams)",
    "Leopard": r"(?-i:Leopard)(?: ?[12](?:a\d)?)?(?: (?:battle )?tanks?)?",
    "nuclear": r"nuclear(?:-armed|-capable)?(?: \w+)? (?:weapons?|arms|arsenal|missiles?|warheads?|strikes?|attacks?|war|"
    r"forces|bombs?|option|button|capabilit(?:y|ies)|inventory|deterrent|deterrence|threats?|escalation|blackmail|"
    r"sabre-rattling|saber-rattling|armageddon|holocaust|annihilation|apocalypse|nations?|states?|"
    r"powers?(?! (?:plants?|stations?)))|"
    r"nukes?|atomic (?:weapons?|bombs?)|warheads?|(?:tactical|strategic) nuclear",
    "missiles": r"(?:(?:long-range|cruise|ballistic|hypersonic|intercontinental|tactical|anti-ship|anti-aircraft|"
    r"surface-to-air|air-to-air) )*missiles?|icbms?|hypersonic weapons?|(?-i:Iskanders?|Kalibrs?|Kinzhals?|"
    r"Oreshnik|Sarmat|Zircon)",
    "drones": r"(?:kamikaze |attack |combat |suicide )?drones?|u\.?a\.?v\.?s?\b|shaheds?|bayraktars?|lancets?|"
    r"loitering munitions?",
    "tanks": r"(?<!think )(?<!fuel )(?<!water )(?<!septic )(?<!oil )(?<!gas )(?:battle )?tanks?(?! of)",
    "cluster munitions": r"cluster (?:munitions?|bombs?)",
    "artillery": r"artillery|howitzers?|(?:multiple )?rocket launchers?|mlrs",
    "fighter jets": r"(?:fighter|military|combat) (?:jets?|planes?|aircraft)|warplanes?|(?-i:MiG)-?\d+s?|su-\d+s?|f-35s?",
    "bombers": r"(?:strategic |long-range )?bombers?|b-52s?|tu-(?:95|160|22)\w*",
}

# A class name right after a system's name is part of it: "Tomahawk missiles" is tomahawk alone.
WEAPON_CLASSES = frozenset({"missiles", "drones", "tanks", "fighter-jets", "artillery", "bombers"})

# -- targets (codebook slugs) ------------------------------------------------------------------
DEFAULT_TARGETS = {
    "United States": r"united states|u\.s\.(?!\w)|(?-i:US)|america|americans?|washington|white house"
    r"|pentagon|biden|trump|blinken|austin|sullivan|harris",
    "United Kingdom": r"united kingdom|u\.k\.(?!\w)|(?-i:UK)|britain|british|london|downing street|starmer|sunak|"
    r"johnson|truss|wallace",
    "NATO": r"nato|north atlantic (?:treaty )?(?:alliance|organi[sz]ation)|the alliance|stoltenberg|rutte",
    "Ukraine": r"ukraine|ukrainians?|kyiv|kiev|zelensk(?:y|yy|iy)",
    "Russia": r"russia|russians?|moscow|kremlin|putin|peskov|lavrov|medvedev|shoigu",
    "EU": r"european union|(?-i:EU)|brussels|european commission|von der leyen|borrell",
    "the West": r"the west|western (?:countries|nations|allies|powers|leaders|governments|states|partners|weapons)",
    "Germany": r"germany|germans?|berlin|scholz|merz",
    "France": r"france|french|paris|macron",
    "Poland": r"poland|polish|poles|warsaw|duda",
    "Israel": r"israel|israelis?|netanyahu",
    "Iran": r"iran|iranians?|tehran",
    "China": r"china|chinese|beijing|xi jinping|(?-i:Xi)",
    "Belarus": r"belarus|belarusian|minsk|lukashenko",
    "North Korea": r"north korea|pyongyang|kim jong[- ]un",
}

# Whom a statement addresses, warns, threatens or demands something of: {ENTS} is one or more
# named states or organisations ("Russia", "the US and its allies").
TARGET_RULES: tuple[TargetRule, ...] = (
    TargetRule(
        pattern=r"\b(?:if|unless|should|in case|once|the moment|as long as) {ENTS}",
        example="If Russia invades, we will respond decisively.",
        targets=("russia",),
    ),
    TargetRule(
        pattern=r"\b(?:{PENALTY}|message|warning|ultimatum|demands?|pressure|war on|measures|steps) (?:[\w'-]+ ){0,3}?"
        r"(?:on|against|for|to|at|toward|towards) {ENTS}",
        example="There will be severe consequences for Moscow.",
        targets=("russia",),
    ),
    TargetRule(
        pattern=r"\b(?:warn\w*|threaten\w*|urg\w*|call\w* on|told|tell\w*|ask\w*|demand\w* (?:of|from|that)|accus\w*|"
        r"blam\w*|condemn\w*|say to|said to|appeal\w* to|message to) {ENTS}",
        example="We warn Washington that this path leads to war.",
        targets=("united-states",),
    ),
    TargetRule(
        pattern=r"{ENTS}(?: \w+){0,2}? (?:must|should|has to|have to|needs? to|had better|will pay|would pay|will regret|"
        r"would regret|will face|would face|will have made|would be making|is making|are making|risks?|cannot|can't|"
        r"will not be allowed)\b",
        example="Moscow must withdraw its troops.",
        targets=("russia",),
    ),
    TargetRule(
        pattern=r"{ENTS}(?: [\w'-]+){0,3}? (?:are|is|be|being|would be|will be) (?:directly |now |already )?(?:at war|"
        r"fighting|a party to)\b",
        example="This would mean that NATO countries are fighting us.",
        targets=("nato",),
    ),
    TargetRule(
        pattern=r"{ENTS}(?:'s)? (?:[\w'-]+ )?(?:invasion|aggression|attacks?|provocations?|escalation|threats?|offensive|"
        r"occupation|bombardment|shelling|blackmail|war|regime|ultimatum|involvement|intervention|enlargement|expansion|"
        r"build-?up|deployments?|behaviou?r)\b",
        example="This is the beginning of a Russian invasion.",
        targets=("russia",),
    ),
    TargetRule(
        pattern=r"\b(?:invasion|aggression|attacks?|provocations?|escalation|threats?) (?:[\w'-]+ ){0,2}?(?:by|from) {ENTS}",
        example="Any further escalation by Moscow will be answered.",
        targets=("russia",),
    ),
    TargetRule(
        # The one reassured: no threat to it, no wish to harm it; and the one whose expansion is warned of.
        pattern=r"\b(?:(?:no|not a|not any|never a) (?:[\w'-]+ )?(?:threat|danger) (?:to|towards?|for|against)|(?:no|not|n't|never) "
        r"(?:[\w'-]+ )?(?:want|intend|plan|wish|seek)\w* to (?:[\w'-]+ )?(?:wipe out|destroy|attack|invade|fight|strike)|"
        r"(?:enlargement|expansion) of) (?:the )?{ENTS}",
        example="We don't want to wipe out Russia, and the alliance poses no threat to Moscow.",
        targets=("russia",),
    ),
    TargetRule(
        pattern=r"^(?:mr\.? |president )?{ENTS}, ",
        example="Mr Putin, you will pay dearly for this.",
        targets=("russia",),
    ),
)

# An explicit condition governing the claim: "if", "unless", "should they", "in case of".
CONDITION = (
    r"\b(?:if|unless|in the event (?:of|that)|in case|provided (?:that)?|on condition that|only when|as soon as)\b|"
    r"(?-i:\b[Ss]hould (?:[A-Z]\w+|the \w+|they|he|she|it|any \w+|anyone|someone|this|that|such)\b)"
)
# "if" that means "whether", or that does not govern a claim.
NOT_A_CONDITION = (
    r"\b(?:even|as|only|ask|asks|asked|asking|wonder\w*|know|knows|knew|see|seeing|check\w*|decide\w*|unclear|"
    r"unsure|sure|doubt\w*|question\w*|tell|told|whether|what|matter|care|cares|cared)(?: \w+){0,3}? $"
)
NOT_A_CONDITION_AFTER = r"^ (?:any|not|ever|only|so|anything|at all|true)\b"
