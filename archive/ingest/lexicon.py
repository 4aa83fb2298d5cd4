"""Word lists the quote extractor and speaker attribution rely on: speech verbs,
titles, pronouns, anonymous-source heads and organisation heads."""

from __future__ import annotations


def _forms(*stems: str) -> frozenset[str]:
    """Inflect regular verb stems: "warn" -> warn, warns, warned, warning."""
    out: set[str] = set()
    for stem in stems:
        if stem.endswith("e"):
            out |= {stem, stem + "s", stem + "d", stem[:-1] + "ing"}
        elif stem.endswith("y") and stem[-2] not in "aeiou":
            out |= {stem, stem[:-1] + "ies", stem[:-1] + "ied", stem + "ing"}
        else:
            out |= {stem, stem + "s", stem + "ed", stem + "ing"}
            if len(stem) > 2 and stem[-1] not in "aeiouwxy" and stem[-2] in "aeiou" and stem[-3] not in "aeiou":
                # quip -> quipped, admit -> admitted
                out |= {stem + stem[-1] + "ed", stem + stem[-1] + "ing"}
    return frozenset(out)


# Verbs that introduce speech or a stated position. Irregular forms listed by hand.
SPEECH_VERBS: frozenset[str] = (
    frozenset(
        """say says said saying tell tells told telling write writes wrote written writing
        speak speaks spoke speaking think thinks thought thinking
        tweet tweets tweeted tweeting retweeted""".split()
    )
    | _forms(
        "add",
        "acknowledge",
        "admit",
        "advise",
        "affirm",
        "agree",
        "allege",
        "announce",
        "answer",
        "argue",
        "assert",
        "assure",
        "believe",
        "blame",
        "boast",
        "call",
        "caution",
        "charge",
        "chide",
        "cite",
        "claim",
        "comment",
        "complain",
        "concede",
        "conclude",
        "confirm",
        "contend",
        "continue",
        "counter",
        "crow",
        "decide",
        "declare",
        "decry",
        "demand",
        "deny",
        "describe",
        "dismiss",
        "emphasise",
        "emphasize",
        "estimate",
        "exclaim",
        "explain",
        "express",
        "fume",
        "hint",
        "indicate",
        "insist",
        "interject",
        "joke",
        "judge",
        "lament",
        "maintain",
        "mention",
        "muse",
        "note",
        "object",
        "observe",
        "offer",
        "opine",
        "point",
        "portray",
        "posit",
        "post",
        "predict",
        "proclaim",
        "promise",
        "propose",
        "quip",
        "rant",
        "reason",
        "recall",
        "recount",
        "reflect",
        "reaffirm",
        "reiterate",
        "restate",
        "remark",
        "repeat",
        "reply",
        "report",
        "respond",
        "reveal",
        "scoff",
        "scream",
        "shout",
        "sigh",
        "snap",
        "state",
        "stress",
        "suggest",
        "tout",
        "urge",
        "vow",
        "warn",
        "worry",
        "wonder",
        "yell",
        "accuse",
        "attack",
        "praise",
        "criticise",
        "criticize",
        "question",
        "threaten",
        "ask",
        "label",
        "brand",
        "dub",
        "characterise",
        "characterize",
        "pledge",
        "insist",
        "fear",
        "hope",
        "complain",
        "recommend",
        "conclude",
        "assess",
        "find",
        "bark",
        "gush",
        "plead",
        "shrug",
        "chant",
        "joke",
        "chuckle",
        "laugh",
        "grumble",
        "mutter",
        "whisper",
        "testify",
        "sneer",
        "taunt",
        "thunder",
        "marvel",
        "cry",
        "bristle",
        "retort",
        "rail",
        "acknowledge",
        "concur",
        "elaborate",
        "summarise",
        "summarize",
        "sum",
        "pronounce",
        # each read on dev and train-A framing quotes the cascade dropped or gave away:
        # "blasted the media as “…”", "likened him to “…”", "vented that “…”"
        "blast",
        "slam",
        "liken",
        "reject",
        "thank",
        "vent",
        "bemoan",
        "implore",
        "celebrate",
        "protest",
        "cast",
    )
    | frozenset({"quipped", "quipping", "wrote", "found", "spoke", "put", "puts", "went", "goes", "termed", "framed"})
)

