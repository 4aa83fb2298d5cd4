"""Find direct quotes in a paragraph: the text between paired quotation marks,
minus scare quotes, nicknames and titles of works."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from archive.ingest.lexicon import (
    CLAUSE_WORDS,
    INVERTIBLE_VERBS,
    NAMING_VERBS,
    REPORTING_VERBS,
    SCARE_PRECEDERS,
    SPEAKER_PRONOUNS,
    SPEECH_VERBS,
    TITLE_SMALL_WORDS,
    WEAK_SPEECH_VERBS,
)

# Double marks: curly, straight, guillemets, low-9 and NYT's doubled apostrophes.
DOUBLE_MARK_RE = re.compile(r"''|``|[“”\"«»„‟]")
SINGLE_MARK_RE = re.compile(r"[‘’]")
# British copy set in plain ASCII quotes with straight single marks ('We are ready,' he said).
STRAIGHT_SINGLE_MARK_RE = re.compile(r"[‘’']")
# Elisions a straight mark opens that are no quotation: 'n', '90s, 'em, 'til.
ELISION_RE = re.compile(r"'(?:n'|\d0s\b|em\b|til\b|cause\b|tis\b)", re.I)
# A mark that opens a quote right after the end of a sentence inside a quote still open:
# papers that drop paragraph breaks run a multi-paragraph quote on as `“A. “B.”`.
SENTENCE_STOP_RE = re.compile(r"[.!?…]$")
OPENERS = frozenset("“«„‟`")
CLOSERS = frozenset("”»")
# Characters after which a mark may open a quote, and before which one may close it.
OPEN_CONTEXT = frozenset(" \t\n\u00a0([{—–-/:;\u2009\u202f")
CLOSE_CONTEXT = frozenset(" \t\n\u00a0)]}.,;:!?—–-…/\u2009\u202f")
WORD_RE = re.compile(r"[\w’'-]+")
PLAIN_WORD_RE = re.compile(r"\w+")
# What makes a short span a quotation even without a speech verb nearby.
QUOTE_INTRO_RE = re.compile(r"(?:[:,]|\b(?:that|as|called|calling|of|on|is|was|be|it|a|an))\s*$", re.I)
_STRONG_SPEECH = "|".join(sorted(SPEECH_VERBS - WEAK_SPEECH_VERBS, key=len, reverse=True))
# `“GROWING PARTY,” he declared`: a speech verb right after the quote makes it one,
# whatever its length or case.
ATTRIBUTION_FOLLOWS_RE = re.compile(
    r"[,—–-]?\s*(?:(?:he|she|they|I|we|it)\s+(?:\w+ly\s+)?(?:" + _STRONG_SPEECH + r")\b"
    r"|(?:" + "|".join(sorted(INVERTIBLE_VERBS | {"told"}, key=len, reverse=True)) + r")\b"
    # `“No,” the clerk said`, `“Never,” a senior aide told reporters`
    r"|(?:the|a|an|his|her|their|one|another)\s+(?:[\w’'-]+\s+){0,3}(?:said|says|told|added|wrote|asked"
    r"|replied|responded|insisted|warned|explained|noted)\b"
    r"|(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*\s+(?:" + _STRONG_SPEECH + r")\b)"
)
# What a short capitalised quote completes when it is a characterisation:
# `was “Brazilian.”`, `as “Mr. Lowe,”`, `a “Bolshevik.”`; "known as" gives a name
# (`strikes known as “Operation Lantern”`), not what someone called it.
COMPLEMENT_INTRO_RE = re.compile(r"(?<!known )\b(?:as|was|is|were|are|an?)$", re.I)
# A characterisation: `dismissed the plan as a “giveaway”`, `hailed it as “historic”`.
AS_INTRO_RE = re.compile(r"\bas(?:\s+(?:a|an))?$", re.I)
# A second quote coordinated with a first: `a “grave threat” and a “provocation”`.
COORDINATED_RE = re.compile(r"^[,;]?\s*(?:and|or|but)(?:\s+(?:a|an|the|as))?\s*$", re.I)
# A work named right after its kind: `his 2002 book, “…”`, `an essay titled “…”`. A
# Title Case span there is the work's title, however long.
WORK_INTRO_RE = re.compile(
    r"\b(?:books?|novels?|memoirs?|biography|film|movie|documentary|show|series|program|programme|podcast"
    r"|song|album|play|musical|column|article|essay|op-ed|editorial|headline|poem|titled|entitled"
    r"|(?:co-?)?author of"
    # a programme named after its channel: `on Fox News’s “Sunday Morning Futures,”`
    r"|\bon\s+(?:[\w.’'-]+\s+){0,3}[\w.-]+['’]s)\s*,?$",
    re.I,
)
# A parenthetical alone between marks: a transcript's stage direction, `"(CROSSTALK.)`.
STAGE_DIRECTION_RE = re.compile(r"\([^()]*\)\.?")
# `what critics call the “…”`: the words are someone's, however short or capitalised.
WHAT_THEY_CALL_RE = re.compile(
    r"\bwhat\s+(?:[\w.’'-]+\s+){1,5}(?:" + "|".join(sorted(NAMING_VERBS, key=len, reverse=True)) + r")"
    r"(?:\s+as)?(?:\s+(?:the|a|an|his|her|its|their|our))?(?:\s+[\w’'-]+)?$",
    re.I,
)
# `she said, “…”`, `he replied: “…”`: a quote opened right after a speech verb and its
# comma or colon is what was said, even a short capitalised one (“We’ll see”).
SPEECH_OPENS_RE = re.compile(r"\b(?:" + _STRONG_SPEECH + r")\s*[,:]$", re.I)
# `he called Rubio “Little Marco”`, `signs calling her “Crooked Hillary”`: a naming verb
# with a person as its object gives that person an epithet someone used; only a
# thing is named without an object between (`a blog called “The Feed”`).
CALLED_PERSON_RE = re.compile(
    r"\b(?:call|calls|called|calling|dub|dubs|dubbed|dubbing|nicknamed|brand|brands|branded|branding)"
    r"\s+(?:him|her|them|me|us|you|(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'.-]*)(?:\s+(?:a|an|the))?$"
)
# A middle initial before a nickname: Robert C. "Bobby" Scott.
INITIAL_END_RE = re.compile(r"\b[A-Z]\.$")
# A sentence ends at a stop, or at a stop and the closing mark of a quote (`… us." That`).
SENTENCE_END_RE = re.compile(r"[.!?][”\"’]?\s+(?=[A-Z“\"'‘])")


@dataclass(frozen=True, kw_only=True)
class QuoteSpan:
    """A quoted stretch of a paragraph; start/end exclude the marks."""

    start: int
    end: int
    mark: str  # the opening mark as written
    open_ended: bool = False  # no closing mark: it runs on into the next paragraph (or a lost paragraph break)


def _mark_role(text: str, start: int, end: int) -> str:
    """'open', 'close' or 'either', from the mark's shape and the characters around it.
    Where they disagree the characters win: scraped copy mistypes shapes (`“Yes,“ he said`)."""
    mark = text[start:end]
    prev = text[start - 1] if start > 0 else " "
    nxt = text[end] if end < len(text) else " "
    can_open = (prev in OPEN_CONTEXT or prev in "“\"'‘«") and not nxt.isspace()
    can_close = not prev.isspace() and (nxt in CLOSE_CONTEXT or nxt in "”\"'’»")
    if mark in OPENERS:
        return "close" if can_close and not can_open else "open"
    if mark in CLOSERS:
        return "open" if can_open and not can_close else "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# The longest attribution clause taken to interrupt a quote (`, he added in a
# statement,`); a longer stretch between commas is the writer's own sentence.
INTERRUPTION_MAX = 40


def _before_interruption(text: str, start: int, end: int) -> int | None:
    """Where a quote opened at `start` ends, if text[start:end] closes with an
    attribution clause set off by commas (`…, he added, `); None otherwise."""
    stripped_end = end
    while stripped_end > start and text[stripped_end - 1].isspace():  # not text[:end].rstrip(): linear
        stripped_end -= 1
    if stripped_end <= start or text[stripped_end - 1] != ",":
        return None
    comma = text.rfind(",", max(start, stripped_end - INTERRUPTION_MAX), stripped_end - 1)
    if comma <= start or ATTRIBUTION_FOLLOWS_RE.match(text, comma, stripped_end) is None:
        return None
    return comma + 1


def _reopens_after_sentence(text: str, start: int, mark: int) -> bool:
    """Whether the same opening mark at `mark`, inside a quote opened at `start`,
    follows a whole sentence of that quote and a space: the next paragraph's opening
    mark. A mark with a space after it (`“Yes,“ said Lee`) opened no quote."""
    before = text[start:mark]
    return (
        len(before) > 20
        and not before[0].isspace()
        and before[-1].isspace()
        and SENTENCE_STOP_RE.search(before.rstrip()) is not None
    )


def _double_spans(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    opened: re.Match[str] | None = None
    for match in DOUBLE_MARK_RE.finditer(text):
        role = _mark_role(text, match.start(), match.end())
        if opened is None:
            if role != "close":
                opened = match
            continue
        if role == "open":
            # A second opening mark: either the earlier one opened no quote, or its
            # closing mark was left out before an attribution (`"The bridge will
            # hold, he added, "but not for long."`): then the first quote ends at that clause.
            interrupted = _before_interruption(text, opened.end(), match.start())
            if interrupted is not None:
                start, end = _trimmed(text, opened.end(), interrupted)
                if end > start:
                    spans.append(QuoteSpan(start=start, end=end, mark=opened.group()))
            elif match.group() == opened.group() and _reopens_after_sentence(text, opened.end(), match.start()):
                # the paragraph break was lost: the first quote ran on to here, unclosed
                start, end = _trimmed(text, opened.end(), match.start())
                spans.append(QuoteSpan(start=start, end=end, mark=opened.group(), open_ended=True))
            opened = match
            continue
        start, end = _trimmed(text, opened.end(), match.start())
        if end > start:
            spans.append(QuoteSpan(start=start, end=end, mark=opened.group()))
        opened = None
    if opened is not None:
        start, end = _trimmed(text, opened.end(), len(text))
        if end > start:
            spans.append(QuoteSpan(start=start, end=end, mark=opened.group(), open_ended=True))
    return spans


def _clause_word_at(text: str, pos: int) -> bool:
    match = PLAIN_WORD_RE.match(text, pos)
    return match is not None and match.group() in CLAUSE_WORDS


def _single_spans(text: str, taken: list[QuoteSpan], *, straight: bool = False) -> list[QuoteSpan]:
    """‘Single’ curly quotes used as quotation marks, outside any double-quoted span;
    with straight, 'straight' single marks too. A mark followed by a letter is an
    apostrophe; one after a plural s and before a lower-case word is a possessive
    (Appeals’ ruling)."""
    # taken is in text order, so one forward-moving index finds the span a mark is in.
    inside = sorted((s.start - len(s.mark), s.end + len(s.mark)) for s in taken)
    next_inside = 0
    spans: list[QuoteSpan] = []
    opened: int | None = None
    for match in (STRAIGHT_SINGLE_MARK_RE if straight else SINGLE_MARK_RE).finditer(text):
        pos = match.start()
        while next_inside < len(inside) and inside[next_inside][1] <= pos:
            next_inside += 1
        if next_inside < len(inside) and inside[next_inside][0] <= pos:
            continue
        prev = text[pos - 1] if pos > 0 else " "
        nxt = text[pos + 1] if pos + 1 < len(text) else " "
        mark = match.group()
        can_open = (prev in OPEN_CONTEXT or prev in '“"') and not nxt.isspace()
        if mark == "‘" or (mark == "'" and can_open):
            if can_open and (mark != "'" or ELISION_RE.match(text, pos) is None):
                if opened is not None and text[opened] == mark and _reopens_after_sentence(text, opened + 1, pos):
                    # the paragraph break was lost: the first quote ran on to here, unclosed
                    start, end = _trimmed(text, opened + 1, pos)
                    spans.append(QuoteSpan(start=start, end=end, mark=text[opened], open_ended=True))
                opened = pos
            continue
        if opened is None or nxt.isalnum() or prev.isspace():
            continue
        if prev in "sS" and nxt == " " and text[pos + 2 : pos + 3].islower() and not _clause_word_at(text, pos + 2):
            continue
        start, end = _trimmed(text, opened + 1, pos)
        if end > start:
            spans.append(QuoteSpan(start=start, end=end, mark=text[opened]))
        opened = None
    if opened is not None:
        spans.extend(_single_open_at_end(text, opened, spans))
    return spans


def _single_open_at_end(text: str, opened: int, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """A single mark still open at the paragraph's end quotes to its end when it opens
    the paragraph, or when it is the last of a run of lost paragraph breaks."""
    if opened != 0 and not (spans and spans[-1].open_ended and spans[-1].end <= opened):
        return []
    start, end = _trimmed(text, opened + 1, len(text))
    return [QuoteSpan(start=start, end=end, mark=text[opened], open_ended=True)] if end > start else []


# How far around a quote its sentence is read: enough for any sentence, and it keeps
# the work per quote bounded however long the paragraph is. The words just before
# and after a quote need far less.
CONTEXT_WINDOW = 600
NEAR_WINDOW = 120


def _is_title_case_line(text: str) -> bool:
    """Title Case lines ("Trump Claims ‘The Shackles’ Are Off") are headlines, not reporting."""
    words = [w for w in WORD_RE.findall(text) if w[0].isalpha()]
    if len(words) < 4:
        return False
    capitalised = sum(w[0].isupper() for w in words if len(w) > 3)
    long_words = sum(len(w) > 3 for w in words)
    return long_words > 0 and capitalised >= 0.8 * long_words


class QuoteContext:
    """Where a paragraph's sentence ends and speech verbs (and "according to") are,
    each found in one pass the first time a quote asks: a paragraph dense with quotes
    is still read once, not once per quote."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._speech: tuple[list[int], list[int]] | None = None
        self._reporting: list[int] = []  # starts of the speech words that are REPORTING_VERBS
        self._sentence_ends: tuple[list[int], list[int]] | None = None

    def _find_speech(self) -> tuple[list[int], list[int]]:
        starts: list[int] = []
        ends: list[int] = []
        text = self.text
        for match in PLAIN_WORD_RE.finditer(text):
            word = match.group().lower()
            end = match.end()
            if word == "according" and text[end : end + 3].lower() == " to" and not text[end + 3 : end + 4].isalnum():
                end += 3
            elif word not in SPEECH_VERBS:
                continue
            elif word in REPORTING_VERBS:
                self._reporting.append(match.start())
            starts.append(match.start())
            ends.append(end)
        self._speech = starts, ends
        return self._speech

    def speech_within(self, start: int, end: int) -> bool:
        """Whether a speech word lies wholly inside text[start:end]."""
        starts, ends = self._speech or self._find_speech()
        index = bisect_left(starts, start)
        return index < len(starts) and ends[index] <= end

    def reporting_before(self, start: int, end: int) -> bool:
        """Whether a reporting verb ("said", "warned") starts in text[start:end]."""
        if self._speech is None:
            self._find_speech()
        index = bisect_left(self._reporting, start)
        return index < len(self._reporting) and self._reporting[index] < end

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """The sentence holding text[start:end], at most CONTEXT_WINDOW either side."""
        if self._sentence_ends is None:
            matches = list(SENTENCE_END_RE.finditer(self.text))
            self._sentence_ends = [m.start() for m in matches], [m.end() for m in matches]
        starts, ends = self._sentence_ends
        left = max(0, start - CONTEXT_WINDOW)
        # the last sentence end before the quote (its lookahead inside text[:start])...
        index = bisect_left(ends, start) - 1
        if index >= 0 and starts[index] >= left:
            left = ends[index]
        # ...and the first one after it
        index = bisect_left(starts, end)
        if index < len(starts) and ends[index] < end + CONTEXT_WINDOW:
            return left, starts[index] + 1
        return left, min(len(self.text), end + CONTEXT_WINDOW)


