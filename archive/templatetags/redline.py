"""Template tags: the search box, and highlighted snippets that are escaped first."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from whoosh.analysis import StemmingAnalyzer
from whoosh.highlight import ContextFragmenter, HtmlFormatter, WholeFragmenter, highlight

register = template.Library()

_analyzer = StemmingAnalyzer()
_formatter = HtmlFormatter(tagname="mark", classname="hit", between=" … ")
SNIPPET_LENGTH = 400


@register.filter
def highlighted(text, query):
    """The parts of `text` around the words of `query`, with the words marked.

    Whoosh's HtmlFormatter escapes the text it returns; with no hit the text
    is escaped here and cut to a snippet.
    """
    text = text or ""
    terms = {token.text for token in _analyzer(query or "")}
    # A quote is shown whole; an article body as the passages around the hits.
    fragmenter = WholeFragmenter() if len(text) <= SNIPPET_LENGTH else ContextFragmenter(maxchars=SNIPPET_LENGTH, surround=80)
    snippet = highlight(text, terms, _analyzer, fragmenter, _formatter, top=2) if terms else ""
    if not snippet:
        snippet = escape(text[:SNIPPET_LENGTH] + ("…" if len(text) > SNIPPET_LENGTH else ""))
    return mark_safe(snippet)


@register.inclusion_tag("includes/search_box.html")
def search_box(form=None, action="/search/"):
    from ..forms import ArchiveSearchForm

    return {"form": form or ArchiveSearchForm(), "action": action}


@register.filter
def result_template(obj):
    """The partial that shows one search result: search/results/<model>.html."""
    return f"search/results/{obj._meta.model_name}.html"