# Speech verbs that may come before their subject: "said Name", "added a spokesman".
INVERTIBLE_VERBS: frozenset[str] = frozenset(
    """said says added asked wrote writes continued explained noted notes recalled replied
    responded warned argued insisted countered tweeted declared stated observed quipped
    remarked concluded cautioned acknowledged conceded admitted agreed joked told""".split()
) - {"told"}

# Speech-verb forms that are more often nouns after a determiner or possessive.
NOUN_LIKE_VERBS: frozenset[str] = frozenset(
    """state comments comment claims claim calls call remarks remark reports report states
    points notes posts answers charges promises warnings tweets tweet words statement
    questions question attacks attack praise fears fear hopes hope concerns estimates
    estimate findings demands demand complaints complaint labels label note post""".split()
)

# Speech-verb forms that are as good as always nouns in news ("a federal judge said"):
# never a cue in attribution, though quote detection may still read them.
NOUN_ONLY_VERBS: frozenset[str] = frozenset({"judge", "judges"})

# Nouns for something said or written, whose possessor is its source:
# "the minister's warning that …", "his description of the plan as “…”".
SPEECH_NOUNS: frozenset[str] = frozenset(
    """conclusion conclusions suggestion comment comments remark remarks claim claims
    assertion assertions allegation allegations accusation accusations statement
    statements words warning warnings promise promises pledge pledges vow vows
    description characterization characterisation argument arguments contention view
    views criticism criticisms charge charges insistence complaint complaints message
    messages tweet tweets post posts speech speeches testimony memo letter email
    admission prediction predictions declaration announcement answer response reply
    retort quip joke slogan rhetoric phrase phrasing boast threat threats demand
    demands denial denials defense defence praise insult insults attack attacks
    report reports""".split()
)

# Verbs that are only speech when something quoted follows directly ("called it “x”").
WEAK_SPEECH_VERBS: frozenset[str] = frozenset(
    {
        "think",
        "thinks",
        "thought",
        "believe",
        "believes",
        "believed",
        "hope",
        "hopes",
        "hoped",
        "fear",
        "fears",
        "feared",
        "find",
        "finds",
        "found",
        "put",
        "puts",
        "went",
        "goes",
    }
)

# Speech verbs that do not speak before "to": "“…,” he continued" reports; "continued
# to pay", "is continuing to fight" does not.
INTRANSITIVE_SPEECH_VERBS: frozenset[str] = frozenset({"continue", "continues", "continued", "continuing"})

# Verbs that give something a name rather than report words: "a blog called the
# “Feed”" is a title, but "what critics call the “…”" quotes the critics.
NAMING_VERBS: frozenset[str] = (
    frozenset({"call", "calls", "called", "dub", "dubs", "dubbed", "name", "names", "named", "term", "terms"})
    | frozenset({"termed", "label", "labels", "labeled", "labelled", "brand", "brands", "branded"})
    | frozenset({"describe", "describes", "described", "billed", "titled", "entitled", "known"})
)

# Verbs that reject what someone else said, and the nouns for what was said: the
# words quoted in the claim are not the subject's ("Lee dismissed the suggestion that
# Ray was “crazy”", "she denied reports of a “purge”").
REJECTING_VERBS: frozenset[str] = _forms(
    *"dismiss deny reject refute ridicule dispute scoff rebuff brush laugh mock deride".split()
)
CLAIM_NOUNS: frozenset[str] = frozenset(
    """suggestion suggestions claim claims allegation allegations accusation accusations
    idea notion report reports rumour rumours rumor rumors assertion assertions
    speculation characterization characterisation description talk""".split()
)
# Words that lead into the wording of a charge: "charged with “terrorism”", "accused of
# being “traitors”", "on charges of “sabotage”". The charge's words, not the accused's.
CHARGE_LEADS: frozenset[str] = frozenset(
    """charged accused convicted suspected guilty indicted sentenced charges charge
    counts""".split()
)

