"""What the search index holds: articles and quotes, with whole-value filter fields.

The full-text document of each comes from its template in
templates/search/indexes/archive/. Filters (source, speaker, attribution, act,
group) are ExactFields, untokenized, so they match and facet on whole values;
speakers, weapons and targets are lists of such values (ExactListField).
"""

from django.db.models import Prefetch
from haystack import indexes

from .models import Article, Quote
from .search.fields import ExactField, ExactListField

# A quote's `statement`: "full" for quotes of four words or more (Quote.is_full_statement),
# which "full statements only" keeps; "fragment" for the others.
FULL, FRAGMENT = "full", "fragment"


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", indexed=False)
    article_id = ExactField()
    source = ExactField(null=True)
    speakers = ExactListField()
    published = indexes.DateField(model_attr="published", null=True)
    group = ExactField(null=True)  # near-duplicate articles share it: results show a group once

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        # article.quotes leaves out rejected spans (Quote's default manager), so do their speakers.
        # Speakers joined into the quotes query: prefetching them separately builds an
        # IN list too deep for SQLite on large batches.
        return (
            Article.objects.select_related("source")
            .defer("raw_html")
            .prefetch_related(Prefetch("quotes", queryset=Quote.objects.select_related("speaker")))
        )

    def read_queryset(self, using=None):
        # What a page of results loads: the body for its snippet, not the raw
        # input kept for re-ingest, nor the quotes indexing needs. Unordered: a page
        # is loaded by id (in_bulk), and the models' order only cost its sorting.
        return Article.objects.select_related("source").defer("raw_text", "raw_html").order_by()

    def prepare_article_id(self, article):
        return str(article.pk)

    def prepare_source(self, article):
        return article.source.slug if article.source else None

    def prepare_group(self, article):
        return str(article.group_id) if article.group_id else None

    def prepare_speakers(self, article):
        return sorted({quote.speaker.slug for quote in article.quotes.all() if quote.speaker})


class QuoteIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    article_id = ExactField()
    source = ExactField(null=True)
    speaker = ExactField(null=True)
    attribution = ExactField(model_attr="attribution")
    published = indexes.DateField(null=True)
    act = ExactField(model_attr="shown_act")  # "uncoded" when the coder was unsure: filters never match a guess
    weapons = ExactListField(model_attr="weapons")
    targets = ExactListField(model_attr="targets")
    group = ExactField(null=True)  # copies of one quote share it: results show a group once
    statement = ExactField()

    def get_model(self):
        return Quote

    def index_queryset(self, using=None):
        # Spans an editor marked "not a quote" are never indexed.
        return Quote.objects.shown().select_related("speaker", "article", "article__source")

    def read_queryset(self, using=None):
        # A quote card shows its article's title, outlet and date, never its text. Unordered
        # as articles are: ordered by article date, a page of 20 quotes took 2.6 ms, not 1.9.
        quotes = Quote.objects.select_related("speaker", "article", "article__source")
        return quotes.defer("article__raw_text", "article__raw_html", "article__body").order_by()

    def prepare_article_id(self, quote):
        return str(quote.article_id)

    def prepare_source(self, quote):
        return quote.article.source.slug if quote.article.source else None

    def prepare_speaker(self, quote):
        return quote.speaker.slug if quote.speaker else None

    def prepare_group(self, quote):
        return str(quote.group_id) if quote.group_id else None

    def prepare_published(self, quote):
        return quote.article.published

    def prepare_statement(self, quote):
        return FULL if quote.is_full_statement else FRAGMENT
