"""Issue 15, researchers: reading and citing. Search folds transliterations and offers a
spelling; a permalink leads with the quote; Highwire tags and BibTeX month macros; the act
tags' contrast, the timeline's ticks, table and shared scale, the skip link, named permalinks,
pagination labels and the print stylesheet."""

import re
from pathlib import Path

import pytest

from archive import services
from archive.ingest.records import ArticleInput
from archive.models import Article, Quote

from .conftest import ROOT
from .test_finding import archive  # noqa: F401  (the invented archive)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["Zelensky", "Zelenskiy", "Zelenskyi", "zelenski"])
def test_search_folds_transliterations(client, archive, typed):  # noqa: F811
    data = client.get("/api/quotes/", {"q": typed}).json()
    assert data["count"] == 1 and data["results"][0]["speaker"]["slug"] == "volodymyr-zelenskyy"
    page = client.get("/search/", {"q": typed}).content.decode()
    assert '">Zelenskyy</mark>' in page  # the index's own reading marks the text's spelling


def test_a_search_that_finds_nothing_suggests_a_spelling(client, archive):  # noqa: F811
    page = client.get("/search/", {"q": "Stoltenburg"}).content.decode()
    assert 'Did you mean <a href="/search/?q=Stoltenberg">Stoltenberg</a>?' in page
    quotes = client.get("/quotes/", {"q": "Stoltenburg territory"}).content.decode()
    assert "Did you mean" in quotes and "Stoltenberg territory" in quotes
    assert "Did you mean" not in client.get("/search/", {"q": "Stoltenberg"}).content.decode()
    assert "Did you mean" not in client.get("/search/", {"q": "qwxyzzy"}).content.decode()


def test_a_search_that_finds_plenty_never_asks_for_a_spelling(client, archive, monkeypatch):  # noqa: F811
    from archive import selectors

    def fail(query):
        raise AssertionError("did_you_mean on a search that found plenty")

    monkeypatch.setattr("archive.views.did_you_mean", fail)
    assert client.get("/quotes/", {"q": "Putin"}).status_code == 200  # five quotes
    assert selectors.FEW_RESULTS <= 5


def test_a_permalink_leads_with_speaker_date_and_quote_then_its_sentence(client, archive):  # noqa: F811
    quote = Quote.objects.get(text__startswith="Our answer to Storm Shadow")
    page = client.get(quote.get_absolute_url()).content.decode()
    lead = page.index('class="quote-lead"')
    speaker = page.index('href="/speakers/vladimir-putin/"', lead)
    date = page.index('<time datetime="2024-10-01">', lead)
    text = page.index("“Our answer to Storm Shadow strikes", lead)
    sentence = page.index('class="in-context"')
    article = page.index(f'href="/articles/{quote.article_id}/#q{quote.pk}">Read the full article</a>')
    assert lead < speaker < date < text < sentence < article
    assert "Statement 3" in page[article:]


def test_article_and_quote_pages_carry_highwire_citation_tags(client, archive):  # noqa: F811
    services.ingest_article(
        ArticleInput(
            raw_text="Talks\n\n“We are ready to talk,” Sergei Lavrov said.",
            title="Moscow says it is ready",
            authors=("Anna Smith", "Ben Jones"),
            source="Wire",
            published="2024-09-13",
            url="https://example.org/talks",
        )
    )
    article = Article.objects.get(title="Moscow says it is ready")
    for url in (article.get_absolute_url(), article.quotes.get().get_absolute_url()):
        page = client.get(url).content.decode()
        assert '<meta name="citation_title" content="Moscow says it is ready">' in page
        assert page.count('<meta name="citation_author"') == 2 and 'content="Ben Jones"' in page
        assert '<meta name="citation_publication_date" content="2024/09/13">' in page
        assert '<meta name="citation_journal_title" content="Wire">' in page
        assert '<meta name="citation_fulltext_html_url" content="https://example.org/talks">' in page
        assert f'<meta name="citation_public_url" content="http://testserver{url}">' in page
    bibtex = client.get(article.quotes.get().get_absolute_url()).content.decode()
    assert "  month = sep,\n" in bibtex and "month = {" not in bibtex


# -- accessibility ----------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two #rrggbb colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_act_tags_meet_wcag_aa_contrast():
    css = (ROOT / "static/archive/redline.css").read_text()
    backgrounds = dict(re.findall(r"\.act-(\w+) \{[^}]*background: (#[0-9a-f]{6})", css))
    text = re.search(r"\.escalation a\.act \{[^}]*color: (\w+|#[0-9a-f]{6})", css).group(1)
    text = {"white": "#ffffff"}.get(text, text)
    overrides = {}
    for selectors, colour in re.findall(r"((?:\.escalation a\.act-\w+,? ?)+) \{[^}]*color: (#[0-9a-f]{6})", css):
        for act in re.findall(r"a\.act-(\w+)", selectors):
            overrides[act] = colour
    acts = {"threat", "red_line", "warning", "denial", "reassurance", "talks", "other", "uncoded"}
    assert acts <= set(backgrounds)
    for act in acts:
        ratio = contrast(overrides.get(act, text), backgrounds[act])
        assert ratio >= 4.5, f"{act}: {ratio:.2f}"


def test_every_page_has_a_skip_link_to_its_content(client, archive):  # noqa: F811
    page = client.get("/quotes/").content.decode()
    assert page.index('<a class="skip-link" href="#content">') < page.index("<header")
    assert '<main id="content"' in page


