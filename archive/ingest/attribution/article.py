"""An article's quotes attributed in reading order: for each quote, the people
named before it are remembered, the sieves find its cue, the cue's mention is
resolved to a speaker; a quote with no cue takes one from its neighbours."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from archive.ingest.lexicon import SPEECH_NOUNS, SPEECH_VERBS
from archive.ingest.quotes import IF_FRAMED, NOT_A_QUOTE, MarkedSpans
from archive.ingest.records import PARAGRAPH_SEPARATOR

from .carry import (
    CARRY_SENTENCES,
    CLAUSE_TOPIC,
    COLON_INTRODUCER,
    PREVIOUS_PARAGRAPH_SPEAKER,
    PREVIOUS_QUOTE,
    SALIENT_PERSON,
    Attribution,
    carry_open_quotes,
    sentences_between,
    share_following_cue,
)
from .clauses import clause_topic, sentence_subject
from .cues import cue_before
from .decision import Cue, confidence
from .memory import ArticleMemory
from .mentions import names_organisation
from .paragraph import Paragraph
from .resolution import UNATTRIBUTED, Speaker, group_for_they, names_one_person, organisation_for_it, resolve
from .sieves import (
    QUOTE_SIEVES,
    QuoteSite,
    Sieve,
    cue_in_previous_sentence,
    find_cue,
    speech_frames,
    words_of_others,
)

# How many paragraphs back the person a quote with no other clue is guessed to be
# may last have been named: further back, the article has moved on.
SALIENCE_PARAGRAPHS = 3
# The rule a paragraph-ending `Lee said:` introduces the next paragraph's quote by.
VERB_BEFORE = "verb_before"


class ArticleAttribution:
    """One article's attribution run; `memory` keeps who it named, for its speakers."""

    def __init__(
        self,
        paragraphs: Sequence[str],
        marked: Sequence[MarkedSpans],
        known_roles: Mapping[str, str] | None = None,
        *,
        sieves: tuple[Sieve, ...] = QUOTE_SIEVES,
    ) -> None:
        self.paragraphs = list(paragraphs)
        self.marked = list(marked)
        self.memory = ArticleMemory(known_roles)
        self.sieves = sieves  # all of them but to score one alone
        self.latest: Latest | None = None
        # Whether the paragraph before went on speaking (its last quote attributed, or
        # open at its end), and whether it ended introducing the next (`… said:`).
        self.continues = False
        self.introduced = False

    def run(self) -> list[list[Attribution]]:
        out: list[list[Attribution]] = []
        paras: list[Paragraph] = []
        start = first_sentence = 0
        for index, (text, marked) in enumerate(zip(self.paragraphs, self.marked)):
            para = Paragraph.read(index=index, text=text, start=start, first_sentence=first_sentence, marked=marked)
            found = self._paragraph(para)
            introducer = self._introducer(para)
            out.append(found)
            paras.append(para)
            attributed = [a for a in found if a.speaker.attribution != "unattributed"]
            if attributed:
                self.latest = Latest(speaker=attributed[-1].speaker, confidence=attributed[-1].confidence)
            self.continues = bool(attributed) or (bool(found) and found[-1].span.open_ended)
            self.introduced = introducer is not None
            if introducer is not None:
                self.latest, self.continues = introducer, True
            start += len(text) + len(PARAGRAPH_SEPARATOR)
            first_sentence += para.sentence_count + 1
        self._lede_named_next(paras, out)
        carry_open_quotes(self.paragraphs, out)
        return out

    def _lede_named_next(self, paras: list[Paragraph], out: list[list[Attribution]]) -> None:
        """A lede describes the person the next sentence names: "… “much more cautious”,
        according to a Russian businessman. Mikhail Khodorkovsky has claimed …" and "A
        Ukrainian mayor has warned … Vladyslav Atroshenko, mayor of Chernihiv, said …".
        The lede's quotes go to that person; the mention stays the description."""
        if not out or not out[0]:
            return
        lede = [
            index
            for index, found in enumerate(out[0])
            if paras[0].sentences[found.qpos] == 0
            and found.speaker.speaker is None
            and found.speaker.description
            and names_one_person(found.speaker.description)
        ]
        if not lede:
            return
        if paras[0].sentence_count > 1:
            para, (first, end) = paras[0], paras[0].bounds.sentence(1)
        elif len(paras) > 1 and paras[1].tokens:
            para, (first, end) = paras[1], paras[1].bounds.sentence(0)
        else:
            return
        subject = sentence_subject(para.tokens, para.text, first, end)
        if (
            subject is None
            or subject.kind != "name"
            or len(subject.name.split()) < 2
            or names_organisation(subject.name.split())
            or not any(token.lower in SPEECH_VERBS | SPEECH_NOUNS for token in para.tokens[subject.last + 1 : end])
        ):
            return
        name = self.memory.register.lookup(subject.name) or subject.name
        for index in lede:
            found = out[0][index]
            if subject.role and not _role_fits(found.speaker.description, subject.role):
                continue  # "A Russian official … US Secretary of State Ann Lee said" is another
            speaker = replace(found.speaker, attribution="title", speaker=name, speaker_kind="person")
            out[0][index] = replace(found, speaker=speaker, confidence=confidence(found.rule, speaker, None))

    def _paragraph(self, para: Paragraph) -> list[Attribution]:
        """The paragraph's quotes attributed. `latest` follows them as they are read (so
        the paragraph's introducer sees it before a quote shares the cue of the next)."""
        memory = self.memory
        results: list[Attribution] = []
        scanned = 0
        for qpos, token in enumerate(para.tokens):
            if token.kind != "q" or para.marked.verdicts[token.quote] == NOT_A_QUOTE:
                continue
            scanned = memory.scan_names(para, qpos, scanned)
            site = QuoteSite(para, qpos)
            cue = find_cue(site, self.sieves)
            if para.marked.verdicts[token.quote] == IF_FRAMED and not speech_frames(cue):
                continue  # a scare quote, nickname or title, unless speech frames it
            if words_of_others(site, cue):
                results.append(Attribution(span=site.span, speaker=UNATTRIBUTED, verb=None, rule="", qpos=qpos))
                continue
            cue_follows = None if cue is None else cue.mention.first > qpos
            if cue is None and qpos > 0:
                cue = cue_in_previous_sentence(site, results[-1].qpos if results else -1)
            if cue is not None:
                found = self._resolved(para, site, cue, cue_follows)
            else:
                found = self._carried(para, site, results)
            results.append(found)
            if found.speaker.attribution != "unattributed":
                self.latest = Latest(speaker=found.speaker, confidence=found.confidence)
        share_following_cue(results, para.sentences)
        memory.scan_names(para, len(para.tokens), scanned)
        return results

    def _resolved(self, para: Paragraph, site: QuoteSite, cue: Cue, cue_follows: bool | None) -> Attribution:
        """The speaker a cue's mention stands for."""
        latest = self.latest.speaker if self.latest else None
        speaker = resolve(self.memory, para, cue.mention, para.sentence_of(site.qpos), latest)
        if cue.mention.kind == "pronoun" and cue.mention.text.lower() == "it":
            speaker = organisation_for_it(para, para.bounds.start(site.qpos), cue.mention, speaker)
        elif cue.mention.kind == "pronoun" and cue.mention.text.lower() == "they" and speaker.speaker is None:
            speaker = group_for_they(para, para.bounds.start(site.qpos), cue.mention, speaker)
        return Attribution(
            span=site.span,
            speaker=speaker,
            verb=cue.verb.text if cue.verb is not None else None,
            rule=cue.rule,
            qpos=site.qpos,
            cue_follows=cue_follows,
            confidence=confidence(cue.rule, speaker, cue),
        )

    def _carried(self, para: Paragraph, site: QuoteSite, results: list[Attribution]) -> Attribution:
        """A quote without a cue of its own: the speaker of the quote just before (`“A,”
        Lee said. “B.”`; sentences of narrative between them end that run), of the
        paragraph before; else the first phrase that can speak in its clause, else the
        person the article is talking about (`Ann Lee praised the plan.` / `“It is the
        best we have had.”`)."""
        qpos = site.qpos
        previous = results[-1] if results else None
        latest = self.latest
        if (
            previous is not None
            and previous.speaker.attribution != "unattributed"
            and sentences_between(para.sentences, previous.qpos, qpos) <= CARRY_SENTENCES
        ):
            return self._carry(site, PREVIOUS_QUOTE.name, previous.speaker, previous.confidence)
        if not results and qpos == 0 and self.continues and latest is not None:
            rule = (COLON_INTRODUCER if self.introduced else PREVIOUS_PARAGRAPH_SPEAKER).name
            return self._carry(site, rule, replace(latest.speaker, mention=None), latest.confidence)
        topic = clause_topic(para.tokens, para.text, site.floor, qpos)
        if topic is not None:
            cue = Cue(mention=topic, verb=None, rule=CLAUSE_TOPIC.name)
            return self._resolved(para, site, cue, None)
        salient = self.memory.salient(None, para.index, para.sentence_of(qpos), qpos, within=SALIENCE_PARAGRAPHS)
        if salient is not None:
            # the loosest guess: whom the article is talking about
            speaker = Speaker(attribution="pronoun", speaker=salient.name, speaker_kind="person")
            return self._carry(site, SALIENT_PERSON.name, speaker, None)
        return Attribution(span=site.span, speaker=UNATTRIBUTED, verb=None, rule="", qpos=qpos)

    def _carry(self, site: QuoteSite, rule: str, speaker: Speaker, source: float | None) -> Attribution:
        return Attribution(
            span=site.span,
            speaker=speaker,
            verb=None,
            rule=rule,
            qpos=site.qpos,
            confidence=confidence(rule, speaker, None, source=source),
        )

    def _introducer(self, para: Paragraph) -> Latest | None:
        """A paragraph that ends `Clinton said in a statement:` introduces the next."""
        tokens = para.tokens
        if not tokens or tokens[-1].text != ":":
            return None
        cue = cue_before(tokens, para.text, len(tokens) - 1, para.bounds.start(len(tokens) - 1))
        if cue is None:
            return None
        next_sentence = para.first_sentence + para.sentence_count + 1
        latest = self.latest.speaker if self.latest else None
        speaker = replace(resolve(self.memory, para, cue[0], next_sentence, latest), mention=None)
        return Latest(speaker=speaker, confidence=confidence(VERB_BEFORE, speaker, None))


def _role_fits(description: str, role: str) -> bool:
    """Whether a lede's description could be the role the next sentence names: "A
    Russian official" and "Russian foreign ministry spokesperson Maria Zakharova", every
    qualifying word of the description in the role."""
    qualifiers = [word.lower() for word in description.split()[1:-1]]
    return bool(qualifiers) and all(word in role.lower().split() for word in qualifiers)


@dataclass(frozen=True, kw_only=True)
class Latest:
    """The latest attributed speaker of the article, and how sure it was."""

    speaker: Speaker
    confidence: float
