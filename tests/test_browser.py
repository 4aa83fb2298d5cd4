"""A reader's path in real Chromium against real gunicorn: home, search, article, speaker."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS
from .live import environment

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


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def live_server_url(tmp_path_factory):
    """Redline as `make run` serves it: migrated, seeds ingested, gunicorn with 2 workers."""
    var = tmp_path_factory.mktemp("var")
    env = environment(var)
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["ingest", str(SEEDS)]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "archive.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail("gunicorn did not start: " + server.stderr.read().decode())
    yield url
    server.terminate()
    server.wait(timeout=10)


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