# Speech verbs that report a clause ("she said the plan …", "he warned that …"), as
# against verbs whose object is judged ("critics dismissed the “reform”"). No -ing
# forms, and none that are more often nouns ("notes", "claims").
REPORTING_VERBS: frozenset[str] = (
    frozenset("say says said tell tells told write writes wrote".split())
    | frozenset(
        w
        for w in _forms(
            *"""add acknowledge admit agree allege announce argue assert ask claim complain concede
            conclude confirm contend declare explain insist lament maintain note observe predict
            recall remark reply respond reveal state stress suggest tweet warn""".split()
        )
        if not w.endswith("ing")
    )
) - NOUN_LIKE_VERBS

# Auxiliaries and adverbs that may sit between a subject and its speech verb.
# Past tenses that do not end in "-ed": a subject's verb all the same ("The leader made
# clear …", "The minister took questions").
IRREGULAR_PAST: frozenset[str] = frozenset(
    """made took gave met spoke wrote went came held sent led kept brought thought found saw knew
    told put set left became began stood sought won lost""".split()
)
VERB_FILLERS: frozenset[str] = frozenset(
    """has have had also later then would will could might may can did does do
    once again previously earlier recently repeatedly often frequently bluntly flatly simply since
    initially quickly subsequently further even never always just already still
    not has been was is were are be being""".split()
) | frozenset(f"{mark}{aux}" for mark in "'’" for aux in ("s", "re", "ve", "d", "ll", "m"))

PRONOUNS: dict[str, str] = {
    "he": "m",
    "she": "f",
    "they": "p",
    "i": "s",
    "we": "p",
    "it": "n",
}

# Title words: a run of these (with their modifiers) before a name is a role.
TITLE_WORDS: frozenset[str] = frozenset(
    """president vice prime minister secretary spokesman spokeswoman spokesperson
    chancellor senator sen sen. rep rep. representative congressman congresswoman
    governor gov gov. mayor general gen gen. adm adm. admiral lt lt. col col. colonel
    commander chief director chairman chairwoman chair ceo cfo founder leader
    ambassador envoy judge justice attorney lawyer counsel adviser advisor analyst
    aide strategist pollster professor prof prof. dr dr. economist expert candidate
    nominee king queen prince princess pope rabbi reverend rev rev. bishop cardinal
    sheriff officer official commissioner superintendent deputy manager head
    member president-elect premier foreign defence defense interior justice
    press campaign national security intelligence staff strategist surrogate
    correspondent reporter editor columnist writer author historian scientist researcher
    fellow scholar activist organizer organiser consultant executive partner
    treasurer speaker whip delegate chairperson coordinator negotiator minister
    sergeant captain major lieutenant corporal private marshal inspector detective
    host anchor presenter commentator contributor attorney-general secretary-general
    mp mep sec sec. atty atty. supt supt. mr mr. mrs mrs. ms ms. miss sir dame lord lady
    former acting interim incoming outgoing then senior top retired
    alderman alderwoman councilman councilwoman councillor councilor comptroller
    auditor controller""".split()
)

# Honorifics that mark a person but are not a role.
HONORIFICS: frozenset[str] = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady prof prof. rev rev.".split()
)

# Lower-case words that may sit inside a pre-nominal role ("Republican presidential nominee").
ROLE_MODIFIERS: frozenset[str] = frozenset(
    """presidential vice deputy assistant associate senior chief press campaign national
    foreign defence defense security intelligence state federal former acting interim
    then top junior executive managing general prime principal special communications
    policy economic political legal health finance trade affairs
    democratic republican conservative liberal labour labor party
    white house""".split()
)

