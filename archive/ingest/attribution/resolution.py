"""From a mention to a speaker within the article: a name to the person the article
knows by it, "he" to the most salient man, "the minister" to whoever holds that
role, "a senior official" to an anonymous source, "the ministry" to an organisation."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from archive.ingest.lexicon import (
    ANONYMOUS_HEADS,
    CITED,
    DETERMINERS,
    INDEFINITE_DETERMINERS,
    ORG_HEADS,
    PERSON_HEADS,
    PLURAL_PRONOUNS,
    POSSESSIVE_DETERMINERS,
    POST_MODIFIER_PREPS,
    PRONOUNS,
    SEATS_OF_GOVERNMENT,
    TITLE_WORDS,
)
from archive.ingest.names import DEMONYMS

from .clauses import sentence_subject
from .memory import ArticleMemory, Mention
from .mentions import Phrase, name_in_description, names_organisation
from .paragraph import Paragraph
from .tokens import POSSESSIVE_RE, bare_word


@dataclass(frozen=True, kw_only=True)
class Speaker:
    """What an attribution resolved to."""

    attribution: str  # one of records.ATTRIBUTION_KINDS
    speaker: str | None = None
    speaker_kind: str | None = None
    description: str | None = None
    mention: tuple[int, int] | None = None  # paragraph offsets of the mention relied on


UNATTRIBUTED = Speaker(attribution="unattributed")


def resolve(
    memory: ArticleMemory, para: Paragraph, found: Phrase, sentence: int, last_speaker: Speaker | None
) -> Speaker:
    """The speaker a mention in para stands for; `sentence` is the article-wide number
    of the sentence it speaks in, `last_speaker` the article's latest attributed one."""
    if found.kind == "pronoun":
        return _resolve_pronoun(memory, para, found, sentence, last_speaker)
    if found.kind == "name":
        return _resolve_name(memory, para, found, sentence)
    promoted = name_in_description(found)
    if promoted is not None:
        return resolve(memory, para, promoted, sentence, last_speaker)
    return _resolve_description(memory, para, found, sentence)


def _resolve_pronoun(
    memory: ArticleMemory, para: Paragraph, found: Phrase, sentence: int, last_speaker: Speaker | None
) -> Speaker:
    mention = (found.start, found.end)
    word = found.text.lower()
    word = POSSESSIVE_DETERMINERS.get(word, word)
    if word in PLURAL_PRONOUNS or word == "it":
        if (
            last_speaker is not None
            and (last_speaker.speaker or last_speaker.description)
            and not (last_speaker.speaker and last_speaker.speaker_kind == "person")
        ):
            # "it" and "they" are never one named person: the ministry or the
            # family the sentence is about
            return replace(
                last_speaker,
                attribution="pronoun" if last_speaker.speaker else last_speaker.attribution,
                mention=mention,
            )
        return Speaker(attribution="pronoun", description=found.text, mention=mention)
    gender = PRONOUNS.get(word)
    salient = memory.salient(gender, para.index, sentence, found.first, unnamed=True) if gender in ("m", "f") else None
    if salient is not None and salient.unnamed:
        # "A senior Western official said … “…,” he said": the official, whom no name stands for
        return Speaker(attribution="pronoun", description=salient.name, mention=mention)
    name = salient.name if salient is not None else None
    if name is None:
        return Speaker(attribution="pronoun", description=found.text, mention=mention)
    memory.mention_subject(name, para.index, sentence, found.first)
    return Speaker(attribution="pronoun", speaker=name, speaker_kind=memory.register.kind_of(name), mention=mention)


