"""Speaker identity across the archive, measured the way issue 12 measured it.

    python -m benchmarks.speakers [--archive DIR] [--index] [--limit N]

Ingests ../shared/corpus/conflict-news.jsonl into a scratch archive (SQLite, and
Whoosh only with --index: the figures read the database alone), or reads the
archive kept in DIR when it already holds articles, then reports:

- speakers, and speakers per 1,000 quotes;
- the split of the 40 most quoted people: how many speakers hold each one's
  quotes, and the share of them outside the person's main speaker;
- the share of quotes with a speaker held by words that are no one's name
  (nationalities, "the statement", "the Ministry", sentence debris);
- the right-person rate on the hand-annotated sample (tests/data/speaker_sample.jsonl);
- the ingest rate, wall-clock and per CPU second.

Who is one person is ground truth written by hand, not computed by the code under
test: benchmarks/data/speaker_people.json lists the people this reporting quotes
most with every form of their name the archive was seen to use (transliterations,
honorific forms, the bare surname when that surname is theirs alone in this
reporting), and the people who share a surname with them. A stored speaker is a
person's when its name, once leading titles, honorifics and nationalities are
dropped (`bare_name`), is one of the person's forms. See `person_of`, `non_name`
and `right_person` for each figure's exact rule.

The sample is drawn and shown for annotation with

    python -m benchmarks.speakers draw  [--articles 32] [--seed 12]   (prints the quotes to annotate)
    python -m benchmarks.speakers show ID                              (the article, quotes numbered)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "conflict-news.jsonl"
PEOPLE = ROOT / "benchmarks" / "data" / "speaker_people.json"
SAMPLE = ROOT / "tests" / "data" / "speaker_sample.jsonl"
TOP_PEOPLE = 40

# -- names, read independently of archive.ingest ------------------------------

# Words that may lead a mention of a person without being part of the name.
PREFIX_WORDS = frozenset(
    """
    the a an mr mrs ms miss dr sir dame lord lady madam prof professor gen general lt col colonel maj major
    adm admiral capt captain sgt rev pope king queen prince princess sheikh emir president presidents vice prime
    minister ministers chancellor premier secretary foreign defence defense deputy first lady former ex then
    outgoing incoming acting interim new late senior top chief head spokesman spokeswoman spokesperson ambassador
    envoy senator senators sen rep representative congressman congresswoman governor gov mayor leader speaker
    commander press national security adviser advisor democratic republican majority minority whip pm dictator
    russian ukrainian american british chinese israeli iranian german french polish belarusian turkish hungarian
    european
    """.split()
)
TITLE_ENDS = frozenset("president minister secretary chancellor spokesman spokeswoman spokesperson ambassador".split())
# Places that lead a title or take a possessive: "Ukraine's President", "US Secretary of State".
PLACE_PREFIXES = frozenset(
    """
    us u s uk eu un nato white house kremlin state department of russia ukraine america britain china israel iran
    germany france poland belarus turkey hungary
    """.split()
)

DEMONYMS = frozenset(
    """
    russian russians ukrainian ukrainians american americans british briton britons chinese israeli israelis
    palestinian palestinians iranian iranians german germans french polish pole poles belarusian belarusians
    turkish turk turks syrian syrians european europeans western westerner westerners korean koreans
    japanese indian indians georgian georgians moldovan lithuanian latvian estonian finnish swedish hungarian
    hungarians czech slovak romanian bulgarian serbian croatian italian italians spanish dutch canadian
    australian arab arabs afghan afghans iraqi iraqis lebanese saudi emirati egyptian yemeni houthi houthis
    chechen soviet kremlin
    """.split()
) - {"kremlin"}

# Heads that name no one on their own: "the statement", "the Ministry", "a report".
GENERIC_HEADS = frozenset(
    """
    statement statements report reports ministry agency department document documents letter post tweet tweets
    message readout release filing memo study survey poll paper article book video footage website page account
    channel source sources official officials spokesman spokeswoman spokesperson government administration
    office committee council court army military forces police embassy company group organisation organization
    institute service services authorities body bureau commission team campaign newspaper outlet network station
    staff prosecutors lawmakers mps republicans democrats conservatives experts analysts residents critics
    people activists leaders diplomats soldiers troops investigators researchers scientists watchdog firm foundation alliance command authority magazine club lawsuit complaint indictment transcript interview speech address announcement communique declaration resolution
    text note notes analysis assessment update briefing bulletin summary caption headline publication
    """.split()
)
# Modifiers that still name no one body: "the defense ministry", "the city council".
GENERIC_MODIFIERS = frozenset(
    """
    defense defence foreign city military state federal local regional interior health justice finance economy
    press public national general emergency emergencies security intelligence energy environment education
    transport home affairs armed border municipal district provincial central joint ministry's
    """.split()
)
DETERMINERS = frozenset("the a an this that these those its his her their our your".split())

FUNCTION_WORDS = frozenset(
    """
    but and or nor so yet whether if when while as because although though since after before until unless
    however meanwhile still now also even only then thus hence here there this that these those it he she they we
    i you his her their its our my what which who whom whose where why how asked told said says according
    instead indeed perhaps maybe both either neither each every some any all no not yes to of in on at from with
    for by tonight today yesterday overnight separately sign follow click subscribe share related advertisement
    listen watch read monday tuesday wednesday thursday friday saturday sunday
    """.split()
)

# Places and events that a run of capitals may swallow; a few places speak for an office.
PLACE_WORDS = frozenset(
    """
    st street avenue ave road rd square boulevard lane palace conference stadium arena bridge summit forum
    festival expo plaza
    """.split()
)
METONYMS = frozenset(
    ["downing street", "buckingham palace", "kensington palace", "elysee palace", "wall street", "fleet street"]
)
NAME_PARTICLES = frozenset("de da di del della des du dos van von der den al el bin ibn ben abu la le y".split())


UNDECOMPOSED = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "ı": "i"}
)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens_of(name: str) -> list[str]:
    """Lower-case words, accents folded, possessive 's and punctuation dropped."""
    text = fold(name).replace("’", "'").casefold()
    text = re.sub(r"'s\b", " ", text)
    return re.findall(r"[a-z0-9]+", text)


