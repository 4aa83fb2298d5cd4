"""Escalation coding, table-driven: every row of the codebook's tables codes the invented
sentence it was written for, and invented sentences read as the codebook says."""

import random
import re
import time
from dataclasses import dataclass

import pytest

from archive.ingest import escalation_rules as rules
from archive.ingest.escalation import (
    DEFAULT_LEXICON,
    UNCODED_BELOW,
    InvalidTerm,
    Lexicon,
    Term,
    code_quote,
    code_quotes,
    compile_term,
    shown_act,
)
from archive.ingest.prefilter import needles


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    cue: str | None = None


def quoted(text, cue=None):
    """The text's first “…” span, or the whole text when it quotes nothing."""
    match = re.search(r"“([^”]+)”", text)
    return Span(match.start(1), match.end(1), cue) if match else Span(0, len(text), cue)


def code(text, cue=None, lexicon=DEFAULT_LEXICON):
    return code_quotes(text, [quoted(text, cue)], lexicon=lexicon)[0]


# -- every row, on its own example ---------------------------------------------------------


@pytest.mark.parametrize("rule", rules.ACT_RULES, ids=lambda rule: f"{rule.act}:{rule.example[:40]}")
def test_each_act_row_matches_its_example_and_codes_it(rule):
    fired = DEFAULT_LEXICON.explain(rule.example, [quoted(rule.example)], 0)
    assert rule in [origin for _, _, origin in fired], f"the row does not match its own example: {rule.example}"
    if rule.weight > 0:
        assert code(rule.example).act == rule.act
    else:  # a row against an act: its example is not coded as that act
        assert code(rule.example).act != rule.act


@pytest.mark.parametrize("rule", rules.TARGET_RULES, ids=lambda rule: rule.example[:40])
def test_each_target_row_finds_whom_its_example_addresses(rule):
    coded = code(rule.example)
    assert coded.act != "other", "targets are only read from a statement that does something"
    assert set(coded.targets) == set(rule.targets)


@pytest.mark.parametrize("rule", rules.ACT_RULES, ids=lambda rule: f"{rule.act}:{rule.example[:40]}")
def test_the_prefilter_lets_each_row_through_on_its_example(rule):
    """The needles never hide a match: the example a row matches holds one of them."""
    pattern = re.sub(r"\{([A-Z]+)\}", lambda m: rules.MACROS[m.group(1)], rule.pattern)
    wanted = needles(pattern)
    text = rule.example.replace("“", "").replace("”", "").replace("’", "'").lower()
    if wanted is not None and re.search(pattern, text):
        assert any(needle in text for needle in wanted)


def test_the_prefilter_never_hides_a_match_in_random_text():
    """Any text a row's pattern matches holds one of its needles (random word salad of the rows' words)."""
    words = sorted({w for rule in rules.ACT_RULES for w in re.findall(r"[a-z']+", rule.example.lower())})
    generator = random.Random(13)
    compiled = []
    for rule in rules.ACT_RULES:
        pattern = re.sub(r"\{([A-Z]+)\}", lambda m: rules.MACROS[m.group(1)], rule.pattern)
        compiled.append((re.compile(pattern), needles(pattern)))
    checked = 0
    for _ in range(3000):
        text = " ".join(generator.choice(words) for _ in range(generator.randint(2, 12)))
        for pattern, wanted in compiled:
            if wanted is not None and pattern.search(text):
                checked += 1
                assert any(needle in text for needle in wanted), (pattern.pattern, text)
    assert checked > 100


# -- what the codebook says ---------------------------------------------------------------