def _is_nickname(words: list[str], before: str, after: str) -> bool:
    """Marcia "Cia" Price, Robert C. "Bobby" Scott: one or two capitalised words
    between parts of a name."""
    return (
        len(words) <= 2
        and all(w[0].isupper() for w in words)
        and (before[-1:].isalpha() or INITIAL_END_RE.search(before) is not None)
        and before.split()[-1][0].isupper()
        and after[:1].isupper()
    )


def is_nickname(text: str, span: QuoteSpan) -> bool:
    """Whether a quoted span is a nickname inside a name, which the name reads through."""
    if span.open_ended:
        return False
    opening = span.start - len(span.mark)
    after_start = span.end + len(span.mark)
    words = WORD_RE.findall(text[span.start : span.end])
    return _is_nickname(
        words, text[max(0, opening - 40) : opening].rstrip(), text[after_start : after_start + 4].lstrip()
    )


def is_quotation(text: str, span: QuoteSpan, *, context: QuoteContext | None = None) -> bool:
    """Tell a quotation from a scare quote, nickname or title of a work. `context`
    shares one QuoteContext of text among the quotes of a paragraph."""
    quoted = text[span.start : span.end]
    words = WORD_RE.findall(quoted)
    if not words or not any(ch.isalnum() for ch in quoted):
        return False  # `“…”`, `"!"`, `“—”`: marks around punctuation quote nobody
    if STAGE_DIRECTION_RE.fullmatch(quoted.strip()):
        return False  # a transcript's `"(CROSSTALK.)`: what happened, not what was said
    if span.open_ended:
        return True
    opening = span.start - len(span.mark)
    before = text[max(0, opening - NEAR_WINDOW) : opening].rstrip()
    if is_title_case(quoted) and WORK_INTRO_RE.search(before, max(0, len(before) - 24)):
        # `his 2002 book, “Make Your Kid a Millionaire,” Lee suggested`: a title,
        # even when a speech verb follows it
        return False
    if len(words) > 6:
        return True
    after_start = span.end + (0 if span.open_ended else len(span.mark))
    after = text[after_start : after_start + NEAR_WINDOW].lstrip()
    if _is_nickname(words, before, after):
        return False
    stripped = quoted.rstrip()
    if _speech_marks_it(words, stripped, before, after):
        return True
    last_word_before = before.rsplit(None, 1)[-1].lower() if before else ""
    if last_word_before in SCARE_PRECEDERS and len(words) <= 2 and stripped[-1:] not in ".,!?":
        context = context if context is not None else QuoteContext(text)
        if last_word_before != "the" or not context.reporting_before(
            context.sentence_around(span.start, span.end)[0], opening
        ):
            return False  # "the “reform”", "so-called “experts”", but not "she said the “loose talk” …"
    if CALLED_PERSON_RE.search(before, max(0, len(before) - 60)):
        return True
    title_case = is_title_case(quoted)
    if (
        title_case
        and len(words) <= 2
        and COMPLEMENT_INTRO_RE.search(before, max(0, len(before) - 8))
        and (stripped[-1:] in ".,!?" or after[:1] in ".,;:!?)—–")
    ):
        # `said the coach was “Brazilian.”`, `refers to him as “Mr. Lowe,”`: what
        # someone called a person, closing its phrase; a title used as a modifier
        # runs on into its noun (`a “Lakers” cap`)
        return True
    if title_case:
        # A title of a work, a show or a slogan: not a quotation unless attributed.
        return False
    return _fragment_is_quotation(text, span, words, before, context)


