"""Escalation coding of stored quotes, with the default lexicon and the editors' terms."""

from __future__ import annotations

from ..ingest.escalation import Lexicon, code_quote
from ..models import EscalationTerm, Quote


def escalation_lexicon() -> Lexicon:
    """The default lexicon extended by the editors' terms."""
    return Lexicon(term.as_term() for term in EscalationTerm.objects.all())


def code_escalation(quote: Quote, *, lexicon: Lexicon) -> Quote:
    """Set a quote's act, weapons, targets and condition from its words and its sentence (not saved)."""
    body = quote.article.body
    coded = code_quote(
        body[quote.start : quote.end], body=body, start=quote.start, end=quote.end, cue=quote.cue, lexicon=lexicon
    )
    quote.act = coded.act
    quote.weapons = list(coded.weapons)
    quote.targets = list(coded.targets)
    quote.conditional = coded.conditional
    return quote


def recode_escalation(quotes=None, *, lexicon: Lexicon | None = None, batch_size: int = 500):
    """Code (again) every quote, or those given, with the current lexicon. Yields
    the ids of articles whose quotes changed, for reindexing; the caller indexes."""
    lexicon = lexicon or escalation_lexicon()
    quotes = Quote.all_objects.all() if quotes is None else quotes
    fields = ["act", "weapons", "targets", "conditional"]
    changed, batch = set(), []
    for quote in (
        quotes.select_related("article")
        .only("id", "start", "end", "cue", "article_id", "article__body", *fields)
        .iterator(chunk_size=batch_size)
    ):
        before = [getattr(quote, field) for field in fields]
        code_escalation(quote, lexicon=lexicon)
        if [getattr(quote, field) for field in fields] != before:
            batch.append(quote)
            changed.add(quote.article_id)
        if len(batch) >= batch_size:
            Quote.all_objects.bulk_update(batch, fields)
            batch = []
    if batch:
        Quote.all_objects.bulk_update(batch, fields)
    return changed
