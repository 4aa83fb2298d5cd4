"""Escalation coding of stored quotes, with the default lexicon and the editors' terms.

A quote is coded among the other quotes of its article, as ingest codes it
(archive.ingest.escalation.code_quotes). Codes an editor set (`codes_corrected`)
are never coded again.
"""

from __future__ import annotations

from itertools import groupby

from django.core.exceptions import ValidationError

from ..ingest.escalation import Escalation, Lexicon, code_quotes, slug_of
from ..models import EscalationTerm, Quote

CODE_FIELDS = ["act", "weapons", "targets", "conditional", "act_confidence"]


def escalation_lexicon() -> Lexicon:
    """The default lexicon extended by the editors' terms."""
    return Lexicon(term.as_term() for term in EscalationTerm.objects.all())


def apply_code(quote: Quote, coded: Escalation) -> Quote:
    """Set a quote's codes from the coder (not saved); an editor's codes stay."""
    if not quote.codes_corrected:
        quote.act, quote.weapons, quote.targets = coded.act, list(coded.weapons), list(coded.targets)
        quote.conditional, quote.act_confidence = coded.conditional, coded.confidence
    return quote


def code_escalation(quote: Quote, *, lexicon: Lexicon) -> Quote:
    """Code one held quote among its article's other quotes (not saved)."""
    others = [held for held in Quote.all_objects.filter(article_id=quote.article_id) if held.pk != quote.pk]
    quotes = sorted([*others, quote], key=lambda held: (held.start, held.end))
    coded = code_quotes(quote.article.body, quotes, lexicon=lexicon)
    return apply_code(quote, coded[quotes.index(quote)])


def coding_reasons(quote: Quote, *, lexicon: Lexicon | None = None) -> list[tuple[str, str, str]]:
    """Why the coder codes a held quote as it does: (act, weight, the row's example or term) per row matched."""
    lexicon = lexicon or escalation_lexicon()
    quotes = sorted(Quote.all_objects.filter(article_id=quote.article_id), key=lambda held: (held.start, held.end))
    index = next(i for i, held in enumerate(quotes) if held.pk == quote.pk)
    return [
        (act, f"{weight:+.2f}", getattr(origin, "example", None) or str(origin))
        for act, weight, origin in lexicon.explain(quote.article.body, quotes, index)
    ]


def recode_escalation(quotes=None, *, lexicon: Lexicon | None = None, batch_size: int = 500):
    """Code (again) every quote, or those given, with the current lexicon, each among the
    quotes of its article; an editor's codes stay. Returns the ids of articles whose quotes
    changed, for reindexing; the caller indexes."""
    lexicon = lexicon or escalation_lexicon()
    quotes = Quote.all_objects.all() if quotes is None else quotes
    changed, batch = set(), []
    held = (
        quotes.select_related("article")
        .only("id", "start", "end", "cue", "codes_corrected", "article_id", "article__body", *CODE_FIELDS)
        .order_by("article_id", "start", "end")
        .iterator(chunk_size=batch_size)
    )
    for article_id, group in groupby(held, key=lambda quote: quote.article_id):
        article_quotes = list(group)
        for quote, coded in zip(
            article_quotes, code_quotes(article_quotes[0].article.body, article_quotes, lexicon=lexicon)
        ):
            before = [getattr(quote, field) for field in CODE_FIELDS]
            apply_code(quote, coded)
            if [getattr(quote, field) for field in CODE_FIELDS] != before:
                batch.append(quote)
                changed.add(article_id)
        if len(batch) >= batch_size:
            Quote.all_objects.bulk_update(batch, CODE_FIELDS)
            batch = []
    if batch:
        Quote.all_objects.bulk_update(batch, CODE_FIELDS)
    return changed


def term_slugs(kind: str, entries, *, lexicon: Lexicon | None = None) -> list[str]:
    """An editor's weapons or targets ("Storm Shadow, nato") as the lexicon's slugs, in order.

    Names and slugs of the default lexicon and of the editors' terms are accepted; anything
    else is refused, naming what is unknown, so a filter on it never silently finds nothing."""
    if isinstance(entries, str):
        entries = entries.split(",")
    lexicon = lexicon or escalation_lexicon()
    known = {slug for term_kind, slug in lexicon.labels if term_kind == kind}
    slugs = [slug_of(str(entry)) for entry in entries if str(entry).strip()]
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise ValidationError(
            f"Unknown {kind}{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
            f"Use the lexicon's names or slugs, or add an escalation term first."
        )
    return list(dict.fromkeys(slugs))
