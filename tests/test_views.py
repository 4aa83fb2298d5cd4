"""The public pages: home, search, articles, speakers, quotes."""

import pytest

from archive.ingest.records import ArticleInput
from archive.models import Article, Quote, Speaker

pytestmark = pytest.mark.django_db


def test_home_shows_latest_articles_speakers_and_search_box(client, seeded):
    page = client.get("/").content.decode()
    assert "Putin’s warning to the US" in page
    assert "Vladimir Putin" in page and "4 quotes" in page
    assert 'name="q"' in page


def test_search_finds_articles_and_quotes_with_highlights(client, seeded):
    response = client.get("/search/", {"q": "escalation"})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<mark class="hit' in page and '">escalation</mark>' in page
    assert "Putin’s warning to the US" in page


@pytest.mark.parametrize(
    "text",
    [
        "Zelenskiy said the sanctions were working; Zelenskyy's aides, and the U.S. officials, agreed.",
        "It is what it is: a war of attrition, said the Kremlin’s spokesman Dmitriy Peskov.",
        "Orbán and ORBAN met the 3.5 per cent target in 2024. To be or not to be.",
    ],
)
def test_snippet_words_are_read_as_the_index_reads_them(text):
    from archive.highlighting import _words_as_indexed
    from archive.search.analysis import TEXT_ANALYZER

    def read(tokens):
        return [(t.text, t.stopped, t.startchar, t.endchar) for t in tokens]

    whoosh = read(TEXT_ANALYZER(text, chars=True, mode="query", removestops=False))
    assert read(_words_as_indexed(text)) == whoosh


@pytest.mark.parametrize(
    "text, query",
    [
        ("Fish & chips <b>sanctions</b> “sanctions” Sanctions, sanctioned; the US said.", "sanctions"),
        ("one two three four five six seven eight", "one two three four five six seven"),
        ("Zelenskiy met Zelensky and ZELENSKYY in Kyiv", "zelenskyy"),
        ("It is what it is, said nobody at all.", "war"),
    ],
)
def test_a_quote_is_marked_as_whooshs_whole_text_highlight_marks_it(text, query):
    from whoosh.highlight import HtmlFormatter, WholeFragmenter, highlight

    from archive.highlighting import TERM_CLASSES, _earliest_first, _marked_whole, _query_terms, _words_as_indexed

    terms = _query_terms(query)
    formatter = HtmlFormatter(tagname="mark", classname="hit", between=" … ", maxclasses=TERM_CLASSES)
    whoosh = highlight(text, terms, _words_as_indexed, WholeFragmenter(), formatter, top=2, scorer=_earliest_first)
    assert _marked_whole(text, terms) == whoosh


def test_a_snippet_is_the_same_whoever_builds_it():
    from archive.highlighting import highlighted

    # Three passages that match alike, far apart, and two shown: the earlier two, every time.
    filler = " ".join(["calm words about the weather in the hills"] * 7)
    body = (
        f"Officials discussed sanctions. {filler} Ministers discussed sanctions. {filler} Envoys discussed sanctions."
    )
    snippets = {str(highlighted(body, query)) for query in ("sanctions", "ceasefire", "sanctions", "sanctions")}
    snippet = str(highlighted(body, "sanctions"))
    assert len(snippets) == 2 and snippet.startswith("Officials discussed") and "Ministers" in snippet
    assert "Envoys" not in snippet
    # Terms are numbered within a snippet, not by the queries a worker answered before.
    assert '<mark class="hit term0">sanctions</mark>' in snippet


def test_search_phrase_and_filters(client, seeded):
    page = client.get("/search/", {"q": '"long-range"', "speaker": "vladimir-putin"}).content.decode()
    assert "1 result" in page or "results" in page
    none = client.get("/search/", {"q": "escalation", "speaker": "john-kirby"}).content.decode()
    assert "Putin’s warning" not in none


def test_search_sorts_by_date_and_paginates(client, seeded):
    response = client.get("/search/", {"q": "Russia", "sort": "newest", "page": "999"})
    assert response.status_code == 200
    response = client.get("/search/", {"q": "Russia", "page": "abc"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": '"unbalanced'}, None),
        ({"q": "AND OR"}, None),
        ({"q": "x" * 10_000}, "too long"),
        ({"q": "NOT"}, None),
        ({"q": "(((("}, None),
        ({"q": "a:b:c *?~^"}, None),
        ({"since": "yesterday"}, "Enter a valid date"),
        ({"since": "2024-02-01", "until": "2024-01-01"}, "after"),
        ({"speaker": "nobody-at-all"}, "No speaker"),
        ({"speaker": "<script>"}, "No speaker"),  # a typed name the archive does not hold
        ({"sort": "sideways"}, "Select a valid choice"),
    ],
)
def test_malformed_search_gets_a_clear_message_never_a_500(client, seeded, params, message):
    for url in ("/search/", "/quotes/", "/speakers/vladimir-putin/"):
        response = client.get(url, params)
        assert response.status_code == 200, url
        if message and not (url.startswith("/speakers/") and "speaker" in params):
            assert message in response.content.decode(), url


