"""Search forms: one set of filters (speaker, source, dates, order; for quotes the
escalation codes) for pages, exports, feeds and the API."""

import datetime
import re
from dataclasses import dataclass

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import F
from django.forms.renderers import Jinja2
from django.urls import reverse_lazy
from haystack.forms import SearchForm
from haystack.inputs import BaseInput
from haystack.query import SearchQuerySet

from .ingest.escalation import SHOWN_ACT_LABELS, UNCODED_BELOW
from .lookup import (
    Found,
    find_source,
    find_speaker,
    find_term,
    suggested_sources,
    suggested_speakers,
    term_choices,
)
from .models import Article, Quote
from .search_indexes import FULL

MAX_QUERY_LENGTH = 500
# Dates a search can ask for: the index takes dates with four-digit years (haystack writes
# year 1 as "1", which Whoosh cannot read back).
EARLIEST_DATE = datetime.date(1000, 1, 1)
LATEST_DATE = datetime.date(9999, 12, 31)
DATE_RANGE_MESSAGE = f"Dates from {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()} only."

# The index's words: Whoosh's default tokenizer, which the text field's analyser starts with.
WORD = re.compile(r"\w+(?:\.?\w+)*")
# A query piece: an optional "-" (leave out), then a phrase in straight or curly double
# marks (an unclosed one runs to the end), or a run of anything but spaces.
QUERY_PIECE = re.compile(r'(-?)(?:["“”„«»]([^"“”„«»]*)["“”„«»]?|(\S+))')


class SearchWords(BaseInput):
    """A reader's query as the search engine gets it: only the words the index holds
    (lowercase letters and digits), as terms, "phrases" and NOT for a leading "-".
    Nothing a reader types reaches the query syntax, so no wildcard, fuzzy term,
    range or field can be asked for, however the text is quoted."""

    input_type_name = "search_words"
    post_process = False

    def prepare(self, query_obj):
        parts = []
        for minus, phrase, word in QUERY_PIECE.findall(self.query_string):
            words = WORD.findall((phrase or word).lower())
            if not words:
                continue
            part = words[0] if len(words) == 1 else '"' + " ".join(words) + '"'
            parts.append(f"NOT {part}" if minus else part)
        return " ".join(parts)


@dataclass(frozen=True, kw_only=True)
class Lookups:
    """Where the speaker, outlet and date filters apply in one kind of results: the index
    takes slugs, the database the rows themselves."""

    speaker: str
    source: str
    published: str
    by_slug: bool = False
    distinct: bool = False  # an article matches once however many of its quotes do


class TypedInput(forms.TextInput):
    """A text field a person types a name into, offered the values of a <datalist> as they
    type (the page renders the list: includes/datalists.html), no JavaScript needed. A
    speaker field also names the API that static/archive/suggest.js asks for more names."""

    def __init__(self, datalist: str, placeholder: str = ""):
        attrs = {"list": datalist, "placeholder": placeholder, "autocomplete": "off"}
        if datalist == "speaker-names":
            attrs["data-suggest"] = reverse_lazy("api-speakers")
        super().__init__(attrs=attrs)


class OnOff(forms.CheckboxInput):
    """A tick box whose parameter is 1 when ticked; "0", "false" or nothing is unticked."""

    def __init__(self):
        super().__init__(attrs={"value": "1"})

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() not in ("", "0", "false", "off", "no")


SPEAKER_HELP = "A name, a surname, an alias or the slug of the speaker's page: Putin, zelensky, vladimir-putin."
SOURCE_HELP = "The outlet's name or slug: BBC, Reuters, the-guardian."


# The public pages' forms draw their widgets with Django's own Jinja2 widget templates, as the
# pages are Jinja2: half the CPU of the template-language ones, a tenth of a filtered page.
PUBLIC_FORMS = Jinja2()


def form_errors(form) -> dict[str, list[str]]:
    """A form's errors by field ("__all__" for the form's own), for the API, feeds and exports."""
    return {field: [str(error) for error in errors] for field, errors in form.errors.items()}


def error_message(form) -> str:
    """A form's errors in one line: "since: Enter a valid date."."""
    return "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form_errors(form).items())


def _date_field():
    return forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[
            MinValueValidator(EARLIEST_DATE, message=DATE_RANGE_MESSAGE),
            MaxValueValidator(LATEST_DATE, message=DATE_RANGE_MESSAGE),
        ],
    )


