"""An article's quotes attributed in reading order: for each quote, the people
named before it are remembered, the sieves find its cue, the cue's mention is
resolved to a speaker; a quote with no cue takes one from its neighbours."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

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
from .clauses import clause_topic
from .cues import cue_before
from .memory import ArticleMemory
from .paragraph import Paragraph
from .resolution import UNATTRIBUTED, Speaker, organisation_for_it, resolve
from .sieves import QUOTE_SIEVES, QuoteSite, Sieve, cue_in_previous_sentence, find_cue, speech_frames


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

    def run(self) -> list[list[Attribution]]:
        out: list[list[Attribution]] = []
        # The latest attributed speaker, and whether the paragraph before went on speaking
        # (its last quote attributed, or open at its end).
        last_speaker: Speaker | None = None
        continues = False
        introducer: Speaker | None = None
        start = first_sentence = 0
        for index, (text, marked) in enumerate(zip(self.paragraphs, self.marked)):
            if introducer is not None:
                last_speaker, continues = introducer, True
            para = Paragraph.read(index=index, text=text, start=start, first_sentence=first_sentence, marked=marked)
            found, latest = self._paragraph(para, last_speaker, continues, from_colon=introducer is not None)
            introducer = self._introducer(para, latest)
            out.append(found)
            attributed = [a.speaker for a in found if a.speaker.attribution != "unattributed"]
            if attributed:
                last_speaker = attributed[-1]
            continues = bool(attributed) or (bool(found) and found[-1].span.open_ended)
            start += len(text) + len(PARAGRAPH_SEPARATOR)
            first_sentence += para.sentence_count + 1
        carry_open_quotes(self.paragraphs, out)
        return out

    def _paragraph(
        self, para: Paragraph, last_speaker: Speaker | None, continues: bool, *, from_colon: bool
    ) -> tuple[list[Attribution], Speaker | None]:
        """The paragraph's quotes attributed, and its latest attributed speaker (before
        a quote shares the cue of the next)."""
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
            cue_follows = None if cue is None else cue.mention.first > qpos
            if cue is None and not results and qpos > 0:
                cue = cue_in_previous_sentence(site)
            if cue is not None:
                speaker = resolve(memory, para, cue.mention, para.sentence_of(qpos), last_speaker)
                if cue.mention.kind == "pronoun" and cue.mention.text.lower() == "it":
                    speaker = organisation_for_it(para, para.bounds.start(qpos), cue.mention, speaker)
                verb = cue.verb.text if cue.verb is not None else None
                found = Attribution(
                    span=site.span, speaker=speaker, verb=verb, rule=cue.rule, qpos=qpos, cue_follows=cue_follows
                )
            else:
                found = self._carried(para, qpos, site, results, last_speaker, continues, from_colon=from_colon)
            results.append(found)
            if found.speaker.attribution != "unattributed":
                last_speaker = found.speaker
        share_following_cue(results, para.sentences)
        memory.scan_names(para, len(para.tokens), scanned)
        return results, last_speaker

    def _carried(
        self,
        para: Paragraph,
        qpos: int,
        site: QuoteSite,
        results: list[Attribution],
        last_speaker: Speaker | None,
        continues: bool,
        *,
        from_colon: bool,
    ) -> Attribution:
        """A quote without a cue of its own: the speaker of the quote just before (`“A,”
        Lee said. “B.”`; sentences of narrative between them end that run), of the
        paragraph before; else the first phrase that can speak in its clause, else the
        person the article is talking about (`Ann Lee praised the plan.` / `“It is the
        best we have had.”`)."""
        speaker, rule = UNATTRIBUTED, ""
        previous = results[-1] if results else None
        if (
            previous is not None
            and previous.speaker.attribution != "unattributed"
            and sentences_between(para.sentences, previous.qpos, qpos) <= CARRY_SENTENCES
        ):
            speaker, rule = previous.speaker, PREVIOUS_QUOTE.name
        elif not results and qpos == 0 and continues and last_speaker is not None:
            speaker = replace(last_speaker, mention=None)
            rule = (COLON_INTRODUCER if from_colon else PREVIOUS_PARAGRAPH_SPEAKER).name
        elif (topic := clause_topic(para.tokens, para.text, site.floor, qpos)) is not None:
            speaker = resolve(self.memory, para, topic, para.sentence_of(qpos), last_speaker)
            rule = CLAUSE_TOPIC.name
        elif (name := self.memory.most_salient(None, para.index, para.sentence_of(qpos), qpos)) is not None:
            speaker = Speaker(attribution="pronoun", speaker=name, speaker_kind="person")
            rule = SALIENT_PERSON.name  # the loosest guess: whom the article is talking about
        return Attribution(span=site.span, speaker=speaker, verb=None, rule=rule, qpos=qpos)

    def _introducer(self, para: Paragraph, last_speaker: Speaker | None) -> Speaker | None:
        """A paragraph that ends `Clinton said in a statement:` introduces the next."""
        tokens = para.tokens
        if not tokens or tokens[-1].text != ":":
            return None
        cue = cue_before(tokens, para.text, len(tokens) - 1, para.bounds.start(len(tokens) - 1))
        if cue is None:
            return None
        next_sentence = para.first_sentence + para.sentence_count + 1
        return replace(resolve(self.memory, para, cue[0], next_sentence, last_speaker), mention=None)