@pytest.mark.parametrize(
    "quote, act",
    [
        ("Any strike on our territory with these missiles will be met with a crushing response", "threat"),
        ("We will retaliate against the countries supplying these weapons", "threat"),
        ("Their bases will become legitimate targets", "threat"),
        ("This is our red line and it cannot be crossed", "red_line"),
        ("They must withdraw their troops within 48 hours", "red_line"),
        ("We have no plans to send troops to the region", "reassurance"),
        ("We did not order any strike on the city", "denial"),
        ("The reports that our forces attacked the convoy are a lie", "denial"),
        ("We call for negotiations without preconditions", "talks"),
        ("The only way out is a ceasefire and a return to dialogue", "talks"),
        ("We do not want a war with anybody", "reassurance"),
        ("This decision risks a dangerous escalation", "warning"),
        ("That could drag the whole continent into a wider war", "warning"),
        ("The weather in the capital was cold this morning", "other"),
        # Support is not reassurance: the codebook's reassurance calms fears of attack.
        ("We will continue to support Ukraine for as long as it takes", "other"),
        # A threat is harm the speaker's side will do, not penalties already imposed.
        ("While imposing sweeping sanctions on the country, they keep buying its gas", "other"),
        ("Advice, not alarm: we should be careful about the exact numbers", "other"),
        ("The ministry accused the West of spreading lies about the strike", "denial"),
        ("If the attacks continue, the response will be even harsher", "threat"),
        # A war fought, won or tried in court is no warning of one.
        ("The better the economy works, the better the country can fight a war", "other"),
        ("They are gathering the detail so this can be an actual war crimes trial", "other"),
        # A rising risk or a call for vigilance warns, committing nobody to harm.
        ("The risk of an accident at the plant is growing every week", "warning"),
        ("We have to take this threat very seriously and watch their troops closely", "warning"),
        ("That's not true, and it never was", "denial"),
        ("They branded the report baseless", "denial"),
        ("Moscow faces severe economic consequences if its troops cross the border", "threat"),
        # A charge under a censorship law, described by the reporter, denies nothing.
        ("He is charged with spreading false information about the army", "other"),
        ("We will hold the regime and its leaders to account", "threat"),
        ("If the talks fail, we will resort to retaliatory measures", "threat"),
        ("Whoever gave these orders will be brought before a tribunal", "threat"),
        ("We will not wait forever for their answer", "red_line"),
        ("The buildup on the border is deeply concerning", "warning"),
        ("Shelling near the reactor jeopardizes the safety of the whole region", "warning"),
        ("I am worried about my family and my children", "other"),
        ("The claims of a chemical attack by our army were equally absurd", "denial"),
        ("The accusations are politically motivated", "denial"),
        ("The prosecutors have zero evidence", "denial"),
        # A negation between the modal and the harm turns it round.
        ("If you take to the streets, they will withdraw the troops, and then there will be no war", "other"),
        ("A show trial will be the line beyond which any contact is impossible", "red_line"),
        ("We are ready to address these concerns through dialogue", "talks"),
    ],
)
def test_acts(quote, act):
    assert code(quote).act == act