def _speech_marks_it(words: list[str], stripped: str, before: str, after: str) -> bool:
    """Whether the words around a quote make it speech: an attribution right after it,
    a sentence of its own, a speech verb and its comma or colon right before it, or
    "what critics call"."""
    if ATTRIBUTION_FOLLOWS_RE.match(after):
        return True
    if stripped[-1:] in ".!?" and words[0][0].isupper() and (not before or before[-1] in ".!?:”\"'"):
        return True  # a sentence of its own: `“First,” she said. “Second.”`
    if before[-1:] in ",:" and SPEECH_OPENS_RE.search(before, max(0, len(before) - 16)):
        return True
    return WHAT_THEY_CALL_RE.search(before, max(0, len(before) - 80)) is not None


def _fragment_is_quotation(
    text: str, span: QuoteSpan, words: list[str], before: str, context: QuoteContext | None
) -> bool:
    """A short lower-case fragment is someone's words when "as" introduces it, when it
    speaks in the first or second person, when it ends a sentence of its own, or when
    a speech verb sits in its sentence."""
    quoted = text[span.start : span.end]
    if AS_INTRO_RE.search(before, max(0, len(before) - 8)):
        return True
    if len(words) > 2 and any(w.lower().split("’")[0].split("'")[0] in SPEAKER_PRONOUNS for w in words):
        return True  # `said CNN “doesn’t treat me fairly”`: the writer never says "me" or "we"
    # A quote that ends a sentence of its own is a quotation whatever its length.
    if quoted.rstrip()[-1:] in "!?" or (quoted.rstrip()[-1:] in ".," and len(words) > 3):
        return True
    context = context if context is not None else QuoteContext(text)
    sent_start, sent_end = context.sentence_around(span.start, span.end)
    has_speech = context.speech_within(sent_start, span.start) or context.speech_within(span.end, sent_end)
    if len(words) <= 2 and not has_speech:
        return False
    return has_speech or bool(QUOTE_INTRO_RE.search(before, max(0, len(before) - 12))) and len(words) > 3


