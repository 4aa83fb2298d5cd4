"""A reader's path in real Chromium against real gunicorn: home, search, article, speaker."""

import shutil
from pathlib import Path

import pytest

from .conftest import ROOT
from .live import served_archive

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make browser)"),
]


@pytest.fixture(scope="module")
def live_server_url(tmp_path_factory):
    """Redline as `make run` serves it: migrated, seeds ingested, gunicorn with 2 workers."""
    with served_archive(tmp_path_factory.mktemp("var")) as url:
        yield url


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser.new_page()
        browser.close()


def test_reader_searches_opens_an_article_and_follows_a_quote_to_its_speaker(live_server_url, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(live_server_url + "/")
    assert "Most-quoted speakers" in page.content()
    page.fill("input[name=q]", "escalation")
    page.click("form.search-box button")
    page.wait_for_url("**/search/?q=escalation*")
    assert page.locator("mark.hit").count() >= 2
    page.click("text=Putin’s warning to the US")
    assert page.locator("h1").inner_text().startswith("Putin’s warning to the US")
    assert page.locator("q.quote").count() == 6
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
    page.locator("q.quote + sup.who a.speaker").first.click()
    assert page.locator("h1").inner_text() == "Vladimir Putin"
    assert "4 quotes" in page.content()
    page.screenshot(path=str(ARTIFACTS / "speaker.png"), full_page=True)


def test_malformed_query_shows_a_message_in_the_browser(live_server_url, page):
    page.goto(live_server_url + "/search/?q=" + "x" * 600)
    assert "too long" in page.locator(".error").inner_text()