def test_each_permalink_is_named_by_its_quote(client, archive):  # noqa: F811
    quote = Quote.objects.get(text__startswith="Nobody in Moscow")
    card = client.get("/quotes/", {"q": "Moscow"}).content.decode()
    assert f'id="q{quote.pk}-text">“Nobody' in card
    assert f'aria-labelledby="q{quote.pk}-permalink q{quote.pk}-text">permalink</a>' in card
    article = client.get(quote.article.get_absolute_url()).content.decode()
    assert f'<a id="p{quote.pk}" href="/quotes/{quote.pk}/" aria-labelledby="p{quote.pk} q{quote.pk}">' in article


@pytest.mark.parametrize(
    "params, previous, following",
    [
        ({}, "← Newer", "Older →"),
        ({"sort": "oldest"}, "← Earlier", "Later →"),
        ({"q": "Putin", "sort": ""}, "← Better matches", "Weaker matches →"),
    ],
)
def test_pagination_labels_fit_the_order(client, archive, monkeypatch, params, previous, following):  # noqa: F811
    from haystack.generic_views import SearchView

    monkeypatch.setattr(SearchView, "paginate_by", 2)
    page = client.get("/quotes/", {**params, "page": 2}).content.decode()
    assert 'rel="prev" href="?' in page and f">{previous}</a>" in page and f">{following}</a>" in page


def test_the_speaker_list_pages_by_quotes_or_by_name(client, archive, monkeypatch):  # noqa: F811
    from archive.views import SpeakerListView

    monkeypatch.setattr(SpeakerListView, "paginate_by", 2)
    assert ">Less quoted →</a>" in client.get("/speakers/").content.decode()
    assert ">Next names →</a>" in client.get("/speakers/", {"sort": "name"}).content.decode()


def test_the_timeline_has_month_ticks_and_a_table(client, archive):  # noqa: F811
    page = client.get("/speakers/vladimir-putin/").content.decode()
    svg = page.split("<svg viewBox")[1].split("</svg>")[0]
    assert svg.count('class="month-tick"') == 2  # September and October 2024
    assert ">Sep</text>" in svg and ">Oct</text>" in svg and ">2024<" in svg
    table = page.split('<table class="timeline-table">')[1].split("</table>")[0]
    assert "<caption>Quotes per month" in table
    rows = re.findall(r'<tr><th scope="row">([\d-]+)</th>', table)
    assert rows == ["2024-09", "2024-10"]
    assert re.search(r'<th scope="row">2024-09</th>(<td>\d+</td>)*<td>3</td></tr>', table)  # all three in September


def test_a_timeline_over_decades_names_years_far_enough_apart_to_read():
    import datetime

    from archive import timeline

    codes = [(datetime.date(1987, 3, 1), "other", 1), (datetime.date(2022, 2, 1), "threat", 1)]
    drawn = timeline.build(codes)
    years = [int(label) for _, label in drawn.ticks]
    assert years[0] == 1987 and len(years) <= timeline.WIDTH / timeline.YEAR_LABEL
    xs = [x for x, _ in drawn.ticks]
    assert min(b - a for a, b in zip(xs, xs[1:])) >= timeline.YEAR_LABEL  # no label runs into the next
    shown = [tick.year for tick in drawn.month_ticks if tick.year]
    assert shown == [str(year) for year in years]
    short = timeline.build([(datetime.date(2022, 1, 1), "other", 1), (datetime.date(2023, 6, 1), "other", 1)])
    assert [label for _, label in short.ticks] == ["2022", "2023"]  # a short span names every year


def test_a_speakers_timeline_counts_each_month_and_act_as_the_quotes_do(archive):  # noqa: F811
    from collections import Counter

    from archive import timeline
    from archive.models import Speaker

    for speaker in Speaker.objects.filter(quotes__isnull=False).distinct():
        quotes = Quote.objects.filter(speaker=speaker).select_related("article")
        expected = Counter(
            (quote.article.published.replace(day=1) if quote.article.published else None, quote.shown_act)
            for quote in quotes
        )
        codes = timeline.speaker_codes(speaker)
        assert {(month, act): n for month, act, n in codes} == expected
        drawn = timeline.build(codes)
        assert drawn.total == len(quotes) and sum(row.total for row in drawn.rows) == len(quotes) - drawn.undated


def test_compared_timelines_share_one_scale(client, archive):  # noqa: F811
    page = client.get("/speakers/compare/", {"a": "Putin", "b": "Zelensky"}).content.decode()
    assert page.count("<svg viewBox") == 2
    peaks = re.findall(r'<text class="peak" x="\d+" y="16" text-anchor="end">(\d+)</text>', page)
    assert peaks == ["3", "3"]  # Putin's busiest month sets both scales
    assert "could be" not in page and "Vladimir Putin" in page and "Volodymyr Zelenskyy" in page


def test_the_compare_page_takes_typed_names_and_says_when_one_is_unknown(client, archive):  # noqa: F811
    page = client.get("/speakers/compare/", {"a": "putin", "b": "Biden"}).content.decode()
    assert "could be any of these 2" in page and 'href="/speakers/compare/?a=putin&amp;b=joe-biden"' in page
    assert '<datalist id="speaker-names">' in page


def test_print_stylesheet_keeps_the_article_and_its_citation():
    css = (ROOT / "static/archive/redline.css").read_text()
    printed = css.split("@media print {", 1)[1]
    for hidden in (".site-header nav", ".site-footer", "form", ".pagination"):
        assert hidden in printed.split("display: none")[0]
    assert ".timeline-table { position: static" in printed


def test_readme_shows_the_screenshots():
    readme = (ROOT / "README.md").read_text()
    for name in ("permalink-phone.png", "permalink-desktop.png", "speaker-search.png"):
        assert f"docs/screenshots/{name}" in readme and Path(ROOT / "docs/screenshots" / name).exists()
