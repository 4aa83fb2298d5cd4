"""A new researcher's flows in real Chromium against real gunicorn (issue 15): typing names
into the filters (with and without JavaScript), choosing among namesakes, the speaker
search, a weapon by name, a spelling suggestion, comparing two speakers by name, the skip
link by keyboard, and a quote's permalink on a 390 px phone and on a desktop.

The screenshots in docs/screenshots/ are copies of what these tests save in test-artifacts/."""

import json
from pathlib import Path

import pytest

from .live import served_archive
from .test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS
from .test_finding import ARTICLES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make browser)"),
]


# A newspaper's address is long and unbroken: the citation must wrap it on a phone.
LONG_URL = (
    "https://www.example.org/2024/09/02/world/europe/statement-{n}-on-long-range-missiles-and-the-war-in-ukraine.html"
)


def _records(path):
    with path.open("w", encoding="utf-8") as out:
        for n, (outlet, date, text) in enumerate(ARTICLES):
            record = {"id": f"find-{n}", "title": f"Statement {n} on the war", "text": f"Statement {n}\n\n{text}"}
            out.write(json.dumps({**record, "source": outlet, "published": date, "url": LONG_URL.format(n=n)}))
            out.write("\n")
    return path


@pytest.fixture(scope="module")
def archive_url(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with served_archive(var, _records(var / "records.jsonl")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser, *, javascript=True, width=1100, height=900, **options):
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": height}, **options
    )
    return context.new_page()


def test_typing_a_surname_finds_the_person_without_javascript(archive_url, browser):
    import urllib.request

    with urllib.request.urlopen(archive_url + "/api/quotes/?speaker=vladimir-putin") as answer:
        putin = json.load(answer)["count"]  # the seeds' and the records' quotes
    page = _page(browser, javascript=False)
    page.goto(archive_url + "/quotes/")
    options = page.locator("datalist#speaker-names option")
    assert options.count() >= 5 and "Vladimir Putin" in [options.nth(n).get_attribute("value") for n in range(5)]
    page.fill("#id_speaker", "putin")
    page.click("form.filters button[type=submit]")
    assert page.locator("p.count").inner_text().startswith(f"{putin} quotes") and putin >= 5
    assert set(page.locator("blockquote.quote-card .speaker").all_inner_texts()) == {"Vladimir Putin"}


def test_an_ambiguous_name_offers_the_people_it_could_be(archive_url, browser):
    page = _page(browser, javascript=False)
    page.goto(archive_url + "/quotes/?speaker=Biden")
    choices = page.locator(".filter-speaker ul.candidates li")
    assert choices.count() == 2
    assert "1 quote" in choices.first.inner_text()
    page.click(".filter-speaker ul.candidates a:text('Hunter Biden')")
    page.wait_for_url("**/quotes/?speaker=hunter-biden")
    assert page.locator("blockquote.quote-card").count() == 1
    assert "My father will keep supporting Ukraine" in page.locator("blockquote.quote-card").inner_text()


def test_the_list_fetches_more_names_as_one_types(archive_url, browser):
    page = _page(browser)
    page.goto(archive_url + "/quotes/")
    page.locator("#id_speaker").press_sequentially("zelensk", delay=40)
    page.wait_for_function(
        "() => [...document.querySelectorAll('datalist#speaker-names option')]"
        ".some(o => o.value === 'Volodymyr Zelenskyy') && document.querySelectorAll('datalist#speaker-names option').length === 1"
    )
    assert "1 quote" in page.locator("datalist#speaker-names option").first.get_attribute("label")
    page.fill("#id_speaker", "Volodymyr Zelenskyy")
    page.press("#id_speaker", "Enter")
    page.wait_for_url("**speaker=Volodymyr+Zelenskyy**")
    assert page.locator("blockquote.quote-card").count() == 1


def test_the_speaker_search(archive_url, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page = _page(browser, javascript=False, width=1100, height=700)
    page.goto(archive_url + "/speakers/")
    assert page.locator("table.speaker-table tbody tr").first.locator("td").first.inner_text() == "Vladimir Putin"
    page.fill("#id_q", "put")
    page.click("form.speaker-search button")
    rows = page.locator("table.speaker-table tbody tr")
    assert [rows.nth(n).locator("td").first.inner_text() for n in range(rows.count())] == [
        "Vladimir Putin",
        "Igor Putin",
    ]
    assert "Moscow councillor" in rows.nth(1).inner_text()
    page.screenshot(path=str(ARTIFACTS / "speaker-search.png"))
    page.select_option("#id_sort", "name")
    page.fill("#id_q", "")
    page.click("form.speaker-search button")
    names = page.locator("table.speaker-table tbody tr td:first-child").all_inner_texts()
    assert names == sorted(names)


def test_a_weapon_by_its_name_and_a_spelling_suggestion(archive_url, browser):
    page = _page(browser, javascript=False)
    page.goto(archive_url + "/quotes/")
    assert page.locator("datalist#weapon-names option[value='Storm Shadow']").count() == 1
    assert "Storm Shadow" in page.locator("#id_weapon_help").inner_text()
    page.fill("#id_weapon", "Storm Shadow")
    page.click("form.filters button[type=submit]")
    assert page.locator("blockquote.quote-card").count() == 1
    page.goto(archive_url + "/search/?q=Stoltenburg")
    page.click(".did-you-mean a")
    page.wait_for_url("**/search/?q=Stoltenberg")
    assert page.locator(".results > *").count() >= 1


def test_comparing_two_speakers_by_name(archive_url, browser):
    page = _page(browser, javascript=False)
    page.goto(archive_url + "/speakers/vladimir-putin/")
    page.fill("#compare-b", "zelensky")
    page.click("form.compare button")
    page.wait_for_url("**/speakers/compare/?a=vladimir-putin&b=zelensky")
    assert page.locator("svg.timeline-chart").count() == 2
    peaks = page.locator("svg.timeline-chart text.peak:first-of-type").all_inner_texts()
    assert len(set(peaks)) == 1  # one scale for both


def test_the_skip_link_by_keyboard(archive_url, browser):
    page = _page(browser)
    page.goto(archive_url + "/quotes/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0  # shown once focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "content"


@pytest.mark.parametrize("width, height, name", [(390, 844, "permalink-phone"), (1280, 800, "permalink-desktop")])
def test_a_permalink_shows_the_quote_and_speaker_on_the_first_screen(archive_url, browser, width, height, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page = _page(
        browser, width=width, height=height, is_mobile=width < 500, device_scale_factor=2 if width < 500 else 1
    )
    page.goto(archive_url + "/quotes/?q=Storm+Shadow")
    page.click("blockquote.quote-card a.permalink")
    page.wait_for_url("**/quotes/*/")
    for selector in (".quote-lead blockquote", ".quote-lead a.speaker", ".quote-lead time"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] + min(box["height"], 60) <= height, (selector, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (selector, box)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # nothing wider than the phone
    assert page.locator(".quote-lead a.speaker").inner_text() == "Vladimir Putin"
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.click("a:text('Read the full article')")
    page.wait_for_url("**/articles/*/#q*")
    assert page.locator("q.quote").first.is_visible()