@pytest.mark.parametrize(
    "quote, act",
    [
        # Negation and modality decide between threat, reassurance and denial.
        ("We will not hesitate to use every means at our disposal", "threat"),
        ("We have no intention of attacking anyone", "reassurance"),
        ("We are a strong country, and we don't want to destroy anyone", "reassurance"),
        ("We did not attack the convoy", "denial"),
        ("They will not attack the city, we are sure of it", "reassurance"),
        # A penalty announced as coming is a threat, even beside red-line words.
        ("Such a step is unacceptable and would carry far-reaching consequences for Moscow", "threat"),
        ("Any attempt to help them will be met with the harshest sanctions", "threat"),
        # A threat conditioned on non-compliance is an ultimatum; one conditioned on an act stays a threat.
        ("Unless the convoy turns back, we will strike it", "red_line"),
        ("If they do not leave the port by Friday, we will be forced to act", "red_line"),
        ("If they attack the port, we will strike back", "threat"),
        # Red lines the speaker draws, not red lines talked about; "never give up" is resolve, not a line.
        ("We will never accept a partition of our country", "red_line"),
        ("We won't allow foreign troops on our soil", "red_line"),
        ("Where exactly is the red line for the allies?", "other"),
        ("We are not giving up. We will never give up.", "other"),
        # Denials dispute a claim; a word like "fake" or "disinformation" elsewhere is not one.
        ("We have not seen any evidence of a withdrawal", "denial"),
        ("The story that our pilots bombed the dam is completely false", "denial"),
        ("He asked whether the footage was fake", "other"),
        ("The department will address disinformation while protecting free speech", "other"),
        # Reassurance calms fears; "not a bluff" does the opposite.
        ("We are not at war with the Russian people", "reassurance"),
        ("His threat is a big bluff", "reassurance"),
        ("When they say it is not a bluff, you have to take them seriously", "warning"),
        ("We aren't seeing any escalation bigger than before", "reassurance"),
        # Talks are called for, not reported or refused.
        ("The delegations met again for peace talks in the capital", "other"),
        ("I just want to talk about the budget", "other"),
        ("We urge both sides to return to the negotiating table", "talks"),
        ("There is no alternative to a diplomatic and peaceful solution", "talks"),
        ("There will be no negotiations while they occupy our land", "other"),
        # History is not a warning; what may come is.
        ("The worst flooding since World War II", "other"),
        ("This could start a third world war", "warning"),
        ("The shelling could have dire consequences for the whole region", "warning"),
        # A question commits nobody.
        ("Will there be a nuclear war?", "other"),
        # A penalty announced as coming is the speaker's side's threat, whoever is named to suffer it.
        ("There will be a response, and it will not be symbolic.", "threat"),
        ("Any interference in our affairs would lead to consequences they cannot imagine.", "threat"),
        ("We will make them pay a terrible price for this.", "threat"),
        ("We will answer any provocation.", "threat"),
        ("Those behind the shelling will face justice.", "threat"),
        # Answering questions retaliates against nobody.
        ("We will respond to your questions after the briefing.", "other"),
        ("She would answer this question later.", "other"),
        # A claim called false, whatever names it; the other side called liars.
        ("Nonsense. Nobody fired at the convoy.", "denial"),
        ("The information about the sunken ship is fake.", "denial"),
        ("That is simply not the case.", "denial"),
        ("The other side is lying, as usual.", "denial"),
        ("The wounded were lying in the corridor.", "other"),
        ("Our unit had no involvement in the explosion.", "denial"),
        ("I never said that the sanctions would stop them.", "denial"),
        # A past act denied is a denial, not a promise for the future.
        ("We have never attacked civilians.", "denial"),
        ("We will never attack civilians.", "reassurance"),
        # Risks called real, attacks said to be coming or prepared, warn.
        ("The risk of a wider war is very real.", "warning"),
        ("They are preparing a new offensive in the east.", "warning"),
        ("He will not stop at the border.", "warning"),
        ("The drills are not directed against any third country.", "reassurance"),
        ("This is a red line for our government.", "red_line"),
        ("Dialogue remains the only way to settle this.", "talks"),
        ("We will keep working to impose costs on the regime.", "threat"),
        ("The siege is a tactic to impose costs on the civilian population.", "other"),
        ("We are not ready to wait indefinitely for their answer.", "red_line"),
        ("I cannot wait any longer to see my family.", "other"),
        ("The shortage has the potential to cause a famine.", "warning"),
        # Deterrence: harm promised to whoever attacks is a threat, not a warning.
        ("An attack on our soil would bring terrible consequences for any aggressor.", "threat"),
        ("They would face military and political consequences if they joined.", "threat"),
        ("Soldiers who refuse to surrender will be destroyed.", "threat"),
        ("The army's military response to the invasion was swift.", "other"),
        ("He worked for the aggressor state for years.", "other"),
        ("Nobody is going to attack the people of that country.", "reassurance"),
        ("We don't see any direct immediate threat to the city.", "reassurance"),
        # A false flag is an accusation when it is said to be planned, a denial when what happened is called one.
        ("We believe they are preparing a false flag operation.", "other"),
        ("The massacre was a staged false flag.", "denial"),
        ("If it doesn't rain, we'll go out.", "other"),
        ("We did it without imposing costs on the American people.", "other"),
        # Consequences on a condition wait for the other side's step: a threat.
        ("He warned the leader of consequences should his country send weapons.", "threat"),
        ("An attempt to interfere would lead to consequences never seen before.", "threat"),
        ("The sanctions will exact real harm on the regime's finances.", "threat"),
        ("Their tanks will advance on the capital within days.", "warning"),
        ("We demand that they immediately stop the shelling.", "red_line"),
        ("Nobody is even thinking about using nuclear weapons.", "reassurance"),
        # A price announced as coming is a penalty; a price cap is not.
        ("There will be a heavy price for the regime.", "threat"),
        ("There will be a price cap on gas next winter.", "other"),
        ("Such crimes can no longer remain unanswered.", "threat"),
        # The enemy's elimination announced threatens; "they will die" warns (it is as often one's own side).
        ("The invaders will be wiped out, every one of them.", "threat"),
        ("The men left behind, they will die tomorrow.", "warning"),
        ("Your strikes only make us stronger. We are coming for you.", "threat"),
        ("We will find you, each of you, wherever you hide.", "threat"),
        ("The results do not, by any means, settle the question.", "other"),
        # An imperative denies nothing.
        ("Don't bomb our cities, don't kill our children.", "other"),
        ("We don't bomb cities.", "denial"),
        # A claim set against reality, nothing to hide, an event said not to have happened: denials.
        ("These allegations do not correspond to reality.", "denial"),
        ("Our army has nothing to hide.", "denial"),
        ("There are no foreign troops in the region.", "denial"),
        ("There were no attacks overnight.", "other"),
        ("I want to reassure everyone that the plant is under control.", "reassurance"),
        ("Such a step would have a negative impact on security in the region.", "warning"),
        ("Residents near the depots must be very careful.", "warning"),
        ("They may possibly use chemical weapons in the east.", "warning"),
        # Harm that may come is the modal's own verb, not a word further on.
        ("The city could be shelled again tonight.", "warning"),
        ("They may launch a new offensive in spring.", "warning"),
        ("The new tariff could provide targeted support to families.", "other"),
        ("Analysts say the army can accurately target and destroy what it fires at.", "other"),
        # Those to blame will answer for it: accountability promised is a threat.
        ("This is a war crime and they will answer for it.", "threat"),
        ("Responsibility for these crimes is inevitable.", "threat"),
        ("We will drag them all before a tribunal.", "threat"),
        ("The spokesman will answer questions after the briefing.", "other"),
        # An act of war named as one is alarm at the other side's step.
        ("Seizing the plant is a declaration of war against the whole of Europe.", "warning"),
        ("The reports of shelling by our army are outright lies.", "denial"),
        # The speaker's own hedging warns of nothing.
        ("I want to be careful here not to overstate what we know.", "other"),
        # An attack said to be coming, a threat said to be growing, weapons of mass destruction said to be used: warnings.
        ("It won't be calm for long. Eventually, there will be an assault.", "warning"),
        ("There will be no war this year.", "other"),
        ("The threat of a renewed offensive from the north has been growing.", "warning"),
        ("We have information that chemical weapons will be used on the front.", "warning"),
        ("We have been consistently concerned about the eastern flank.", "warning"),
        # Two verbs denied at once, a claim called completely wrong: denials.
        ("We did not transmit or supply anything to them.", "denial"),
        ("The part about the missiles is completely wrong.", "denial"),
        ("Every effort should be made to help the two sides reach a peaceful outcome.", "talks"),
        ("Justice awaits those who gave the orders: you will not hide anywhere.", "threat"),
        # An act rejected is condemned, not denied; an accusation rejected is denied.
        ("We categorically reject this blatant act of aggression.", "other"),
        ("We categorically reject these accusations.", "denial"),
        # A past act or a claimed change denied; not a generic "don't", a condition, or a change in general.
        ("It was not an attack on our country.", "denial"),
        ("That has not happened, whatever they say.", "denial"),
        ("You don't just kill innocent people.", "other"),
        ("When that didn't happen, they moved to a siege.", "other"),
        ("This doesn't happen overnight.", "other"),
        ("The war has not changed him.", "other"),
        # A last chance given is an ultimatum; one taken is not.
        ("This is their last chance to leave the city.", "red_line"),
        ("The Kremlin will use the last chance to extend its territory.", "other"),
    ],
)
def test_act_rules(quote, act):
    assert code(quote).act == act