# Heads of a description that denotes a person or people (anonymous when indefinite).
PERSON_HEADS: frozenset[str] = frozenset(
    """official officials source sources aide aides adviser advisers advisor advisors
    spokesman spokeswoman spokesperson spokespeople diplomat diplomats officer officers
    person people insider insiders analyst analysts expert experts observer observers
    staffer staffers member members minister ministers lawmaker lawmakers legislator
    legislators senator senators representative representatives strategist strategists
    operative operatives employee employees worker workers resident residents voter voters
    supporter supporters critic critics leader leaders commander commanders soldier soldiers
    witness witnesses friend friends associate associates ally allies colleague colleagues
    executive executives investigator investigators prosecutor prosecutors lawyer lawyers
    attorney attorneys economist economists banker bankers donor donors delegate delegates
    activist activists organizer organizers protester protesters protestor protestors
    republican republicans democrat democrats conservative conservatives liberal liberals
    man woman men women survivor survivors victim victims parent parents student students
    candidate candidates nominee nominees president governor mayor secretary chairman
    chairwoman director chief judge justice envoy ambassador general admiral officer
    negotiator negotiators researcher researchers scientist scientists professor professors
    historian historians pollster pollsters consultant consultants counsel manager managers
    agent agents detective detectives policeman policewoman reporter reporters journalist
    journalists editor editors writer writers author authors columnist columnists
    candidate's boss owner owners founder founders host fan fans father mother son
    daughter husband wife brother sister relative relatives neighbor neighbors neighbour
    neighbours commentator commentators pundit pundits congressman congresswoman
    chancellor premier king queen prince princess pope surrogate surrogates
    someone somebody anyone spokesmen
    businessman businesswoman businessmen billionaire billionaires mogul tycoon magnate
    developer frontrunner front-runner hopeful contender incumbent challenger veteran
    politician politicians statesman campaigner nationalist populist firebrand dictator
    strongman autocrat star celebrity actor actress singer comedian physician doctor
    surgeon nurse teacher pastor priest imam cleric militant militants rebel rebels
    fighter fighters commentator anchor presenter broadcaster blogger novelist
    lawmaker congressman congresswoman senator governor nephew niece cousin uncle aunt
    grandson granddaughter grandfather grandmother stepfather stepmother partner
    fiancé fiancee girlfriend boyfriend classmate teammate coach
    spectator spectators hosts""".split()
)

# Documents and messages that can be the source of a quote: "the ad says",
# "a letter from the union warns", "the report stated".
DOCUMENT_HEADS: frozenset[str] = frozenset(
    """ad ads advert advertisement spot commercial letter memo memorandum note email
    e-mail release complaint lawsuit filing document documents indictment ruling
    opinion editorial column article story tweet message video book passage text
    transcript analysis assessment resolution communique communiqué declaration
    platform manifesto petition headline mailer brochure pamphlet leaflet
    statement report study poll survey website site blog post dossier""".split()
)