class ArchiveSearchForm(SearchForm):
    """Full-text search over articles and quotes, narrowed by filters.

    With words to search for, results come from the search index, best match
    or newest first. With filters alone, they come from the database, newest
    first, so browsing every quote of a speaker needs no index at all.
    """

    default_renderer = PUBLIC_FORMS

    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        label="Search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "escalation, “long-range missiles”, Peskov…"}),
        error_messages={"max_length": "That query is too long: at most %(limit_value)d characters, please."},
    )
    speaker = forms.CharField(
        required=False, max_length=300, help_text=SPEAKER_HELP, widget=TypedInput("speaker-names", "Putin")
    )
    source = forms.CharField(
        required=False, max_length=200, label="Outlet", help_text=SOURCE_HELP, widget=TypedInput("source-names", "BBC")
    )
    since = _date_field()
    until = _date_field()
    sort = forms.ChoiceField(
        required=False, choices=[("", "Best match"), ("newest", "Newest first"), ("oldest", "Oldest first")]
    )

    models = [Article, Quote]

    def __init__(self, *args, **kwargs):
        kwargs["searchqueryset"] = SearchQuerySet().models(*self.models)
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:  # includes/filters.html renders it under this id
                field.widget.attrs["aria-describedby"] = f"id_{name}_help"
        self.found: dict[str, Found] = {}  # what each typed field was read as
        self.moved: dict[str, str] = {}  # fields given an old slug: the slug that names the speaker now

    def datalists(self) -> dict[str, tuple]:
        """The values each typed field offers as one types, by datalist id."""
        lists = {"speaker-names": suggested_speakers, "source-names": suggested_sources}
        lists |= {f"{kind}-names": lambda kind=kind: term_choices(kind) for kind in ("weapon", "target")}
        wanted = {field.field.widget.attrs.get("list") for field in self}
        return {name: read() for name, read in lists.items() if name in wanted}

    def _typed(self, name: str, find):
        """A typed field's value: the one speaker, outlet or term its text names, else an error
        (the template lists the ones it could be, or the closest)."""
        text = self.cleaned_data[name].strip()
        if not text:
            return None
        found = self.found[name] = find(text)
        if found.match is None:
            raise forms.ValidationError(found.message)
        if found.moved:
            self.moved[name] = found.match.slug
        return found.match

    def clean_q(self):
        query = self.cleaned_data["q"].strip()
        if "\x00" in query:
            raise forms.ValidationError("The query holds a character that cannot be searched.")
        return query

    def clean_speaker(self):
        return self._typed("speaker", find_speaker)

    def clean_source(self):
        return self._typed("source", find_source)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError("“since” is after “until”: no date can be both.")
        return cleaned

    def search(self):
        if not self.is_valid():
            return self.no_query_found()
        data = self.cleaned_data
        if not data["q"]:
            return self.browse()
        words = SearchWords(data["q"])
        if not words.prepare(None):  # punctuation only: nothing the index holds
            return self.searchqueryset.none()
        results = self.filtered(self.searchqueryset.filter(content=words), self.index_lookups)
        results = self.narrow(results, data)
        if data["sort"] == "newest":
            results = results.order_by("-published")
        elif data["sort"] == "oldest":
            results = results.order_by("published")
        return results.load_all() if self.load_all else results

    def filtered(self, results, lookups: Lookups):
        """The speaker, outlet and date filters, applied through these lookups."""
        data = self.cleaned_data
        if data["speaker"]:
            speaker = data["speaker"].slug if lookups.by_slug else data["speaker"]
            results = results.filter(**{lookups.speaker: speaker})
            if lookups.distinct:
                results = results.distinct()
        if data["source"]:
            results = results.filter(**{lookups.source: data["source"].slug if lookups.by_slug else data["source"]})
        if data["since"]:
            results = results.filter(**{f"{lookups.published}__gte": data["since"]})
        if data["until"]:
            results = results.filter(**{f"{lookups.published}__lte": data["until"]})
        return results

    # Where each filter applies: in the index, and in the database when there are no words.
    index_lookups = Lookups(speaker="speakers", source="source", published="published", by_slug=True)
    browse_lookups = Lookups(speaker="quotes__speaker", source="source", published="published", distinct=True)

    def narrow(self, results, data):
        """Filters that only some searches have (the escalation codes of quotes)."""
        return results

    def browse(self):
        """Filters without words: articles from the database, newest first."""
        articles = self.filtered(Article.objects.with_related().with_quote_count(), self.browse_lookups)
        return articles.order_by(*_date_order(self.cleaned_data["sort"], "published", "created"))