@pytest.mark.parametrize(
    "text, act",
    [
        # A fragment takes the act of the sentence it belongs to.
        ("Putin said Russia would retaliate and do “everything to ensure the security of its people.”", "threat"),
        # A vow of harm in the reporter's words is the fragment's statement.
        ("He pledged massive strikes on any country that “interferes”.", "threat"),
        ("The minister vowed “to rebuild every school”.", "other"),
        ("The minister said his country had “no intention” of attacking its neighbours.", "reassurance"),
        ("The envoy said the deployment “could lead to a very dangerous situation”.", "warning"),
        # A full quote is its own statement: the reporter's narrative around it is not.
        ("“The harvest was good,” said the farmer, whose village was shelled last week.", "other"),
        # A fragment's statement is the clause that reports it: from its speech verb to the next one.
        (
            "The minister, who last week said the strikes could lead to a catastrophe, said the talks were “going well”.",
            "other",
        ),
        (
            "Officials said the plan was “a step forward”, and the minister warned that it could lead to disaster.",
            "other",
        ),
    ],
)
def test_a_quote_is_read_in_its_statement(text, act):
    assert code(text).act == act


def test_the_other_quoted_parts_of_the_sentence_are_the_same_statement():
    text = "“We are ready,” he said, “and we will respond to any attack.”"
    first, second = (Span(m.start(1), m.end(1)) for m in re.finditer(r"“([^”]+)”", text))
    assert code_quotes(text, [first, second])[0].act == "threat"
    assert code_quotes(text, [first])[0].act == "other"


