"""Editors' writes: corrected quotes, article details, speakers' aliases and roles, deletions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Article, Quote, Speaker, SpeakerRedirect
from .escalation import code_escalation, escalation_lexicon, term_slugs
from .indexing import reindex_after_commit
from .speakers import redirect_slug

# Changing any of these makes a quote the editor's: re-extraction keeps it as it is.
CORRECTED_FIELDS = frozenset({"start", "end", "speaker", "attribution", "source_description"})
# Changing any of these makes the codes the editor's: re-coding and re-extraction keep them.
CODE_FIELDS = frozenset({"act", "weapons", "targets", "conditional"})


def save_quote(quote: Quote, *, changed=(), index: bool = True) -> Quote:
    """Store a quote an editor added, corrected or marked as not a quote (`rejected`).

    An added quote, or a change to its span, speaker or attribution, marks it
    `corrected`. A speaker given to an unattributed quote makes it "named". A change to
    its act, weapons, targets or condition marks its codes `codes_corrected`, sure
    (confidence 1), with weapons and targets as the lexicon's slugs; otherwise an added
    quote or a moved span is coded afresh among the article's quotes. A new, moved or
    restored span that overlaps another shown quote is refused (ValidationError).
    """
    changed = set(changed)
    recode = quote.pk is None or bool({"start", "end"} & changed)
    if quote.pk is None or CORRECTED_FIELDS & changed:
        quote.corrected = True
    if quote.pk is None or {"speaker", "attribution", "source_description"} & changed:
        quote.confidence = 1.0  # an editor's word on who said it
    if (
        "speaker" in changed
        and "attribution" not in changed
        and quote.speaker_id
        and quote.attribution in (Quote.Attribution.UNATTRIBUTED, Quote.Attribution.ANONYMOUS)
    ):
        quote.attribution = Quote.Attribution.NAMED
    with transaction.atomic():
        # clean() checks the span against every quote, rejected ones too; save() sets the text.
        quote.full_clean(exclude=["text"], validate_constraints=False)
        if (recode or "rejected" in changed) and not quote.rejected:
            refuse_overlap(quote)
        _code(quote, changed, recode=recode)
        quote.save()
        if quote.corrected and quote.speaker_id:  # the editor's speaker: resolution keeps it (speakers.py)
            Speaker.objects.filter(pk=quote.speaker_id, confirmed=False).update(confirmed=True)
        if index:
            reindex_after_commit([quote.article_id])
    return quote


def refuse_overlap(quote: Quote) -> None:
    """A word belongs to one quote: a new or moved span overlapping another shown quote is refused."""
    overlapping = (
        Quote.objects.filter(article_id=quote.article_id, start__lt=quote.end, end__gt=quote.start)
        .exclude(pk=quote.pk)
        .order_by("start")
        .first()
    )
    if overlapping is not None:
        raise ValidationError(
            f"These words overlap the quote “{overlapping.text[:80]}”: move its ends or reject it first."
        )


def _code(quote: Quote, changed: set, *, recode: bool) -> None:
    lexicon = escalation_lexicon()
    if CODE_FIELDS & changed:
        quote.weapons = term_slugs("weapon", quote.weapons, lexicon=lexicon)
        quote.targets = term_slugs("target", quote.targets, lexicon=lexicon)
        quote.codes_corrected, quote.act_confidence = True, 1.0
    elif recode:
        quote.text = quote.article.body[quote.start : quote.end]
        code_escalation(quote, lexicon=lexicon)


def delete_quote(quote: Quote, *, index: bool = True) -> None:
    """Delete a quote for good (rejecting it keeps it, to restore)."""
    with transaction.atomic():
        quote.delete()
        if index:
            reindex_after_commit([quote.article_id])


def save_article(article: Article) -> Article:
    """Store an editor's change to an article's details (title, outlet, date...)."""
    with transaction.atomic():
        article.save()
        reindex_after_commit([article.pk])
    return article


def delete_articles(articles) -> None:
    """Delete articles with their quotes, and take them out of the index."""
    with transaction.atomic():
        pks = [article.pk for article in articles]
        Article.objects.filter(pk__in=pks).delete()
        reindex_after_commit(pks)


def save_speaker(speaker: Speaker, *, details=(), deleted=()) -> Speaker:
    """Store an editor's change to a speaker, with aliases and roles (`details`) added
    or changed and others deleted; the index shows the quotes under the new name."""
    with transaction.atomic():
        old_slug = Speaker.objects.filter(pk=speaker.pk).values_list("slug", flat=True).first() if speaker.pk else None
        speaker.confirmed = True  # the editor's speaker: resolution never folds it away (speakers.py)
        speaker.save()
        if old_slug and old_slug != speaker.slug:
            redirect_slug(old_slug, speaker)  # links and citations to the old address keep working
        SpeakerRedirect.objects.filter(old_slug=speaker.slug).delete()  # the slug names a speaker again
        for item in details:
            item.save()  # an alias's or role's matching key follows its name (models)
        for item in deleted:
            item.delete()
        reindex_after_commit(speaker.quotes.values_list("article_id", flat=True).distinct())
    return speaker