def bare_name(name: str) -> str:
    """The name without the titles, honorifics and nationalities that may lead it:
    "Russian President Vladimir Putin", "Ukraine's Zelensky" -> the name; a place
    that leads no title stays: "Germany Biden" is debris, not Biden."""
    raw = [w for w in fold(name).replace("’", "'").split() if re.search(r"[A-Za-z0-9]", w)]
    words = tokens_of(name)
    # Which token each raw word starts at, and whether the raw word was possessive.
    possessive, index = set(), 0
    for word in raw:
        count = len(tokens_of(word))
        if re.search(r"'s\b", word.casefold()) and count:
            possessive.add(index + count - 1)
        index += count
    pos = 0
    while len(words) - pos > 1:
        word = words[pos]
        if word in PREFIX_WORDS:
            pos += 1
            continue
        ahead = pos
        while ahead < len(words) - 1 and words[ahead] in PLACE_PREFIXES and ahead not in possessive:
            ahead += 1
        if words[pos] in PLACE_PREFIXES and (
            ahead in possessive and words[ahead] in PLACE_PREFIXES or words[ahead] in PREFIX_WORDS
        ):
            pos = ahead + 1 if ahead in possessive and words[ahead] in PLACE_PREFIXES else ahead
            continue
        break
    words = words[pos:]
    # a middle initial is no part of the name: "Aleksandr G. Dugin"
    return " ".join(w for i, w in enumerate(words) if not (len(w) == 1 and 0 < i < len(words) - 1))


def _leads_with_words(name: str, tail: int) -> bool:
    """Whether what comes before the last `tail` words of the bare name holds a word
    that is no part of a name: lower case, a function word, a single letter, a place."""
    lead = [w for w in fold(name).replace("’", "'").split() if re.search(r"[A-Za-z0-9]", w)]
    lead = lead[: max(0, len(lead) - tail)]
    for word in lead:
        bare = tokens_of(word)
        if not word[:1].isupper() or any(t in FUNCTION_WORDS or t in PLACE_PREFIXES or len(t) == 1 for t in bare):
            return True
    return False