def test_words_quoted_inside_a_quote_are_not_the_speakers_act():
    assert code("Then he shouted at me: 'Pay up or else!' and left").act == "other"
    assert code("They passed a so-called 'fake news' law last week").act == "other"


@pytest.mark.parametrize("cue", ["urged", "insisted", "appealed", "said"])
def test_cue_verbs_that_introduce_anything_settle_nothing(cue):
    text = f"“The harvest was late this year,” he {cue}."
    assert code(text, cue=cue).act == "other"


@pytest.mark.parametrize("cue, act", [("warned", "warning"), ("denied", "denial"), ("threatened", "threat")])
def test_a_cue_verb_that_names_an_act_settles_a_quote_no_row_codes(cue, act):
    assert code(f"“The situation is what it is,” he {cue}.", cue=cue).act == act


def test_a_cue_verb_from_another_sentence_speaks_for_another_quote_not_this_one():
    # The extractor gave the quote a cue that is not in its sentence: it does not count.
    assert code("“The situation is what it is.” Later that day he threatened them.", cue="threatened").act == "other"


def test_harm_the_speakers_side_suffers_is_no_threat():
    assert code("They left me there, hoping that I would die").act != "threat"


def test_a_threat_verb_counts_when_it_governs_the_quote():
    assert code("He praised the army but threatened “anyone who dares to interfere”.").act == "threat"


def test_a_refused_demand_is_no_denial_and_an_abbreviation_does_not_end_the_clause():
    assert code("The allies dismissed that demand as a “non-starter”.").act != "denial"
    assert code("The minister dismissed the U.S. claim as “total disinformation”.").act == "denial"