def _resolve_name(memory: ArticleMemory, para: Paragraph, found: Phrase, sentence: int) -> Speaker:
    mention = (found.start, found.end)
    words = found.name.split()
    org = names_organisation(words) or (
        len(words) == 1
        and (
            (words[0].isupper() and len(words[0]) > 1)
            # "Moscow said"; but "Paris, who used to work on Capitol Hill" after "Jeremy Paris"
            or (bare_word(words[0]) in SEATS_OF_GOVERNMENT and memory.register.lookup(found.name) is None)
        )
    )
    if org and not found.role:
        # "NATO's already gone on record": the body, not its possessive
        speaker = POSSESSIVE_RE.sub("", found.text.strip(" ,.’'"))
        return Speaker(attribution="named", speaker=speaker, speaker_kind="organisation", mention=mention)
    position = para.position(found.start)
    canonical = memory.register.lookup(found.name) if not found.role else None
    if canonical is None:
        canonical = memory.register.add(found.name, role=found.role, position=position)
    else:
        memory.register.touch(canonical, position)
    memory.mentions.append(
        Mention(
            name=canonical,
            paragraph=para.index,
            sentence=sentence,
            order=-1,
            gender=memory.gender(canonical, para.tokens[found.first : found.last + 1]),
        )
    )
    return Speaker(attribution="named", speaker=canonical, speaker_kind="person", mention=mention)


AGE_HEAD_RE = re.compile(r"^\d{1,3}-year-old$")


def _person_head(head: str) -> bool:
    """A noun for a person: "senator", "resident", an age ("says the 50-year-old") and
    one person's nationality ("the Russian replied")."""
    return head in PERSON_HEADS or bool(AGE_HEAD_RE.match(head)) or _one_national(head)


# Words that end a description's core and begin what follows its head: "an official
# cited by Reuters", "a source familiar with the talks", "a man who asked not to be named".
POST_HEAD_WORDS = POST_MODIFIER_PREPS | CITED | {"familiar", "close", "who"}


def _core_and_head(words: list[str]) -> tuple[str, str, str | None]:
    """A description's core, its head noun, and the word after the head that ended it."""
    for pos, word in enumerate(words):
        if pos > 0 and word.lower() in POST_HEAD_WORDS:
            return " ".join(words[:pos]), words[pos - 1].lower().strip(",."), word.lower()
    return " ".join(words), words[-1].lower().strip(",."), None


# Plural heads without an "s": "the women write" is a group, never the one person the
# article last named.
IRREGULAR_PLURALS = frozenset({"women", "men", "people", "children", "police"})


def _plural_head(head: str) -> bool:
    return head.endswith("s") or head in IRREGULAR_PLURALS


def names_one_person(description: str) -> bool:
    """Whether a description stands for one person: "a Russian businessman", "the U.N.
    nuclear chief", not "officials", "the ministry" or "a statement"."""
    _, head, _ = _core_and_head(description.split())
    return not _plural_head(head) and (_person_head(head) or (head in TITLE_WORDS and head not in ORG_HEADS))


def _one_national(head: str) -> bool:
    """ "the Russian", "a Briton", "the Pole": a nationality as a noun for one person.
    "The British", "the Chinese" and "the Dutch" name a people or its government, and
    plurals a group."""
    return head in DEMONYMS and not head.endswith(("s", "ese", "ish", "ch", "sh")) and "-" not in head


