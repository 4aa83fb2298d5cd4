"""The Jinja2 environment of the public pages.

Public pages are rendered by Jinja2, several times faster than Django's template
engine on a results page (BENCHMARKS.md); the admin and haystack's index
templates stay on Django's. Both engines read templates/: this loader leaves
the Django templates to Django.
"""

from __future__ import annotations

import functools

import jinja2
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats
from markupsafe import Markup

from .highlighting import highlighted

DJANGO_ONLY = ("admin/", "registration/", "search/indexes/")


class PublicPagesLoader(jinja2.FileSystemLoader):
    """templates/ without what Django's engine renders (the admin's, haystack's index templates)."""

    def get_source(self, environment, template):
        if template.startswith(DJANGO_ONLY):
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)


@functools.lru_cache(maxsize=512)
def url(name: str, *args) -> str:
    """reverse(), remembered: a page of results asks for the same few URLs many times."""
    return reverse(name, args=args)


def date(value, fallback: str = "date unknown") -> str:
    """A date in the site's format ("13 Sep 2024"), or the fallback when there is none."""
    return _formatted_date(value) if value else fallback


@functools.lru_cache(maxsize=4096)
def _formatted_date(value) -> str:
    return formats.date_format(value)  # a page of results formats the same few dates many times


def pluralize(count, suffixes: str = "s") -> str:
    """Django's pluralize: "s" after any count but 1; "y,ies" gives both forms."""
    singular, _, plural = suffixes.rpartition(",") if "," in suffixes else ("", "", suffixes)
    try:
        one = int(count) == 1
    except (TypeError, ValueError):
        one = len(count) == 1
    return singular if one else plural


def truncatechars(text, length: int) -> str:
    """At most `length` characters, the last one an ellipsis when the text was cut."""
    text = str(text or "")
    return text if len(text) <= length else text[: length - 1] + "…"


def term_label(slug: str, kind: str) -> str:
    """The lexicon's name for a weapon or target slug: "storm-shadow" -> "Storm Shadow"."""
    from .ingest.escalation import DEFAULT_LEXICON

    return DEFAULT_LEXICON.labels.get((kind, slug)) or slug.replace("-", " ")


def is_editor(request) -> bool:
    """Whether to show an editor's "Edit" links. Only a request with a session can be an
    editor's, and archive/caching.py never caches those nor serves them a cached page, so
    pages cached for readers never carry the links."""
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.has_perm("archive.change_quote"))


def query_with(request, **values) -> str:
    """This page's address with these parameters set, from its first page: a candidate
    speaker's link on a page that could not tell which one was meant."""
    query = request.GET.copy()
    query.pop("page", None)
    for name, value in values.items():
        query[name] = value
    return f"{request.path}?{query.urlencode()}"


def rendered_datalists(env: jinja2.Environment, datalists: dict) -> Markup:
    """The <datalist> elements of these lists (includes/datalist_elements.html). Every page with
    a form offers the same hundred-odd names until the archive changes: drawn once per distinct
    set of lists, not once a page (half a millisecond a page)."""
    return _datalist_elements(env, tuple(datalists.items()))


@functools.lru_cache(maxsize=16)
def _datalist_elements(env: jinja2.Environment, lists: tuple) -> Markup:
    return Markup(env.get_template("includes/datalist_elements.html").render(datalists=dict(lists)))


_drawn_fields: dict = {}
DRAWN_FIELDS_KEPT = 2048


def labelled_field(field) -> Markup:
    """A form field's label and input as Django draws them (its widget templates). What they
    draw depends only on the form's class, the field, the value typed and whether it was
    refused, so each is drawn once, not on every page: a page's dozen fields were a tenth of
    its CPU. At most DRAWN_FIELDS_KEPT are kept, the oldest going first (every new query
    typed is one)."""
    key = (type(field.form), field.name, field.auto_id, repr(field.value()), bool(field.errors))
    drawn = _drawn_fields.get(key)
    if drawn is None:
        drawn = _drawn_fields[key] = Markup(f"{field.label_tag()} {field}")
        while len(_drawn_fields) > DRAWN_FIELDS_KEPT:
            _drawn_fields.pop(next(iter(_drawn_fields)), None)
    return drawn


def result_template(obj) -> str:
    """The partial that shows one search result: search/results/<model>.html."""
    return f"search/results/{obj._meta.model_name}.html"


def environment(**options) -> jinja2.Environment:
    options["loader"] = PublicPagesLoader(options["loader"].searchpath)
    env = jinja2.Environment(**options)
    env.globals.update(
        url=url,
        static=static,
        is_editor=is_editor,
        query_with=query_with,
        labelled_field=labelled_field,
        rendered_datalists=functools.partial(rendered_datalists, env),
    )
    env.filters.update(
        date=date,
        highlighted=highlighted,
        pluralize=pluralize,
        result_template=result_template,
        term_label=term_label,
        truncatechars=truncatechars,
    )
    return env