class ArticleSearchForm(ArchiveSearchForm):
    """Search articles only."""

    models = [Article]


# What the acts mean (the codebook, README "Escalation coding") and how far to trust them:
# the figures of `python -m benchmarks.escalation --check` on the held-out check set, dev beside (BENCHMARKS.md).
ACT_HELP = (
    "What the quote does, by Redline's codebook: a threat (the speaker's side will do harm), a red line or "
    "ultimatum, reassurance (no intent to attack or escalate), a denial (of a claim or an accusation), a call for "
    "talks, a warning (something bad may happen), or other; where several apply, the first in that order. Coded by "
    "written rules, not by hand. On 360 hand-coded quotes from war reporting that nobody writing the rules read, "
    "84% of acts agree with the coders, no better than answering “other” every time (83%): of quotes coded "
    "as an act other than “other”, 50% are right, whatever their confidence, and 31% of such acts are found "
    "(on the 311 quotes the rules were written against: 86%, 78% and 68%). "
    f"Quotes coded with confidence under {UNCODED_BELOW} are “uncoded”: "
    "no act filter finds them but “Uncoded”."
)


ARTICLE_TEXTS = ("article__raw_text", "article__raw_html", "article__body")
WEAPON_HELP = (
    "By name or slug: Storm Shadow, ATACMS, HIMARS, F-16, nuclear, drones… (the list offers each as you type)."
)
TARGET_HELP = "Whom the quote addresses, by name or slug (NATO, United States, US, Ukraine, the West…)."
FULL_HELP = "Leave out fragments: quotes of one to three words a reporter quoted inside a sentence of their own."


class QuoteSearchForm(ArchiveSearchForm):
    """Search quotes only; the speaker filter is the quote's own speaker."""

    act = forms.ChoiceField(
        required=False, choices=[("", "Any act"), *SHOWN_ACT_LABELS.items()], label="Act", help_text=ACT_HELP
    )
    weapon = forms.CharField(
        required=False, max_length=100, help_text=WEAPON_HELP, widget=TypedInput("weapon-names", "Storm Shadow")
    )
    target = forms.CharField(
        required=False, max_length=100, help_text=TARGET_HELP, widget=TypedInput("target-names", "NATO")
    )
    full = forms.BooleanField(required=False, label="Full statements only", help_text=FULL_HELP, widget=OnOff())

    models = [Quote]
    index_lookups = Lookups(speaker="speaker", source="source", published="published", by_slug=True)
    browse_lookups = Lookups(speaker="speaker", source="article__source", published="article__published")

    def clean_weapon(self):
        return self._typed("weapon", lambda text: find_term("weapon", text))

    def clean_target(self):
        return self._typed("target", lambda text: find_term("target", text))

    def narrow(self, results, data):
        if data.get("act"):
            results = results.filter(act=data["act"])
        if data.get("weapon"):
            results = results.filter(weapons=data["weapon"])
        if data.get("target"):
            results = results.filter(targets=data["target"])
        if data.get("full"):
            results = results.filter(statement=FULL)
        return results

    def browse(self):
        data = self.cleaned_data
        quotes = Quote.objects.with_related().coded(act=data["act"], weapon=data["weapon"], target=data["target"])
        # A quote card never shows its article's text: sorting 47,000 quotes with each article's
        # body and raw text beside it took 0.57 s at 5,000 articles, without them 0.1 s.
        quotes = self.filtered(quotes, self.browse_lookups).defer(*ARTICLE_TEXTS)
        if data["full"]:
            quotes = quotes.full_statements()
        return quotes.order_by(*_date_order(data["sort"], "article__published", "article__created"), "start")


def _date_order(sort, date_field, created_field):
    if sort == "oldest":
        return [F(date_field).asc(nulls_last=True), created_field]
    return [F(date_field).desc(nulls_last=True), f"-{created_field}"]


class SpeakerListForm(forms.Form):
    """/speakers/ and /api/speakers/: a name to look for, and the order."""

    default_renderer = PUBLIC_FORMS

    q = forms.CharField(
        required=False,
        max_length=300,
        label="Find a speaker",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Putin, zelensky, Kremlin…"}),
        help_text="Any name or alias, or the start of one; accents and transliterations do not matter.",
    )
    sort = forms.ChoiceField(required=False, choices=[("quotes", "Most quoted first"), ("name", "By name")])