def _resolve_description(memory: ArticleMemory, para: Paragraph, found: Phrase, sentence: int) -> Speaker:
    mention = (found.start, found.end)
    words = found.text.split()
    determiner = words[0].lower()
    core, head, after = _core_and_head(words)
    # "another Muslim who asked not to be named": only people take "who"
    personal = _person_head(head) or after == "who"
    indefinite = determiner in INDEFINITE_DETERMINERS or (
        determiner not in DETERMINERS and head.endswith("s") and head in PERSON_HEADS and not words[0][0].isupper()
    )
    if personal and indefinite:
        return Speaker(attribution="anonymous", description=found.text, mention=mention)
    # "the experts noted", "the ministers say": a group, never the one person
    # the article last named
    plural = head in IRREGULAR_PLURALS or (
        head.endswith("s") and (head[:-1] in PERSON_HEADS or head[:-2] in PERSON_HEADS)
    )
    if _person_head(head) or (head in TITLE_WORDS and head not in ORG_HEADS):
        # "campaign", "staff" are roles before a noun ("campaign manager") but an
        # organisation as the head: "the Vale campaign said" is no one person
        name = memory.register.by_role(core)
        if name is not None:
            role = re.sub(r"^(?:the|this)\s+", "", core, flags=re.I)
            memory.register.add(name, role=role, position=para.position(found.start))
        if (
            name is None
            and determiner in ("the", "this")
            and head not in ANONYMOUS_HEADS
            and " ".join(core.lower().split()[1:]) not in memory.unnamed
            and not plural
            and not _whose_office(found.text)
        ):
            # "the senator", "the billionaire": the person the article is talking about,
            # not one the article gave another office ("the prime minister" is not the
            # "Russian president" named in the sentence before)
            salient = memory.salient(
                None,
                para.index,
                sentence,
                found.first,
                suits=lambda person: not memory.register.holds_other_office(person, head),
            )
            name = salient.name if salient is not None else None
        if name is not None:
            memory.mention_subject(name, para.index, sentence, found.first)
            return Speaker(
                attribution="title", speaker=name, speaker_kind=memory.register.kind_of(name), mention=mention
            )
        return Speaker(attribution="anonymous", description=found.text, mention=mention)
    person = _person_after_abbreviation(memory, words)
    if person is not None:
        return Speaker(attribution="named", speaker=person, speaker_kind="person", mention=mention)
    if any(w[0].isupper() for w in words[1:]) or head in ORG_HEADS:
        return Speaker(attribution="named", speaker=found.text, speaker_kind="organisation", mention=mention)
    return Speaker(attribution="anonymous", description=found.text, mention=mention)


def _person_after_abbreviation(memory: ArticleMemory, words: list[str]) -> str | None:
    """ "according to the U.N. Trzaskowski said …": a sentence that ended on an
    abbreviation's full stop; the word after it is the person the article named."""
    if len(words) < 3 or not words[-2].endswith(".") or len(words[-2]) < 3:
        return None
    name = memory.register.lookup(words[-1].strip(",.’'"))
    return name if name is not None and memory.register.kind_of(name) == "person" else None


def _whose_office(core: str) -> bool:
    """ "the country's prosecutor general", "the party's treasurer": a title that names
    whose office it is by a possessive names its holder, not whoever the article last
    named; when no one in the article holds it, the speaker is left described. ("The
    Russian president" still reads as the Russian the article is about.)"""
    return any(word.endswith(("'s", "’s")) for word in core.split()[1:])


def organisation_for_it(para: Paragraph, floor: int, found: Phrase, speaker: Speaker) -> Speaker:
    """ "The council on Friday condemned the test, which it called “…”": "it" is the
    organisation that is the subject of its sentence. The mention stays "it"."""
    subject = sentence_subject(para.tokens, para.text, floor, found.first)
    if subject is None or subject.kind == "pronoun" or subject.last >= found.first:
        return speaker
    words = subject.text.split()
    if not any(bare_word(w) in ORG_HEADS for w in words):
        return speaker
    return Speaker(
        attribution="named",
        speaker=subject.text.strip(" ,.’'"),
        speaker_kind="organisation",
        mention=speaker.mention,
    )


def group_for_they(para: Paragraph, floor: int, found: Phrase, speaker: Speaker) -> Speaker:
    """ "The campaign contrasts her plan with what they call his “…”": "they" is the
    group or organisation that is the subject of its sentence. The mention stays "they"."""
    subject = sentence_subject(para.tokens, para.text, floor, found.first)
    if subject is None or subject.kind != "description" or subject.last >= found.first:
        return speaker
    head = bare_word(para.tokens[subject.last].text)
    if head in ORG_HEADS:
        return Speaker(attribution="named", speaker=subject.text, speaker_kind="organisation", mention=speaker.mention)
    if head.endswith("s") and (head in PERSON_HEADS or head[:-1] in PERSON_HEADS):
        return Speaker(attribution="anonymous", description=subject.text, mention=speaker.mention)
    return speaker
