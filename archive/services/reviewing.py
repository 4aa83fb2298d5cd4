"""Editors' review of an article's quotes: accept, reject, make a quote of words, move its ends.

Spans are offsets into the clean body; an editor chooses words, never types numbers, and
every change is stored by editing.save_quote, which keeps in one place what marks a quote
corrected, how its codes are kept and how the index follows.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from ..ingest.records import SpeakerRecord
from ..models import Article, Quote, Speaker
from .editing import save_quote
from .speakers import ArchiveLookups

OPENING_MARKS = "“\"‘«„‹'"
CLOSING_MARKS = "”\"’»“›'"
# Punctuation a quote keeps when it ends inside the marks: “We will answer,” he said.
INNER_PUNCTUATION = ".,;:!?…"
WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


def accept_quote(quote: Quote, *, editor) -> Quote:
    """The editor read the quote and agrees with it as it stands: it leaves the review queue."""
    _mark_reviewed(quote, editor)
    quote.save(update_fields=["reviewed_at", "reviewed_by"])
    return quote


def reject_quote(quote: Quote, *, editor) -> Quote:
    """Not a quote: it leaves the public pages, the API and the index, and stays here to restore."""
    quote.rejected = True
    _mark_reviewed(quote, editor)
    return save_quote(quote, changed=["rejected"])


def restore_quote(quote: Quote, *, editor) -> Quote:
    """A rejected span is a quote after all."""
    quote.rejected = False
    _mark_reviewed(quote, editor)
    return save_quote(quote, changed=["rejected"])


def add_quote(article: Article, *, start: int, end: int, editor, speaker: Speaker | None = None) -> Quote:
    """Make a quote of words the extractor missed; the editor's own, so already reviewed."""
    start, end = quote_span(article.body, start, end)
    quote = Quote(
        article=article,
        start=start,
        end=end,
        speaker=speaker,
        attribution=Quote.Attribution.NAMED if speaker else Quote.Attribution.UNATTRIBUTED,
    )
    _mark_reviewed(quote, editor)
    return save_quote(quote)


def move_quote(quote: Quote, *, start: int, end: int) -> Quote:
    """Put a quote's ends on other words of its article."""
    quote.start, quote.end = quote_span(quote.article.body, start, end)
    return save_quote(quote, changed=["start", "end"])


def nudge_quote(quote: Quote, *, edge: str, step: int) -> Quote:
    """Move one end of a quote by a word: `edge` "start" or "end", `step` -1 (earlier) or 1 (later)."""
    start, end = nudged_span(quote.article.body, quote.start, quote.end, edge=edge, step=step)
    return move_quote(quote, start=start, end=end)


def set_speaker(quote: Quote, speaker: Speaker | None) -> Quote:
    """Give the quote to a speaker, or to no one (then it is unattributed)."""
    quote.speaker = speaker
    changed = ["speaker"]
    if speaker is None:
        quote.attribution, quote.source_description = Quote.Attribution.UNATTRIBUTED, ""
        changed.append("attribution")
    return save_quote(quote, changed=changed)


def new_speaker(name: str) -> Speaker:
    """The speaker an editor names for a quote: the one the archive knows by that name (in
    any spelling ingestion would match), else a new one."""
    return ArchiveLookups().speaker(SpeakerRecord(name=name.strip(), kind="person"), None)


def quote_span(body: str, start, end) -> tuple[int, int]:
    """The span an editor chose, checked, without the spaces and quotation marks around it,
    and with the punctuation that ends it inside the closing mark ("…with force,”)."""
    if not isinstance(start, int) or not isinstance(end, int) or not (0 <= start < end <= len(body)):
        raise ValidationError(
            f"The span {start}–{end} is not a stretch of this article's text (0–{len(body)}): choose words in the text."
        )
    opened = False
    while start < end and (body[start].isspace() or body[start] in OPENING_MARKS):
        opened = opened or not body[start].isspace()
        start += 1
    while end > start and (body[end - 1].isspace() or (body[end - 1] in CLOSING_MARKS and _closes(body, end - 1))):
        end -= 1
    if not any(ch.isalnum() for ch in body[start:end]):
        raise ValidationError("Choose words: the span holds no letters or digits.")
    stop = end
    while stop < len(body) and body[stop] in INNER_PUNCTUATION:
        stop += 1
    if stop > end and stop < len(body) and body[stop] in CLOSING_MARKS:
        end = stop
    return start, end


def _closes(body: str, index: int) -> bool:
    """A closing mark, not an apostrophe inside a word (Kremlin’s)."""
    return not (index + 1 < len(body) and body[index + 1].isalnum() and index > 0 and body[index - 1].isalnum())


def nudged_span(body: str, start: int, end: int, *, edge: str, step: int) -> tuple[int, int]:
    """The span with one end moved to the next or previous word; a quote keeps at least one word."""
    if edge not in ("start", "end") or step not in (-1, 1):
        raise ValidationError("Move the start or the end, one word earlier or later.")
    words = [match.span() for match in WORD.finditer(body)]
    if edge == "start":
        if step < 0:
            before = [s for s, _ in words if s < start]
            start = before[-1] if before else start
        else:
            inside = [s for s, e in words if s > start and e <= end]
            start = inside[0] if inside else start
    elif step > 0:
        after = [e for _, e in words if e > end]
        end = after[0] if after else end
    else:
        inside = [e for s, e in words if e < end and s >= start]
        inside = [e for e in inside if e < end - _trailing_punctuation(body, end)]
        end = inside[-1] if inside else end
    return start, end


def _trailing_punctuation(body: str, end: int) -> int:
    n = 0
    while end - n - 1 >= 0 and body[end - n - 1] in INNER_PUNCTUATION:
        n += 1
    return n


def _mark_reviewed(quote: Quote, editor) -> None:
    quote.reviewed_at = timezone.now()
    quote.reviewed_by = editor if editor is not None and editor.is_authenticated else None