def test_a_denial_verb_counts_when_it_governs_the_quote():
    assert code("The ministry denied the reports, calling them “pure invention”.").act == "denial"
    assert code("He is being denied visits, and his lawyer said “the conditions are very hard”.").act == "other"


# -- doubt ----------------------------------------------------------------------------------


def test_confidence_follows_the_strength_of_the_evidence():
    strong = code("We will retaliate against anyone who attacks us.")
    weak = code("“The situation is what it is,” he warned.", cue="warned")
    plain = code("The weather in the capital was cold this morning.")
    assert strong.confidence >= 0.85 and strong.shown_act == "threat"
    assert weak.act == "warning" and weak.confidence < UNCODED_BELOW and weak.shown_act == "uncoded"
    assert plain.act == "other" and plain.confidence >= UNCODED_BELOW


def test_shown_act_keeps_an_editors_code():
    assert shown_act("threat", None) == "threat"
    assert shown_act("threat", UNCODED_BELOW - 0.01) == "uncoded"


# -- weapons, targets, conditions -------------------------------------------------------


@pytest.mark.parametrize(
    "text, weapons",
    [
        ("If Storm Shadow and ATACMS hit Russian soil, NATO is at war with Russia", {"storm-shadow", "atacms"}),
        ("Tomahawk missiles for Kyiv would be a new stage", {"tomahawk"}),
        ("Germany will not deliver Taurus", {"taurus"}),
        ("The F-16s will arrive in the summer", {"f-16"}),
        ("Our nuclear arsenal is ready", {"nuclear"}),
        ("We are a nuclear nation", {"nuclear"}),
        ("A missile strike hit the station", {"missiles"}),
        ("They fired cruise missiles and Iranian drones at the grid", {"missiles", "drones"}),
        ("He climbed on top of the tank", {"tanks"}),
        ("Ukraine now limits the use of Bayraktars", {"drones"}),
        ("Howitzers and cluster munitions arrived", {"artillery", "cluster-munitions"}),
        ("Strategic bombers flew over the sea", {"bombers"}),
        ("A true patriot loves his country", set()),
        ("The think tank published a report on the fuel tank", set()),
        ("They seized yachts and private jets", set()),
        ("The nuclear power plant lost power", set()),
        ("Let us discuss this", set()),
    ],
)
def test_weapons_are_the_codebooks_names(text, weapons):
    assert set(code(text).weapons) == weapons


def test_weapons_come_from_the_quote_and_its_sentence():
    text = "“This must stop,” he said after the missile attack on the port."
    assert code(text).weapons == ("missiles",)


@pytest.mark.parametrize(
    "text, targets",
    [
        ("If Russia invades, we will respond decisively.", {"russia"}),
        ("We will impose severe costs on Moscow if it moves forward.", {"russia"}),
        ("We warn Washington and London that this path leads to war.", {"united-states", "united-kingdom"}),
        ("Tomahawks for Kyiv would mean a new escalation, and we will respond.", set()),
        # Countries named in passing are not addressed.
        ("The talks in Paris and Berlin were cordial.", set()),
        ("Russia, China and India attended the summit.", set()),
        # A denial answers an accusation: it addresses nobody, whoever it names.
        ("We did not order any strike on the city, and blaming Kyiv for it is absurd.", set()),
        # The one reassured, and the one whose expansion or involvement is warned of.
        ("Our exercises pose no threat to Poland, and we have no plans to attack.", {"poland"}),
        ("Another enlargement of NATO would be a dangerous mistake.", {"nato"}),
        ("Open US involvement could lead to a direct conflict.", {"united-states"}),
        # The victim of a warned harm is not addressed by the warning.
        ("The shelling could lead to a disaster for Ukraine.", set()),
    ],
)
def test_targets_are_whom_the_statement_addresses(text, targets):
    assert set(code(text).targets) == targets


def test_us_the_pronoun_is_not_the_united_states():
    assert "united-states" not in code("Let us be clear: if they strike, they will pay dearly.").targets