def quotation_flags(text: str, spans: list[QuoteSpan]) -> list[bool]:
    """is_quotation for each span, then a fragment coordinated with a quotation
    (`a “rogue state” and a “menace”`) is one too."""
    context = QuoteContext(text)
    flags = [is_quotation(text, span, context=context) for span in spans]
    for index in range(1, len(spans)):
        if flags[index] or not flags[index - 1] or is_title_case(text[spans[index].start : spans[index].end]):
            continue
        previous, span = spans[index - 1], spans[index]
        between = text[previous.end + (0 if previous.open_ended else 1) : span.start - len(span.mark)]
        if COORDINATED_RE.match(between.strip(" \u00a0\"'’”")):
            flags[index] = True
    return flags


def is_title_case(quoted: str) -> bool:
    """Whether the first word and every other but the short function words a title
    leaves in lower case are capitalised: the title of a work, a show or a slogan
    ("Make America Great Again", "War of the Worlds"), not a sentence ("Go Donald
    Trump, go!")."""
    words = WORD_RE.findall(quoted)
    return bool(words) and words[0][0].isupper() and all(w[0].isupper() or w in TITLE_SMALL_WORDS for w in words)


# Double marks other than doubled apostrophes, and a straight single mark opening a quote.
PLAIN_DOUBLE_MARK_RE = re.compile(r"``|[“”\"«»„‟]")
STRAIGHT_SINGLE_OPEN_RE = re.compile(r"(?:^|(?<=[\s(:]))'(?=[A-Za-z])")