def test_article_page_marks_quotes_and_links_speakers(client, seeded):
    article = Article.objects.get(title="Putin’s warning to the US")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "International Politics" in page and "Juanma Bellón" in page and "Mikhail Metzel" in page
    quote = article.quotes.get(text__startswith="It’s what’s best")
    assert f'id="q{quote.pk}"' in page
    assert "/speakers/jd-vance/" in page
    assert "an official cited by Reuters (anonymous)" in page
    assert "Get your game on!" not in page


def test_derived_title_is_marked_and_raw_text_is_one_click_away(client, seeded):
    article = Article.objects.get(title_derived=True)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "(derived title)" in page and "Unattributed" in page
    raw = client.get(f"/articles/{article.pk}/raw/")
    assert raw["Content-Type"].startswith("text/plain")
    assert raw.content.decode() == article.raw_text


def test_speakers_list_roles_and_counts(client, seeded):
    page = client.get("/speakers/").content.decode()
    assert "Kremlin spokesperson" in page and "Dmitry Peskov" in page


def test_speaker_page_lists_every_quote_newest_first_and_searches_within(client, seeded):
    page = client.get("/speakers/vladimir-putin/").content.decode()
    assert "4 quotes" in page
    within = client.get("/speakers/vladimir-putin/", {"q": "battlefield"}).content.decode()
    assert "1 quote " in within and "balance of power" in within
    assert client.get("/speakers/nobody/").status_code == 404


@pytest.mark.parametrize("params", [{}, {"sort": "oldest"}, {"act": "threat"}, {"full": "1"}, {"page": "2"}])
def test_a_speaker_page_counts_what_it_lists(client, seeded, monkeypatch, params):
    """Unfiltered, the count is the timeline's (no count query); narrowed, the list's own."""
    from archive.views import SpeakerDetailView

    monkeypatch.setattr(SpeakerDetailView, "paginate_by", 3)
    response = client.get("/speakers/vladimir-putin/", params)
    listed = Quote.objects.filter(speaker__slug="vladimir-putin")
    if params.get("act"):
        listed = listed.coded(act=params["act"])
    if params.get("full"):
        listed = listed.full_statements()
    page = response.content.decode()
    count = listed.count()
    assert f"{count} quote{'' if count == 1 else 's'}" in page
    assert f"Page {2 if params.get('page') else 1} of {(count + 2) // 3}" in page or count <= 3
    assert page.count('<blockquote class="quote-card') == min(3, count - (3 if params.get("page") else 0))