@pytest.mark.parametrize(
    "body, quote, conditional",
    [
        ("“We will respond,” he said, if the White House provides the missiles.", "We will respond", True),
        (
            "“Should Kyiv fire them at Moscow, we will respond,” he said.",
            "Should Kyiv fire them at Moscow, we will respond",
            True,
        ),
        ("“Unless they stop, we will act,” she said.", "Unless they stop, we will act", True),
        ("“We will respond,” he said. If asked, officials decline to comment.", "We will respond", False),
        ("“It looks as if they want war,” he said.", "It looks as if they want war", False),
        ("“We will fight on even if it takes years,” he said.", "We will fight on even if it takes years", False),
        ("“That is not on the table,” he said when asked if troops would go.", "That is not on the table", False),
    ],
)
def test_conditional_comes_from_the_quote_and_its_sentence(body, quote, conditional):
    start = body.index(quote)
    assert code_quote(quote, body=body, start=start, end=start + len(quote)).conditional is conditional


# -- the engine -----------------------------------------------------------------------------


def test_a_sentence_does_not_end_at_an_abbreviation():
    body = "“That is not on the table,” Biden said when asked by reporters if the U.S. would send troops. Then he left."
    coded = code(body)
    assert coded.act == "reassurance" and not coded.conditional


def test_quotes_are_coded_in_any_order_and_in_their_paragraph():
    body = "“We will retaliate,” he said.\n\n“We have no plans to attack anyone,” she said."
    first, second = Span(body.index("We will"), body.index(",” he")), Span(body.index("We have"), body.index(",” she"))
    assert [c.act for c in code_quotes(body, [second, first])] == ["reassurance", "threat"]


def test_code_quote_alone_reads_the_quote_as_its_own_text():
    assert code_quote("We will retaliate").act == "threat"


def test_coding_time_grows_linearly_with_a_paragraph_dense_with_quotes():
    """A paragraph with thousands of quotes and no sentence end is read once, not once per quote:
    8 times the text takes about 8 times the CPU time, never 64 (growth class, not a speed)."""

    def paragraph(n):
        text = " ".join(f"he said “we will respond to attack {i}” and" for i in range(n))
        spans = [Span(m.start(1), m.end(1), "said") for m in re.finditer(r"“([^”]+)”", text)]
        return text, spans

    def cpu(n):
        text, spans = paragraph(n)
        started = time.process_time()
        coded = code_quotes(text, spans)
        elapsed = time.process_time() - started
        assert len(coded) == n and coded[0].act == "threat"
        return elapsed

    cpu(200)  # warm up
    small, large = cpu(750), cpu(6000)
    assert large < 20 * max(small, 0.01), f"{small:.3f} s for 750 quotes, {large:.3f} s for 6000"


# -- editors' terms -------------------------------------------------------------------------


def test_editors_terms_extend_the_default_lexicon():
    lexicon = Lexicon(
        [
            Term(kind="weapon", label="Flamingo", pattern="flamingos?"),
            Term(kind="act", label="threat", pattern="bite back"),
            Term(kind="target", label="Moldova", pattern="moldova|chisinau"),
        ]
    )
    coded = code("If Chisinau moves, our Flamingo missiles will bite back", lexicon=lexicon)
    assert coded.weapons == ("flamingo",) and coded.act == "threat" and coded.targets == ("moldova",)
    assert lexicon.labels[("weapon", "flamingo")] == "Flamingo"
    assert code("Our Flamingo missiles will bite back").weapons == ("missiles",)  # the default lexicon alone


@pytest.mark.parametrize(
    "term",
    [
        Term(kind="weapon", label="Bad", pattern="(unclosed"),
        Term(kind="act", label="bluster", pattern="x"),
        Term(kind="colour", label="red", pattern="red"),
    ],
)
def test_bad_terms_are_refused(term):
    with pytest.raises(InvalidTerm):
        compile_term(term)