def quotes_with_double_marks(texts: list[str]) -> bool:
    """Whether text quotes with double marks. Doubled apostrophes (''…'') count only
    where they outnumber straight single marks that open a quote: in copy set with
    'single' marks, ''…'' is a quote inside a quote."""
    doubled = 0
    for text in texts:
        if PLAIN_DOUBLE_MARK_RE.search(text):
            return True
        doubled += text.count("''")
    if not doubled:
        return False
    return doubled // 2 > sum(len(STRAIGHT_SINGLE_OPEN_RE.findall(text)) for text in texts)


def paired_spans(paragraph: str, *, double_marks: bool | None = None) -> list[QuoteSpan]:
    """Every stretch between paired marks (and an open one at the end), headlines aside.

    double_marks says whether the article quotes with double marks (by default,
    whether this paragraph has any): single marks then quote only where a paragraph
    opens with one.
    """
    spans = _double_spans(paragraph)
    if double_marks is None:
        double_marks = quotes_with_double_marks([paragraph])
    if paragraph.lstrip()[:1] == "‘" or not double_marks:
        # Single marks quote where they are the article's own marks, as in British
        # style (‘We are ready,’ the envoy said; Lee said: ‘We are ready.’), straight
        # ones too. In an article that quotes with double marks they mark a quote
        # inside a quote, one that runs on from an earlier paragraph (she asked him,
        # ‘Why now?’) too.
        spans += _single_spans(paragraph, spans, straight=not double_marks)
    spans.sort(key=lambda s: (s.start, -s.end))
    if len(spans) > 1:
        # Marks nested in stray marks (‘“‘“x”’”’) pair both ways: keep the outer span only.
        kept: list[QuoteSpan] = []
        for span in spans:
            if kept and span.start < kept[-1].end + len(span.mark):
                continue
            kept.append(span)
        spans = kept
    if _is_title_case_line(paragraph) and not any(s.open_ended for s in spans):
        return []
    return spans