# Time expressions that are never a speaker ("issued a report this month charging").
TIME_WORDS: frozenset[str] = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday morning afternoon
    evening night week weekend month year day days weeks months years time hour
    hours minute minutes moment decade century season summer winter spring autumn
    fall today tonight yesterday tomorrow""".split()
)

# Heads of a description that denotes an organisation ("the Defence Ministry said").
ORG_HEADS: frozenset[str] = (
    frozenset(
        """ministry department agency office committee commission council campaign government
    administration kremlin pentagon house party union company corporation corp inc group
    court bureau service services police army military navy force forces command
    institute foundation association organisation organization center centre fund
    network newspaper paper times post journal news press reuters tribune herald
    guardian telegraph magazine bbc cnn nbc abc cbs msnbc fox ap afp bloomberg politico
    breitbart axios daily gazette observer review board bank university school
    coalition alliance federation league embassy consulate parliament congress senate
    assembly cabinet secretariat authority authorities regulator watchdog commission
    tass ria interfax xinhua statement report study poll survey website site blog
    club firm team staff movement caucus secretariat presidency museum hospital charity
    church clinic laboratory lab""".split()
    )
    | DOCUMENT_HEADS
)

# Determiners that make a description indefinite: such sources stay anonymous.
INDEFINITE_DETERMINERS: frozenset[str] = frozenset(
    "a an another one two three four five several some many other few most multiple numerous various".split()
)

# Sentence-initial or stand-alone capitalised words that never start a name.
NON_NAME_WORDS: frozenset[str] = frozenset(
    """the a an and but or in on at of for to from by with as if when while after before
    however meanwhile yet so this that these those there here it its he she they we i you
    his her their our my your what who where why how which some many most all both each
    during since until although though because despite according asked speaking
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    mr mrs ms dr sen rep gov gen
    no yes not still also even just only then now today yesterday tomorrow last next
    earlier later under over about into through among between against without within
    update updated read watch related photo
    amid amidst beyond unlike like across around along behind upon toward towards via
    more less another other such every several few""".split()
)

# Words that mark a capitalised run as a place or institution rather than a person.
NON_PERSON_WORDS: frozenset[str] = frozenset(
    """house ministry department agency office committee commission council campaign
    government administration kremlin pentagon party union company court bureau
    service police army navy force institute foundation association center centre
    fund university school college times post journal news press street city county
    state states kingdom republic united america american russia russian ukraine
    ukrainian china chinese europe european britain british nato un eu us u.s. uk
    congress senate parliament assembly white north south east west new york washington
    international national federal airlines bank group inc corp network tv radio
    channel street avenue island islands sea ocean river mountain valley day week
    week's month year act bill law amendment constitution club hall square capitol
    democratic republican democrats republicans gop iowa ohio texas florida california
    virginia carolina nevada colorado pennsylvania michigan wisconsin minnesota
    arizona georgia brigade battalion regiment corps division system forum""".split()
)

# Common first names, to tell the gender a pronoun ("she said") can refer to.
FEMALE_FIRST_NAMES: frozenset[str] = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
    betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa
    deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna
    brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn
    janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina
    lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria
    ann teresa kathryn sara janice jean alice madison doris abigail julia judy grace denise
    amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella
    charlotte rose alexis kayla hillary hilary condoleezza nikki kellyanne huma sheryl
    elizabeth elise kirsten tammy dianne claire susana nancy debbie donna kamala ivanka
    melania michelle chelsea sarah jill tulsi valerie loretta janet samantha madeleine
    theresa angela marine ursula kaja annalena giorgia liz yulia olena svetlana
    maria irina natalia tatiana olga ekaterina anastasia kristi karine jen jennifer
    katie kate katy molly meghan megyn mika gretchen ruth sonia elena amy priyanka
    nadine carly meg hope kristen kirstjen sheila stacey stacy maxine nita patty
    cathy kathy becky ginny jeanne joni jodi marsha lisa
    holly iryna yuliya nataliya tetiana svitlana olha kateryna lyudmyla oksana hanna""".split()
) - {"jean"}  # "Jean Claude Sangwa", "Jean-Yves Le Drian": a man's name in French

MALE_FIRST_NAMES: frozenset[str] = frozenset(
    """james john robert michael william david richard joseph thomas charles christopher
    daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
    george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
    stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
    raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter
    kyle walter ethan jeremy harold keith christian roger noah gerald carl terry sean
    austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel
    logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby
    philip johnny barack bernie ted marco jeb chris mike mitch newt rudy reince rand
    bill vladimir dmitry sergei volodymyr keir rishi boris emmanuel olaf
    xi recep benjamin bibi jd j.d. tim tom jim bob ben dan dave rick nick steve ron
    rex harry nigel tony gordon david jens mark antony kim narendra
    justin jair viktor andrzej mateusz petro alexei alexey sergey yevgeny evgeny
    nikolai nikolay igor oleg andriy andrii oleksandr mykhailo dmytro denys rustem
    kirill lloyd antony jake marco mohammed muhammad ahmed ali hassan hamid abdul
    joaquin julian corey reed harry chuck lamar orrin jon jonathon
    mitt newt sean stephen steve corey paul rand jeff jeffrey ken kenneth hank
    herman hugh ian jared jay jeremiah jerome jimmy kurt lou luke martin marty matt
    max mo neil nathaniel omar oscar pete reggie rob rod ross sam seth
    shane simon stan todd travis trey troy wade warren wes will zach
    serhiy oleksiy mikhail kyrylo vadym yuriy vitaliy mykola valeriy yevhen anatoliy hennadiy
    vasyl maksym ihor oleh pavlo bohdan taras ruslan stepan leonid borys ramzan dmitri
    pierre jacques michel marc luc yves""".split()
)