@dataclass
class People:
    """The hand-written list: person -> the forms of their name, surnames shared."""

    forms: dict[str, str] = field(default_factory=dict)  # bare form -> person
    names: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path = PEOPLE) -> People:
        data = json.loads(path.read_text(encoding="utf-8"))
        people = cls()
        for person in data["people"]:
            people.names.append(person["name"])
            for form in [person["name"], *person.get("forms", [])]:
                key = bare_name(form)
                owner = people.forms.setdefault(key, person["name"])
                if owner != person["name"]:
                    raise ValueError(f"{form!r} is listed for both {owner} and {person['name']}")
        return people

    def exact(self, name: str) -> str | None:
        """The listed person whose name this is, titles aside."""
        return self.forms.get(bare_name(name))

    def person_of(self, name: str) -> tuple[str | None, str]:
        """The listed person a stored speaker's name stands for, and how: "exact"; "after"
        when other words lead the person's name ("Whether Putin", "Putin loyalist Alexander
        Dugin"); "before" when words follow a full name ("Joe Biden Thursday")."""
        words = bare_name(name).split()
        person = self.forms.get(" ".join(words))
        if person:
            return person, "exact"
        for cut in range(1, len(words)):
            person = self.forms.get(" ".join(words[cut:]))
            if person:
                # "Simon Francis" is someone else; "Putin loyalist Alexander Dugin" is Dugin
                return (person, "after") if _leads_with_words(name, len(words) - cut) else (None, "")
        for cut in range(len(words) - 1, 1, -1):
            person = self.forms.get(" ".join(words[:cut]))
            if person:
                return person, "before"
        return None, ""


def non_name(name: str, people: People) -> str | None:
    """Why a stored speaker's name is no one's name, or None if it may be one.

    "nationality": a bare demonym ("Russian", "the Ukrainians"); "generic": a
    determiner and common nouns only ("the statement", "the Ministry", "a report");
    "debris": words of the sentence taken into a name ("S Putin", "Whether Putin",
    "Germany Biden", "Joe Biden Thursday", "Tarasivska St. They", "Blenheim Palace");
    "descriptor": a listed person's name led by a description ("Putin loyalist
    Alexander Dugin"): it names someone, so it is not counted as a non-name.
    """
    raw = name.split()
    words = tokens_of(name)
    if not words:
        return "debris"
    person, how = people.person_of(name)
    if how == "exact":
        return None
    content = [w for w in words if w not in DETERMINERS]
    kind = _common_words(raw, content)
    if kind:
        return kind
    bare = bare_name(name).split()
    if all(w in PREFIX_WORDS for w in bare) or (len(bare) > 1 and bare[-1] in TITLE_ENDS):
        return "debris"  # a title, no name: "Minister", "Then-Secretary", "Vladimir President"
    first = raw[0].strip("“\"'‘(")
    if len(first) == 1 and first.isalpha():
        return "debris"  # "S Putin": the tail of a possessive or a cut word
    if words[0] in FUNCTION_WORDS:
        return "debris"
    if " ".join(content) not in METONYMS and _ends_in_a_place(words):
        return "debris"
    if len(content) > 1 and len(set(content)) < len(content) and not set(content) & (NAME_PARTICLES | {"of"}):
        return "debris"  # "Biden Biden"
    if person:
        return _around_a_listed_name(name, people, how)
    if not any(w in GENERIC_HEADS for w in words) and any(
        w[:1].islower() and w.lower() not in NAME_PARTICLES | {"of", "and", "for", "the", "on", "in"} for w in raw
    ):
        if raw[-1][:1].isupper() and words[0] not in DETERMINERS:
            return "descriptor"  # "journalist Max Blumenthal": someone, described
        return "debris"  # "a defensive Biden"; a body may have lower-case words: "the Biden administration"
    return None


def _ends_in_a_place(words: list[str]) -> bool:
    """A venue or street that heads the name or leads it, perhaps with sentence words
    after it ("Blenheim Palace", "Tarasivska St. They", "St Petersburg"); inside a body's
    name a place word is part of it ("the Wall Street Journal")."""
    return words[0] in PLACE_WORDS or any(
        w in PLACE_WORDS and all(rest in FUNCTION_WORDS for rest in words[i + 1 :]) for i, w in enumerate(words)
    )


