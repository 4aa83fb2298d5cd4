"""A researcher's path in real Chromium with JavaScript off: a speaker's timeline,
two speakers compared, a quote's lineage, and CSV and JSON exports downloaded."""

import csv
import io
import json
from pathlib import Path

import pytest

from .live import served_archive
from .test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make browser)"),
]

WARNINGS = [
    (
        "2024-03-04",
        "If the West sends Taurus missiles, we will respond with all means, and Germany will pay",
        "Vladimir Putin said in Moscow.",
    ),
    ("2024-06-11", "We do not want a war with NATO, we have no intention to attack anyone", "Vladimir Putin said."),
    (
        "2024-09-12",
        "This will mean that NATO countries are at war with Russia if ATACMS strike our soil",
        "Vladimir Putin warned.",
    ),
    ("2024-11-21", "We are ready for negotiations, but only on our terms", "Vladimir Putin said on Thursday."),
    ("2024-05-02", "We call on Moscow to return to talks and choose the path of diplomacy", "John Kirby said."),
    ("2024-10-08", "The United States will respond decisively if Russia uses a nuclear weapon", "John Kirby said."),
]


def _records(path):
    with path.open("w", encoding="utf-8") as out:
        for n, (date, quote, tail) in enumerate(WARNINGS):
            for outlet in ("Wire One", "The Daily") if n == 2 else ("Wire One",):
                text = (
                    f"Officials spoke on {date} about the war.\n\n“{quote},” {tail}\n\n"
                    f"The statement, reported by {outlet}, came after a week of talks in several capitals."
                )
                out.write(
                    json.dumps(
                        {
                            "id": f"{n}-{outlet}",
                            "title": f"Statement {n} in {outlet}",
                            "text": text,
                            "source": outlet,
                            "published": date,
                            "url": f"https://example.org/{outlet.replace(' ', '-')}/{n}",
                        }
                    )
                    + "\n"
                )
    return path


@pytest.fixture(scope="module")
def research_url(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with served_archive(var, _records(var / "records.jsonl")) as url:
        yield url


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            java_script_enabled=False, accept_downloads=True, viewport={"width": 1100, "height": 900}
        )
        yield context.new_page()
        browser.close()


def test_timeline_and_comparison_render_without_javascript(research_url, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(research_url + "/speakers/vladimir-putin/")
    chart = page.locator("svg.timeline-chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 500 and box["height"] > 100
    for act in ("threat", "reassurance", "talks"):
        assert page.locator(f"svg.timeline-chart rect.act-{act}").count() >= 1, act
    assert "Threat:" in page.locator(".timeline figcaption").inner_text()
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)

    page.fill("#compare-b", "John Kirby")  # a name, typed
    page.click("form.compare button")
    page.wait_for_url("**/speakers/compare/?a=vladimir-putin&b=John+Kirby")
    assert page.locator("svg.timeline-chart").count() == 2
    assert "John Kirby" in page.locator("table.compare-table").inner_text()
    page.screenshot(path=str(ARTIFACTS / "compare.png"), full_page=True)


def test_lineage_shows_every_outlet_earliest_first(research_url, page):
    page.goto(research_url + "/quotes/?q=ATACMS")
    assert page.locator("blockquote.quote-card").count() == 1  # two outlets, shown once
    page.click("a.copies")
    assert page.locator("#lineage li").count() == 2
    assert "earliest source" in page.locator("#lineage li").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "lineage.png"), full_page=True)


def test_exports_download_the_filtered_search(research_url, page):
    page.goto(research_url + "/quotes/?act=threat")
    with page.expect_download() as download_info:
        page.click("a.export-csv")
    rows = list(csv.DictReader(io.StringIO(Path(download_info.value.path()).read_text("utf-8-sig"))))
    assert len(rows) >= 3 and {row["act"] for row in rows} == {"threat"}
    with page.expect_download() as download_info:
        page.click("a.export-json")
    data = json.loads(Path(download_info.value.path()).read_text("utf-8"))
    assert data["count"] == len(rows) == len(data["results"])
    page.goto(research_url + "/quotes/feed/?act=threat")
    assert "<feed" in page.content() or "feed" in page.content()