# What a stretch between paired marks is, as far as the marks and words show.
QUOTATION = "quotation"  # a quotation whatever frames it
IF_FRAMED = "if_framed"  # a quotation only where a speech verb frames it (scare quotes, nicknames do not)
NOT_A_QUOTE = "not_a_quote"  # marks around no word, or a Title Case phrase nobody is said to have said
VERDICTS = (QUOTATION, IF_FRAMED, NOT_A_QUOTE)


@dataclass(frozen=True, kw_only=True)
class MarkedSpans:
    """Every stretch of a paragraph between paired marks, nicknames aside, with a
    verdict for each. Attribution reads all of them (their marks bound its tokens) and
    attributes the quotations, and those IF_FRAMED that a speech verb frames."""

    spans: tuple[QuoteSpan, ...]
    verdicts: tuple[str, ...]


def find_quotes(paragraphs: Sequence[str]) -> list[MarkedSpans]:
    """The marked spans of each paragraph of an article. The article's marks decide
    whether single marks quote: an article that quotes with double marks uses single
    ones for a quote inside a quote."""
    double_marks = quotes_with_double_marks(list(paragraphs))
    found = []
    for text in paragraphs:
        # A nickname (Marcia "Cia" Price) is part of the name around it, not a quote.
        spans = tuple(span for span in paired_spans(text, double_marks=double_marks) if not is_nickname(text, span))
        verdicts = tuple(
            QUOTATION if quotation else _unsure_verdict(text[span.start : span.end])
            for span, quotation in zip(spans, quotation_flags(text, list(spans)))
        )
        found.append(MarkedSpans(spans=spans, verdicts=verdicts))
    return found


def _unsure_verdict(quoted: str) -> str:
    if not any(ch.isalnum() for ch in quoted) or is_title_case(quoted):
        return NOT_A_QUOTE
    return IF_FRAMED


def quote_spans(paragraph: str) -> list[QuoteSpan]:
    """The direct quotes of one paragraph, in order. A quote still open at the end of
    the paragraph is open_ended and runs to the paragraph's end."""
    spans = paired_spans(paragraph)
    return [s for s, keep in zip(spans, quotation_flags(paragraph, spans)) if keep]