def _around_a_listed_name(name: str, people: People, how: str) -> str:
    """ "debris" or "descriptor" for a listed person's name with other words around it."""
    if how == "before":
        return "debris"  # "Joe Biden Thursday", "Volodymyr Zelensky in Kyiv"
    lead = bare_name(name).split()[: -len(people_form_words(people, name))]
    if any(w in FUNCTION_WORDS or w in PLACE_PREFIXES or len(w) == 1 for w in lead):
        return "debris"  # "Germany Biden", "to the UN Linda Thomas-Greenfield"
    return "descriptor"


def _common_words(raw: list[str], content: list[str]) -> str | None:
    """ "nationality" or "generic" for a name of common words only, else None."""
    if not content:
        return "generic"
    if all(w in DEMONYMS for w in content):
        return "nationality"
    capitalised = [w for w in raw if w.lower() not in DETERMINERS]
    proper = len(capitalised) > 1 and all(w[:1].isupper() for w in capitalised)  # "the State Department"
    if all(w in GENERIC_HEADS or w in GENERIC_MODIFIERS for w in content) and content[-1] in GENERIC_HEADS:
        return None if proper else "generic"
    return None


def people_form_words(people: People, name: str) -> list[str]:
    """The words of the listed form that ends this name."""
    words = bare_name(name).split()
    for cut in range(len(words)):
        if " ".join(words[cut:]) in people.forms:
            return words[cut:]
    return words


def translit_key(name: str) -> str:
    """A loose key for people not on the list: Zelensky/Zelenskyy/Zelenskiy, Dmitry/Dmitri;
    middle initials and Jr./Sr. dropped ("Andrew C. Adams" is Andrew Adams)."""
    words = bare_name(name).split()
    words = [w for w in words if w not in ("jr", "sr", "ii", "iii")]
    words = [w for pos, w in enumerate(words) if not (len(w) == 1 and 0 < pos < len(words) - 1)]
    out = []
    for word in words:
        word = re.sub(r"(?:yy|iy|yi|ii|ij)$", "y", word)
        word = re.sub(r"(?<=[a-z]{3})i$", "y", word)
        word = word.replace("ey", "ei").replace("ya", "ia").replace("yu", "iu")
        out.append(word)
    return " ".join(out)


# -- the archive ----------------------------------------------------------------


@dataclass
class Archive:
    speakers: dict[int, tuple[str, str]]  # id -> (name, kind)
    aliases: dict[int, list[str]]
    quotes: list[tuple[int, int, int, int | None, str]]  # (article, start, end, speaker, attribution)
    articles_by_sha: dict[str, int]

    @property
    def quotes_by_speaker(self) -> Counter:
        return Counter(q[3] for q in self.quotes if q[3] is not None)


def _aliases() -> dict[int, list[str]]:
    from archive.models import SpeakerAlias

    aliases = defaultdict(list)
    for speaker, name in SpeakerAlias.objects.values_list("speaker_id", "name"):
        aliases[speaker].append(name)
    return aliases


def read_archive() -> Archive:
    from archive.models import Article, Quote, Speaker

    return Archive(
        speakers={pk: (name, kind) for pk, name, kind in Speaker.objects.values_list("pk", "name", "kind")},
        aliases=_aliases(),
        quotes=list(
            Quote.objects.order_by("pk").values_list("article_id", "start", "end", "speaker_id", "attribution")
        ),
        articles_by_sha=dict(Article.objects.values_list("raw_sha256", "pk")),
    )


# -- the figures ------------------------------------------------------------------


def split_figures(archive: Archive, people: People, top: int = TOP_PEOPLE) -> list[dict]:
    """Per listed person (the `top` with most quotes): quotes, speakers holding them, share outside the main one."""
    held: dict[str, Counter] = defaultdict(Counter)
    for speaker, count in archive.quotes_by_speaker.items():
        person, _ = people.person_of(archive.speakers[speaker][0])
        if person:
            held[person][speaker] = count
    rows = []
    for person, speakers in held.items():
        total = sum(speakers.values())
        main, main_count = speakers.most_common(1)[0]
        rows.append(
            {
                "person": person,
                "quotes": total,
                "speakers": len(speakers),
                "outside": total - main_count,
                "main": archive.speakers[main][0],
            }
        )
    rows.sort(key=lambda row: (-row["quotes"], row["person"]))
    return rows[:top]