@pytest.mark.parametrize(
    "path", ["/quotes/", "/quotes/?q=escalation", "/search/?q=escalation", "/speakers/vladimir-putin/"]
)
def test_quote_cards_read_no_row_of_their_own(client, seeded, path):
    """Quotes are loaded with only what their cards show (selectors.as_cards): a card that
    read a field left out would load it with a query of its own, row by row."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.cookies["sessionid"] = "reader"  # built afresh, not served from the page cache
    client.get(path)  # the remembered lists are read once
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path).content.decode()
    assert page.count('<blockquote class="quote-card') >= 2
    one_row = re.compile(r'WHERE \(?"archive_(quote|article|speaker|source)"\."id" = ')
    assert not [query["sql"] for query in queries.captured_queries if one_row.search(query["sql"])]
    assert len(queries) <= 8


def test_quote_search_and_filters(client, seeded):
    page = client.get("/quotes/", {"q": "escalation"}).content.decode()
    assert "qualitatively new stage" in page
    by_speaker = client.get("/quotes/", {"speaker": "dmitry-peskov"}).content.decode()
    assert "2 quotes" in by_speaker


def test_quote_permalink_shows_paragraph_and_citation(client, seeded):
    quote = Quote.objects.get(text__startswith="Russia started")
    page = client.get(f"/quotes/{quote.pk}/").content.decode()
    assert "said to journalists on board his flight" in page
    assert "Keir Starmer, quoted in" in page
    assert f"http://testserver/quotes/{quote.pk}/" in page


def test_text_is_escaped_everywhere(client, db, search_index, django_capture_on_commit_callbacks):
    from archive import services

    raw = "Evil <b>headline</b>\n\n<script>alert(1)</script> said “<img src=x onerror=alert(1)> is a threat,” said Mr <i>Evil</i> Smith."
    with django_capture_on_commit_callbacks(execute=True):
        article = services.ingest_article(ArticleInput(raw_text=raw, source="<svg onload=alert(1)>")).article
    for url in [article.get_absolute_url(), "/", "/speakers/"] + [
        "/search/?q=threat",
        "/search/?q=%3Cscript%3E",
        "/quotes/?q=img",
    ]:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page and "<svg onload" not in page, url


def test_cached_pages_change_when_the_archive_does(client, seeded, django_capture_on_commit_callbacks):
    first = client.get("/speakers/").content.decode()
    assert client.get("/speakers/").content.decode() == first  # served again, from the cache
    speaker = Speaker.objects.get(name="John Kirby")
    with django_capture_on_commit_callbacks(execute=True):
        speaker.name = "Admiral John Kirby"
        speaker.save()
    assert "Admiral John Kirby" in client.get("/speakers/").content.decode()


def test_a_read_is_remembered_for_each_argument_until_the_archive_changes(seeded):
    from archive.caching import archive_changed, per_archive_version

    calls = []

    @per_archive_version
    def read(kind):
        calls.append(kind)
        return (kind, len(calls))

    assert read("weapon") == read("weapon") == ("weapon", 1)
    assert read("target") == ("target", 2) and read("weapon") == ("weapon", 1)
    archive_changed()
    assert read("weapon") == ("weapon", 3) and calls == ["weapon", "target", "weapon"]


def test_a_drawn_field_is_the_one_django_draws_for_that_value(client, seeded):
    from archive.forms import ArchiveSearchForm, QuoteSearchForm
    from archive.templating import labelled_field

    for form in [
        QuoteSearchForm({"q": "war", "since": "yesterday", "act": "threat", "full": "1"}),
        QuoteSearchForm({"q": "peace", "since": "2024-01-01"}),
        ArchiveSearchForm({"q": "peace", "since": "2024-01-01"}),
        ArchiveSearchForm(),
    ]:
        form.is_valid()
        for field in form:
            assert str(labelled_field(field)) == f"{field.label_tag()} {field}"
    refused = client.get("/quotes/", {"q": "war", "since": "yesterday"}).content.decode()
    taken = client.get("/quotes/", {"q": "peace", "since": "2024-01-01"}).content.decode()
    assert 'aria-invalid="true"' in refused and 'value="war"' in refused
    assert 'aria-invalid="true"' not in taken and 'value="peace"' in taken and 'value="2024-01-01"' in taken


def test_quotes_show_their_escalation_codes_and_filter_by_them(client, seeded):
    page = client.get("/quotes/", {"act": "warning"}).content.decode()
    assert "This will mean that NATO countries" in page and "Russia started this conflict" not in page
    assert 'class="act act-warning"' in page and "→ NATO" in page
    assert "Tomahawk" in client.get("/quotes/", {"weapon": "tomahawk"}).content.decode()
    assert "Select a valid choice" in client.get("/quotes/", {"act": "bluster"}).content.decode()


def test_speaker_timeline_is_an_svg_coloured_by_act(client, seeded):
    from archive.models import Article

    Article.objects.update(published="2024-09-13")
    Article.objects.filter(title__startswith="Putin").update(published="2025-10-02")
    page = client.get("/speakers/vladimir-putin/").content.decode()
    svg = page.split("<svg viewBox")[1].split("</svg>")[0]
    assert 'class="act-warning"' in svg and 'class="act-other"' in svg
    assert "<title>2024-09: 1 quote; 1 warning</title>" in svg
    assert ">2025<" in svg
    assert "Warning: 3" in page  # the legend doubles as the chart's numbers


def test_compare_two_speakers_on_one_axis(client, seeded):
    Article.objects.update(published="2024-09-13")
    page = client.get("/speakers/compare/", {"a": "vladimir-putin", "b": "keir-starmer"}).content.decode()
    assert page.count("<svg viewBox") == 2
    assert "<td>Warning</td><td>3</td><td>0</td>" in page.replace("\n", "")
    assert "No speaker" in client.get("/speakers/compare/", {"a": "vladimir-putin", "b": "nobody"}).content.decode()


def test_quote_page_cites_in_apa_and_bibtex_with_the_role_on_the_day(client, seeded):
    quote = Quote.objects.get(text__startswith="This will mean that NATO")
    page = client.get(quote.get_absolute_url()).content.decode()
    assert "Vladimir Putin (Russian President), quoted in" in page
    assert (
        f"@article{{redline-quote-{quote.pk}," in page and "note = {Quote by Vladimir Putin (Russian President)" in page
    )