# ---------------------------------------------------------------- grammar words
# The closed classes attribution reads a sentence by: determiners, prepositions,
# the words that end a noun phrase or open a clause.

# Abbreviations whose full stop ends no sentence: "Mr. Lee", "Sen. Ray", "Calif.".
ABBREVIATIONS: frozenset[str] = frozenset(
    """mr mrs ms dr sen rep gov gen lt col adm sgt capt maj prof rev jr sr st mt ft
    inc co corp ltd no vs sept oct nov dec jan feb aug calif fla mass penn wis
    ariz ill mich minn conn del md va wash ore tenn ky ala ga ind iowa kan nev""".split()
)
# A pronoun's contracted auxiliary: "he's said", "they’ve told".
CONTRACTIONS: frozenset[str] = frozenset({"s", "re", "ve", "d", "ll", "m"})
# Possessive determiners and the pronoun each stands for.
POSSESSIVE_DETERMINERS: dict[str, str] = {"his": "he", "her": "she", "their": "they", "its": "it"}
# Words that open a noun phrase, so never continue one: "sent out a message".
ARTICLES: frozenset[str] = frozenset({"a", "an", "the", "his", "her", "their", "its"})
DETERMINERS: frozenset[str] = frozenset({"the", "this"}) | INDEFINITE_DETERMINERS | frozenset(POSSESSIVE_DETERMINERS)
NAME_PARTICLES: frozenset[str] = frozenset(
    {"de", "van", "von", "bin", "al", "el", "da", "di", "del", "der", "la", "le", "du", "ibn"}
)
# Prepositions that open a post-modifier of a source: "a spokesman for the ministry".
POST_MODIFIER_PREPS: frozenset[str] = frozenset({"for", "of", "at", "with", "from", "in", "to", "on"})
# Participles of a source reported by another: "an official cited by Reuters".
CITED: frozenset[str] = frozenset({"cited", "quoted", "interviewed", "contacted", "reached", "obtained", "reviewed"})
# Words that end a noun phrase: relatives, conjunctions, prepositions, auxiliaries.
NP_STOP: frozenset[str] = frozenset(
    """who which that whom whose and or but if when while as because said says told
    on in at by to from into about after before during since than then is was are were
    be been has have had will would could should may might can do does did not no""".split()
)
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "we"})
# Sentence openers that may make a person named elsewhere the sentence's subject.
TITLED_SUBJECT_OPENERS: frozenset[str] = frozenset({"he", "she", "the"})
HONORIFIC_GENDER: dict[str, str] = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "sir": "m",
    "lord": "m",
    "dame": "f",
    "lady": "f",
}
# Nouns that tell a person's gender where a mention holds one: "Congresswoman Ada
# Vos", "One woman, Liudmila, said", "his wife, Olena". Not "spokesman", "chairman" or
# "congressman", which papers use of women too ("Trump spokesman Hope Hicks").
GENDERED_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        """woman wife mother daughter sister grandmother widow girl actress congresswoman
        spokeswoman chairwoman businesswoman policewoman servicewoman""".split(),
        "f",
    ),
    **dict.fromkeys(
        """man husband father son brother grandfather widower boy businessman policeman""".split(),
        "m",
    ),
}
PREPOSITIONS: frozenset[str] = frozenset(
    """at in of for with on from by to about into over under after before during since
    near across against among around between through toward towards via per as""".split()
)
# Words that may open a sentence before its subject.
CLAUSE_OPENERS: frozenset[str] = frozenset(
    "and but so yet still then now already instead meanwhile however also later earlier".split()
)
# Heads of a description that never names one known person: "the official said".
ANONYMOUS_HEADS: frozenset[str] = frozenset(
    """official officials source sources aide aides person people insider insiders diplomat
    diplomats staffer staffers adviser advisers advisor advisors spokesman spokeswoman
    spokesperson someone""".split()
)
# Words that head a share of a group, which speaks like a description: "most said",
# "63 percent of voters said", "a majority say".
# What a share of respondents answered in: "31 percent said …" is the poll's finding.
POLL_HEADS: frozenset[str] = frozenset({"poll", "polls", "survey", "surveys"})
QUANTITY_HEADS: frozenset[str] = frozenset(
    """percent majority minority plurality half third thirds quarter most many some few others both""".split()
)
# Words that may stand before a quantity head: "only 52 percent", "more than half".
QUANTITY_MODIFIERS: frozenset[str] = frozenset(
    """only just nearly almost about roughly around over under more less fewer than some
    one two three four five six seven eight nine ten twenty thirty forty fifty sixty
    seventy eighty ninety hundred""".split()
)
# Cues after a quote that report it even when a speech verb sits right before it:
# `He called it “a mess,” Lee said` is Lee's report.
CLAUSE_REPORTING_CUES: frozenset[str] = (
    REPORTING_VERBS | INVERTIBLE_VERBS | {"according", "reported", "reports", "claimed", "claims"}
)
# Determiners that can stand alone as a subject: "Another said", "Others warned".
STANDALONE_DETERMINERS: frozenset[str] = frozenset("another others one some many most both several few".split())
# Adjectives that open a post-modifier of a source: "a person familiar with the talks".
SOURCE_ADJECTIVES: frozenset[str] = frozenset({"familiar", "close", "knowledgeable", "involved", "briefed", "speaking"})
# Words that make a capitalised run an organisation or a place. "Press", "campaign",
# "house", "staff" and "team" also head roles ("campaign manager", "House Speaker").
ORG_NAME_WORDS: frozenset[str] = (ORG_HEADS | NON_PERSON_WORDS) - {"press", "campaign", "house", "staff", "team"}
# Capitals that speak for their governments: "Moscow said", "Kyiv denied". A name on its
# own only: "George Washington" is a person.
SEATS_OF_GOVERNMENT: frozenset[str] = frozenset(
    """moscow kyiv kiev washington london brussels beijing paris berlin minsk tehran warsaw
    ankara tokyo pyongyang seoul jerusalem damascus budapest vilnius riga tallinn helsinki
    stockholm ottawa canberra rome madrid""".split()
)
# Conjunctions that open an adverbial clause before its subject: "as they", "when Lee".
CLAUSE_SUBORDINATORS: frozenset[str] = frozenset(
    "as when whenever while after before because since once though although if unless until whereas such even".split()
)
CLAUSE_LINKS: frozenset[str] = CLAUSE_SUBORDINATORS | {"and", "but", "yet"}
# Words before a clause's subject pronoun that show it is no subordinate report:
# "said he", "that he", "told him he".
REPORT_MARKERS: frozenset[str] = frozenset({"that", "if", "whether"})
SUBORDINATORS: frozenset[str] = frozenset(
    """after before when whenever until unless since because as once while how what why
    where who which whom so than""".split()
)

# ---------------------------------------------------------------- quote finding

# Words before a short quote that make it a scare quote: "the “reform”", "so-called “experts”".
SCARE_PRECEDERS: frozenset[str] = frozenset({"so-called", "the", "so–called", "self-styled", "self-described"})
# Words that follow a closing mark but never a plural possessive ("speculations' as the
# deal nears" closes a quote; "the soldiers' families" is a possessive).
CLAUSE_WORDS: frozenset[str] = frozenset(
    """as and or but if when while because after before since than that which who whom
    is was are were has have had will would could should may might can do does did
    in on at by for from into of to with without about over under during until unless
    he she they it we i you the a an his her their its""".split()
)
# Short words a title leaves in lower case: "War of the Worlds", "Gone with the Wind".
TITLE_SMALL_WORDS: frozenset[str] = frozenset(
    "a an the and or but nor of in on at to for by as vs via per from with into off up out".split()
)
# First and second person in a fragment are the speaker's voice, not the writer's.
SPEAKER_PRONOUNS: frozenset[str] = frozenset("i me my mine myself we us our ours ourselves you your yours".split())