def non_name_figures(archive: Archive, people: People) -> dict:
    counts = archive.quotes_by_speaker
    named = sum(counts.values())
    by_class: Counter = Counter()
    examples: Counter = Counter()
    descriptors = 0
    for speaker, count in counts.items():
        why = non_name(archive.speakers[speaker][0], people)
        if why == "descriptor":
            descriptors += count  # names someone: reported apart, not counted
            continue
        if why:
            by_class[why] += count
            examples[f"{archive.speakers[speaker][0]} ({why})"] += count
    return {
        "named_quotes": named,
        "non_name_quotes": sum(by_class.values()),
        "by_class": by_class,
        "top": examples,
        "descriptor_quotes": descriptors,
    }


def load_sample(path: Path = SAMPLE) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus_records(ids, corpus: Path = CORPUS) -> dict[str, dict]:
    ids = set(ids)
    found = {}
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in ids:
                found[record["id"]] = record
    return found


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def person_rows(archive: Archive, people: People, name: str) -> list[int]:
    """The stored speakers whose canonical name is this person's: a listed person's forms,
    else the loose key of the name or of one of the speaker's aliases."""
    listed = people.exact(name)
    if listed:
        return [pk for pk, (n, _) in archive.speakers.items() if people.exact(n) == listed]
    key = translit_key(name)
    return [
        pk
        for pk, (n, _) in archive.speakers.items()
        if translit_key(n) == key or any(translit_key(alias) == key for alias in archive.aliases.get(pk, ()))
    ]


def right_person(archive: Archive, people: People, sample: list[dict], corpus: Path = CORPUS) -> dict:
    """Of the sample's quotes said by a named person, the share filed under that person's
    one speaker: the speaker row, among those bearing the person's name, that holds the
    most quotes archive-wide. A quote the archive does not hold counts as wrong. And the
    other side of a speaker page: of the quotes no named person said (anonymous,
    unattributed, not quotes at all), how many the archive files under a person anyway."""
    records = corpus_records({item["id"] for item in sample}, corpus)
    counts = archive.quotes_by_speaker
    by_span = defaultdict(list)
    for article, start, end, speaker, _ in archive.quotes:
        by_span[article].append((start, end, speaker))
    main_row: dict[str, int | None] = {}
    result = Counter()
    wrong = []
    for item in sample:
        kind = item["kind"]
        article = archive.articles_by_sha.get(_sha256(records[item["id"]]["text"])) if item["id"] in records else None
        spans = [
            (min(end, item["end"]) - max(start, item["start"]), speaker)
            for start, end, speaker in by_span.get(article, ())
            if start < item["end"] and item["start"] < end
        ]
        if kind not in ("person", "organisation"):
            result["nobody_quotes"] += 1
            speaker = max(spans, key=lambda span: span[0])[1] if spans else None
            if speaker is not None and archive.speakers[speaker][1] == "person":
                result["nobody_under_a_person"] += 1
                wrong.append((item, archive.speakers[speaker][0]))
            continue
        result[f"{kind}_quotes"] += 1
        if not spans:
            result[f"{kind}_missing"] += 1
            wrong.append((item, "(quote not held)"))
            continue
        speaker = max(spans, key=lambda span: span[0])[1]
        if item["speaker"] not in main_row:
            rows = person_rows(archive, people, item["speaker"])
            main_row[item["speaker"]] = max(rows, key=lambda pk: (counts[pk], -pk)) if rows else None
        if speaker is not None and speaker == main_row[item["speaker"]]:
            result[f"{kind}_right"] += 1
        else:
            wrong.append((item, archive.speakers[speaker][0] if speaker else "(no speaker)"))
    return {"counts": result, "wrong": wrong}


# -- ingest -----------------------------------------------------------------------


