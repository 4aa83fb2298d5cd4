"""Header metadata from the top of a plain-text article (section label,
headline, standfirst, byline, photo credit, date) and the helpers that turn
hints into clean values: dates to ISO, author strings to names, a readable
title derived from the lead when the text has no headline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from archive.ingest.text import is_boilerplate, photo_credit

# How far down the byline block may run, in lines.
_MAX_BYLINE_LINES = 6
_MAX_STANDFIRST = 500
_MAX_HEADLINE = 160
_TITLE_LIMIT = 90

_WORD = re.compile(r"\S+")
# Headlines may end with "?", "!" or a closing quote, never with a full stop or a comma.
_NOT_A_HEADLINE_END = re.compile(r"[.,;:]$")
_SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*$|[”\"]$")
_SECTION_SEPARATORS = re.compile(r"\s*[|›»>/]\s*")
_SECTION_WORD = re.compile(r"(?:[A-Z0-9][\w’'.-]*|&|and|of|the|in|on)")

# A line that is only a person's name: 2-5 capitalised tokens with particles.
_NAME = (
    r"(?:[A-Z][\w’'-]*\.?|[A-Z]\.)(?:\s+(?:(?:de|del|de la|da|dos|van|von|der|den|bin|al|ibn|le|la|di)\s+)?"
    r"(?:[A-Z][\w’'-]*\.?|[A-Z]\.|al-[A-Z][\w’'-]*)){1,4}"
)
_NAMES = rf"{_NAME}(?:(?:,\s*|\s+(?:and|&)\s+){_NAME})*"
_NAME_LINE = re.compile(_NAMES)
# "By Jane Roe", "By Jane Roe and John Doe, Reuters", "Words by Jane Roe"; not "By early 2005".
_BYLINE = re.compile(
    rf"(?i:(?:words|story|text|reporting) )?(?i:by):?\s+(?P<names>{_NAMES}(?:\s*[,|–—-]\s*[\w .’'&-]{{1,40}})?)"
)
_FOLD_QUOTES = str.maketrans("‘’“”", "''\"\"")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*")
_AUTHOR_TAIL = re.compile(
    r"\s*(?:[,|–—-]\s*)?(?:for |of )?(?:reuters|ap|afp|the associated press|associated press|cnn|bbc news"
    r"|staff writer|correspondent|reporter|in [A-Z][\w ]{0,30})$",
    re.IGNORECASE,
)

# Dates: ISO, "12 March 2024", "March 12, 2024", "Mar. 12 2024", "2024/03/12".
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_ISO_DATE = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?![\d])")
_DAY_MONTH_YEAR = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})", re.IGNORECASE
)
_MONTH_DAY_YEAR = re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})", re.IGNORECASE)
# A header line that is only a date, perhaps labelled and with a time.
_DATE_LINE = re.compile(
    r"(?:(?:published|posted|updated|last updated|first published)(?: on)?:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    + re.sub(r"\(\?P<\w+>", "(?:", rf"(?:{_ISO_DATE.pattern}|{_DAY_MONTH_YEAR.pattern}|{_MONTH_DAY_YEAR.pattern})")
    + r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?)?\.?",
    re.IGNORECASE,
)

# Sentence ends for the derived title; skip initials and common abbreviations.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"’]?\s+(?=[“\"‘A-Z])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Col|Lt|Sgt|Capt|Prof|Jr|Sr|Inc|Co|Corp|No|U\.S|U\.K|U\.N|"
    r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec))\.[”\"’]?$"
)


@dataclass(frozen=True, kw_only=True)
class Header:
    """What the top of an article says about itself, and where its body starts."""

    section: str = ""
    title: str = ""
    standfirst: str = ""
    authors: tuple[str, ...] = ()
    photo_credit: str = ""
    published: str | None = None
    names: tuple[str, ...] = ()  # name-only lines, before they are told apart
    body_start: int = 0  # index of the first body paragraph after the header


def parse_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from common written forms, or None."""
    if not value:
        return None
    for pattern in (_ISO_DATE, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(value)
        if not match:
            continue
        month = match.group("month")
        month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
        try:
            return date(int(match.group("year")), month_number or 0, int(match.group("day"))).isoformat()
        except ValueError:
            continue
    return None


def split_authors(value: str) -> tuple[str, ...]:
    """Names from a byline string: "By Jane Roe and John Doe, Reuters" -> ("Jane Roe", "John Doe")."""
    match = _BYLINE.fullmatch(value.strip())
    text = match.group("names") if match else value.strip()
    text = _AUTHOR_TAIL.sub("", text)
    names = []
    for part in _AUTHOR_SPLIT.split(text):
        part = _AUTHOR_TAIL.sub("", part.strip(" .")).strip(" .")
        if part and part not in names:
            names.append(part)
    return tuple(names)


def _fold(text: str) -> str:
    return " ".join(text.translate(_FOLD_QUOTES).casefold().split())


def _is_headline(paragraph: str) -> bool:
    words = len(_WORD.findall(paragraph))
    return (
        2 <= words <= 30
        and len(paragraph) <= _MAX_HEADLINE
        and not _NOT_A_HEADLINE_END.search(paragraph)
        and not _BYLINE.fullmatch(paragraph)
        and not is_boilerplate(paragraph)
        and parse_date(paragraph) is None
    )


def _is_section_label(paragraph: str) -> bool:
    if len(paragraph) > 40 or _NOT_A_HEADLINE_END.search(paragraph) or is_boilerplate(paragraph):
        return False
    words = [word for part in _SECTION_SEPARATORS.split(paragraph) for word in part.split()]
    return 1 <= len(words) <= 4 and all(_SECTION_WORD.fullmatch(word) for word in words)


def _is_prose(paragraph: str) -> bool:
    return bool(_SENTENCE_END.search(paragraph)) and len(paragraph) <= _MAX_STANDFIRST


def _is_date_line(paragraph: str) -> bool:
    return len(paragraph) <= 60 and bool(_DATE_LINE.fullmatch(paragraph)) and parse_date(paragraph) is not None


def _is_byline_block_line(paragraph: str) -> bool:
    return (
        bool(_BYLINE.fullmatch(paragraph) and len(paragraph) <= 160)
        or photo_credit(paragraph) is not None
        or bool(_NAME_LINE.fullmatch(paragraph))
        or _is_date_line(paragraph)
    )


def read_header(paragraphs: Sequence[str], *, title_hint: str | None = None) -> Header:
    """Section label, headline, standfirst and byline block at the top of the
    paragraphs. The standfirst is only recognised with a cue (printed twice,
    or followed by a byline or credit), since otherwise it is the lead."""
    section, title, index = _headline(paragraphs)
    standfirst, index = _standfirst(paragraphs, index) if title else ("", index)
    # With a title hint the text usually starts with the body: a short first
    # line is only the headline when it agrees with the hint or has a cue.
    if title and title_hint and not standfirst and _fold(title_hint) != _fold(title):
        section = title = ""
        index = 0
    block = _byline_block(paragraphs, index, after_header=bool(title or standfirst))
    return Header(section=section, title=title, standfirst=standfirst, **block)


def _headline(paragraphs: Sequence[str]) -> tuple[str, str, int]:
    """(section label, headline, where what follows starts); empty strings when absent."""
    count = len(paragraphs)
    if count >= 3 and _is_section_label(paragraphs[0]) and _is_headline(paragraphs[1]):
        return paragraphs[0], paragraphs[1], 2
    if count >= 2 and _is_headline(paragraphs[0]) and not _NAME_LINE.fullmatch(paragraphs[0]):
        return "", paragraphs[0], 1
    return "", "", 0


def _standfirst(paragraphs: Sequence[str], index: int) -> tuple[str, int]:
    """The standfirst under a headline, when printed twice or followed by a byline or credit."""
    count = len(paragraphs)
    if index >= count or not _is_prose(paragraphs[index]):
        return "", index
    after = index + 1
    while after < count and paragraphs[after] == paragraphs[index]:
        after += 1
    if after > index + 1 or (after < count and _is_byline_block_line(paragraphs[after])):
        return paragraphs[index], after
    return "", index


def _byline_block(paragraphs: Sequence[str], index: int, *, after_header: bool) -> dict:
    """Bylines, a photo credit, name-only lines and a date line from `index` on;
    name-only lines count only under a headline or standfirst."""
    authors: list[str] = []
    names: list[str] = []
    credit = ""
    published = None
    block_end = min(len(paragraphs), index + _MAX_BYLINE_LINES)
    while index < block_end:
        line = paragraphs[index]
        if _BYLINE.fullmatch(line) and len(line) <= 160:
            authors.extend(split_authors(line))
        elif (line_credit := photo_credit(line)) is not None:
            credit = credit or line_credit
        elif after_header and _NAME_LINE.fullmatch(line):
            names.extend(split_authors(line))
        elif published is None and _is_date_line(line):
            published = parse_date(line)
        elif not is_boilerplate(line) or len(line) > 60:
            break
        index += 1
    # Name-only lines: the first of several, or the one beside an explicit
    # byline, sits where the picture's credit goes, right under the standfirst.
    if names and not credit and (authors or len(names) > 1):
        credit, names = names[0], names[1:]
    authors.extend(name for name in names if name not in authors)
    return {
        "authors": tuple(authors),
        "photo_credit": credit,
        "published": published,
        "names": tuple(names),
        "body_start": index,
    }


def derive_title(lead: str, *, limit: int = _TITLE_LIMIT) -> str:
    """A readable title from the lead paragraph: its first sentence, cut at a
    word boundary with an ellipsis when longer than `limit` characters."""
    sentence = lead.strip()
    for match in _SENTENCE_BREAK.finditer(sentence):
        if not _ABBREVIATION.search(sentence, 0, match.start()):
            sentence = sentence[: match.start()]
            break
    sentence = sentence.rstrip(" .")
    if len(sentence) <= limit:
        return sentence
    cut = sentence.rfind(" ", 0, limit + 1)
    return sentence[: cut if cut > limit // 2 else limit].rstrip(" ,;:–—-") + "…"
