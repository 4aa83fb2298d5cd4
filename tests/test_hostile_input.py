"""Hostile input on every page and API: no parameter value gives a server
error, a refused one is explained, and markup planted in articles, titles,
speakers, sources and queries comes out escaped everywhere."""

import json
from html.parser import HTMLParser

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive import services
from archive.ingest.records import ArticleInput
from archive.models import Article, Quote, Speaker

PARAMETERS = ["q", "page", "speaker", "source", "since", "until", "sort"]
NASTY_VALUES = [
    "",
    " ",
    "x" * 600,
    "\x00",
    "%00",
    "\u202e\u200b",
    "😀" * 50,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "*",
    "?",
    "(",
    ")",
    '"',
    '"unbalanced',
    "AND OR NOT",
    "title:x",
    "speaker:[a TO z]",
    "x~",
    "x^3",
    "-1",
    "0",
    "99999999999999999999",
    "1e9",
    "1.5",
    "last",
    "2024-02-30",
    "0000-00-00",
    "9999-12-31",
    "2024-13-01",
    "vladimir-putin",
    "UPPER-Case",
    "../../etc/passwd",
    "a" * 301,
]
PAGES = [
    "/",
    "/search/",
    "/quotes/",
    "/speakers/",
    "/speakers/vladimir-putin/",
    "/api/quotes/",
    "/api/articles/",
    "/api/speakers/",
]


def assert_answer_is_clear(response, path):
    """Never a server error; a refusal says what was wrong."""
    assert response.status_code in (200, 400, 404), (path, response.status_code)
    if path.startswith("/api/"):
        body = json.loads(response.content)
        if response.status_code == 400:
            assert isinstance(body["error"], str) and body["error"], body
        else:
            assert "results" in body
    elif response.status_code == 200 and response.context and "form" in response.context:
        form = response.context["form"]
        if form.is_bound and form.errors:
            content = response.content.decode()
            assert 'class="error"' in content or 'class="errors"' in content, path


@pytest.mark.django_db
@pytest.mark.parametrize("parameter", PARAMETERS)
def test_every_get_parameter_of_every_page_survives_nasty_values(seeded, parameter):
    client = Client()
    article, quote = Article.objects.first(), Quote.objects.first()
    for path in [*PAGES, f"/articles/{article.pk}/", f"/quotes/{quote.pk}/"]:
        for value in NASTY_VALUES:
            response = client.get(path, {parameter: value})
            assert_answer_is_clear(response, f"{path}?{parameter}={value!r}")
        # The same parameter twice, and raw bytes that are not UTF-8.
        assert_answer_is_clear(client.get(f"{path}?{parameter}=a&{parameter}=b"), path)
        for raw in ("%ff%fe", "%ed%a0%80", "%00", "%"):  # bytes that are not UTF-8, a lone surrogate, NUL
            assert_answer_is_clear(client.get(f"{path}?{parameter}={raw}"), path)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.dictionaries(
        st.sampled_from(PARAMETERS), st.text(st.characters(exclude_categories=["Cs"]), max_size=40), max_size=4
    ),
    path=st.sampled_from(["/search/", "/quotes/", "/speakers/vladimir-putin/", "/api/quotes/", "/api/articles/"]),
)
def test_generated_query_strings_never_break_a_page(seeded, params, path):
    assert_answer_is_clear(Client().get(path, params), f"{path}?{params!r}")


# -- stored XSS -----------------------------------------------------------------

PROBE = '"><xss-probe onmouseover="alert(1)">escalation</xss-probe><script>alert(2)</script>'
PROBE_BODY = (
    "Moscow warns of escalation\n\n"
    f"“We will answer any {PROBE} with force,” Vladimir Putin said on Tuesday.\n\n"
    f"“Escalation <img src=x onerror=alert(3)> is their choice,” the <b>Kremlin</b> said. {PROBE}"
)


class _Markup(HTMLParser):
    """Collects what a browser would build: elements and their attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        ours = tag == "svg" and (("class", "timeline-chart") in attrs or ("aria-hidden", "true") in attrs)
        if tag in {"xss-probe", "script", "img", "svg", "iframe", "b"} and not ours:  # the timeline's SVG is ours
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"{tag} {name}={value!r}")


@pytest.fixture
def planted(db, search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = services.ingest_article(
            ArticleInput(raw_text=PROBE_BODY, title=f"Title {PROBE}", source=f"Wire {PROBE}")
        )
    article = result.article
    speaker = Speaker.objects.create(name=f"Speaker {PROBE}", slug="planted-speaker")
    article.quotes.update(speaker=speaker)
    services.index_articles([article.pk])
    return article, speaker


@pytest.mark.parametrize("query", ["escalation", "alert", PROBE, "xss-probe onmouseover", "<b>Kremlin</b>"])
def test_planted_markup_is_escaped_on_every_page(planted, query):
    article, speaker = planted
    quote = article.quotes.first()
    client = Client()
    paths = [
        "/",
        f"/articles/{article.pk}/",
        f"/quotes/{quote.pk}/",
        "/speakers/",
        f"/speakers/{speaker.slug}/",
        "/quotes/",
        "/search/",
    ]
    for path in paths:
        for params in ({}, {"q": query}, {"q": query, "speaker": speaker.slug}, {"source": PROBE}):
            response = client.get(path, params)
            assert response.status_code in (200, 400), (path, params)
            parser = _Markup()
            parser.feed(response.content.decode())
            assert parser.problems == [], (path, params, parser.problems)
    assert Client().get("/search/", {"q": "escalation"}).content.decode().count('<mark class="hit') >= 1


def test_raw_text_and_api_are_not_rendered_as_html(planted):
    article, _ = planted
    raw = Client().get(f"/articles/{article.pk}/raw/")
    assert raw["Content-Type"].startswith("text/plain") and raw["X-Content-Type-Options"] == "nosniff"
    api = Client().get("/api/quotes/", {"q": "escalation"})
    assert api["Content-Type"] == "application/json" and api["X-Content-Type-Options"] == "nosniff"
    speakers = [(result["speaker"] or {}).get("name", "") for result in json.loads(api.content)["results"]]
    assert f"Speaker {PROBE}" in speakers  # kept verbatim as data