def archive_env(work: Path) -> dict:
    env = dict(
        os.environ,
        REDLINE_VAR_DIR=str(work),
        REDLINE_INDEX_DIR=str(work / "whoosh_index"),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(32),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )
    env.pop("DATABASE_URL", None)
    return env


def ingest(work: Path, corpus: Path, *, index: bool, limit: int | None) -> dict:
    env = archive_env(work)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    command = [python, "manage.py", "ingest", str(corpus), "-v0"]
    if not index:
        command.append("--no-index")
    if limit:
        command += ["--limit", str(limit)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu": cpu}


def setup_django(work: Path) -> None:
    os.environ.update({k: v for k, v in archive_env(work).items() if k.startswith(("REDLINE_", "DJANGO_"))})
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()


# -- the sample: drawing and showing it ---------------------------------------------

# Records read by hand while the attribution rules were written (BENCHMARKS.md, issue 3):
# the sample is drawn from the others, so it tests rules on articles they were not written from.
READ_BEFORE = (
    {1805, 2163, 2397, 2487, 3075, 3077, 3152, 3173, 3180, 3201, 3456, 3474, 3789, 4629}
    | set(range(3000, 5000, 50))
    | set(range(100, 5000, 150))
)
MAX_QUOTES_PER_ARTICLE = 25


def extracted(record: dict):
    from archive.ingest.files import record_input
    from archive.ingest.pipeline import extract_article

    return extract_article(record_input(json.dumps(record), label=record["id"]))


def draw(articles: int, seed: int, corpus: Path, min_quotes: int = 300) -> list[dict]:
    """Articles at random across outlets, each outlet in turn; every quote the extractor
    finds in them, as offsets into the clean body, for annotation."""
    with corpus.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    by_outlet = defaultdict(list)
    for number, record in enumerate(records):
        if number not in READ_BEFORE:
            by_outlet[record.get("source") or ""].append(record)
    rng = random.Random(seed)
    for outlet in sorted(by_outlet):
        rng.shuffle(by_outlet[outlet])
    chosen, quotes = [], 0
    while len(chosen) < articles or quotes < min_quotes:
        for outlet in sorted(by_outlet):
            while by_outlet[outlet]:
                record = by_outlet[outlet].pop()
                found = extracted(record).quotes
                if 0 < len(found) <= MAX_QUOTES_PER_ARTICLE:
                    chosen.append((record, found))
                    quotes += len(found)
                    break
    items = []
    for record, found in chosen:
        for quote in found:
            items.append(
                {
                    "id": record["id"],
                    "start": quote.start,
                    "end": quote.end,
                    "sha1": hashlib.sha1(quote.text.encode()).hexdigest()[:10],
                }
            )
    return items


def show(record_id: str, corpus: Path) -> str:
    """The article's body with the extractor's quotes numbered, and nothing of its attribution."""
    record = corpus_records([record_id], corpus)[record_id]
    article = extracted(record)
    body, out, pos = article.body, [], 0
    for number, quote in enumerate(article.quotes, 1):
        out.append(body[pos : quote.start])
        out.append(f"[[{number}:{quote.start}-{quote.end}]]{body[quote.start : quote.end]}[[/{number}]]")
        pos = quote.end
    out.append(body[pos:])
    return f"{record.get('source')} · {record.get('published')} · {record.get('title')}\n\n" + "".join(out)


# -- report -------------------------------------------------------------------------


def report(archive: Archive, people: People, sample: list[dict] | None, rate: dict | None, corpus: Path) -> str:
    quotes = len(archive.quotes)
    speakers = len(archive.quotes_by_speaker)
    lines = [
        f"- {quotes} quotes, {sum(archive.quotes_by_speaker.values())} with a speaker; "
        f"**{speakers} speakers** hold them: **{1000 * speakers / quotes:.0f} per 1,000 quotes**"
    ]
    split = split_figures(archive, people)
    total = sum(row["quotes"] for row in split)
    outside = sum(row["outside"] for row in split)
    several = sum(row["speakers"] > 1 for row in split)
    lines.append(
        f"- The {len(split)} most quoted listed people: {total} quotes, **{outside / total:.1%} outside their main "
        f"speaker** ({outside}); {several} of them held by more than one speaker"
    )
    figures = non_name_figures(archive, people)
    share = figures["non_name_quotes"] / figures["named_quotes"]
    classes = ", ".join(f"{why} {count}" for why, count in figures["by_class"].most_common())
    lines.append(
        f"- Non-names hold **{share:.2%} of the {figures['named_quotes']} quotes with a speaker** "
        f"({figures['non_name_quotes']}: {classes}); names led by a description hold {figures['descriptor_quotes']}"
    )
    if sample is not None:
        right = right_person(archive, people, sample, corpus)
        c = right["counts"]
        lines.append(
            f"- Right person on the hand-annotated sample: **{c['person_right'] / c['person_quotes']:.3f}** "
            f"({c['person_right']} of {c['person_quotes']} quotes said by a named person; "
            f"{c['person_missing']} not held as quotes); organisations {c['organisation_right']} of "
            f"{c['organisation_quotes']}"
        )
        lines.append(
            f"- Quotes no named person said (anonymous, unattributed, not quotes) filed under a person anyway: "
            f"**{c['nobody_under_a_person']} of {c['nobody_quotes']}**"
        )
    if rate:
        lines.append(
            f"- Ingest ({rate['articles']} articles, no index): {rate['articles'] / rate['seconds']:.1f} articles/s "
            f"wall-clock, {rate['articles'] / rate['cpu']:.1f} per CPU second"
        )
    lines += ["", "| person | quotes | speakers | outside the main one | main speaker |", "|---|---|---|---|---|"]
    for row in split:
        lines.append(
            f"| {row['person']} | {row['quotes']} | {row['speakers']} | {row['outside'] / row['quotes']:.1%} "
            f"| {row['main']} |"
        )
    lines += [
        "",
        "Non-names holding the most quotes: " + "; ".join(f"{n} {c}" for n, c in figures["top"].most_common(25)),
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    drawing = sub.add_parser("draw", help="Draw the articles of the sample; print one JSON line per quote.")
    drawing.add_argument("--articles", type=int, default=32, help="At least this many articles.")
    drawing.add_argument("--seed", type=int, default=12, help="The random seed of the draw.")
    showing = sub.add_parser("show", help="Print an article with its quotes numbered, for annotation.")
    showing.add_argument("id", help="The corpus record's id.")
    parser.add_argument("--corpus", default=str(CORPUS), help="The corpus to ingest (JSON lines).")
    parser.add_argument(
        "--archive", help="Keep the archive in this directory; if it already holds articles, measure it as it is."
    )
    parser.add_argument("--index", action="store_true", help="Index too (the figures need only the database).")
    parser.add_argument("--limit", type=int, help="Ingest only this many articles (for trials).")
    parser.add_argument("--sample", default=str(SAMPLE), help="The hand-annotated sample (JSON lines).")
    parser.add_argument("--people", default=str(PEOPLE), help="The hand-written list of people and their names.")
    parser.add_argument("--wrong", action="store_true", help="List the sample's quotes filed under the wrong speaker.")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if args.command == "draw":
        for item in draw(args.articles, args.seed, corpus):
            print(json.dumps(item))
        return 0
    if args.command == "show":
        print(show(args.id, corpus))
        return 0
    work = Path(args.archive) if args.archive else Path(tempfile.mkdtemp(prefix="redline-speakers-"))
    work.mkdir(parents=True, exist_ok=True)
    rate = None
    database = work / "redline.sqlite3"
    if not (database.exists() and database.stat().st_size > 100_000):
        rate = ingest(work, corpus, index=args.index, limit=args.limit)
    setup_django(work)
    archive = read_archive()
    if rate is not None:
        rate["articles"] = len(archive.articles_by_sha)
    people = People.load(Path(args.people))
    sample_path = Path(args.sample)
    sample = load_sample(sample_path) if sample_path.exists() else None
    print(report(archive, people, sample, rate, corpus))
    if args.wrong and sample is not None:
        for item, got in right_person(archive, people, sample, corpus)["wrong"]:
            print(f"{item['id']} {item['start']}-{item['end']}: {item['speaker'] or item['kind']} -> {got}")
    if not args.archive:
        print(f"\n(the archive is kept in {work}; pass --archive {work} to measure it again)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
