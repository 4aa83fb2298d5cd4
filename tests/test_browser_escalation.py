"""An editor corrects a quote's escalation codes in real Chromium against real gunicorn, and the
correction survives `manage.py code_escalation`: the public page and the API still show it."""

import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .conftest import SEEDS
from .live import environment, gunicorn, manage
from .test_browser import ARTIFACTS, CHROMIUM, page  # noqa: F401 (page is a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make browser)"),
]

PASSWORD = "editor-pw-for-browser-tests"
MAKE_EDITOR = (
    "from django.contrib.auth.models import Group, User; "
    f"u = User.objects.create_user('editor', password='{PASSWORD}', is_staff=True); "
    "u.groups.add(Group.objects.get(name='Editors'))"
)
QUOTE = "It’s what’s best for our interests"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Redline as `make run` serves it, seeds ingested, one editor; and its environment, to run commands."""
    env = environment(tmp_path_factory.mktemp("var"))
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "ingest", str(SEEDS))
    manage(env, "shell", "-c", MAKE_EDITOR)
    with gunicorn(env, workers=2) as url:
        yield url, env


def _api_quote(url, **params):
    query = urllib.parse.urlencode({"q": "interests", **params})
    results = json.loads(urllib.request.urlopen(f"{url}/api/quotes/?{query}").read())["results"]
    return next((quote for quote in results if quote["text"].startswith(QUOTE)), None)


def test_a_corrected_code_survives_code_escalation(site, page):  # noqa: F811
    url, env = site
    ARTIFACTS.mkdir(exist_ok=True)
    before = _api_quote(url)
    assert before["escalation"]["act"] == "other" and before["escalation"]["corrected"] is False

    page.goto(url + "/admin/login/?next=/admin/archive/quote/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/archive/quote/")
    page.fill("#searchbar", "best for our interests")
    with page.expect_navigation():
        page.press("#searchbar", "Enter")
    with page.expect_navigation():
        page.locator("#result_list a", has_text=QUOTE).first.click()
    assert "Coded because" in page.content()

    # A weapon the lexicon does not know is refused, and nothing is saved.
    page.select_option("select[name=act]", "threat")
    page.fill("input[name=weapons]", "Flamingo")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert "Unknown weapon: flamingo" in page.content()

    # Names or slugs, as the editor likes; the codes become the editor's.
    page.select_option("select[name=act]", "threat")
    page.fill("input[name=weapons]", "Storm Shadow, atacms")
    page.fill("input[name=targets]", "NATO")
    page.check("input[name=conditional]")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert "was changed successfully" in page.content()
    assert page.input_value("input[name=weapons]") == "storm-shadow, atacms"
    page.screenshot(path=str(ARTIFACTS / "editor-escalation-codes.png"), full_page=True)

    # Re-coding the whole archive leaves the editor's codes as they are.
    assert "Recoded" in manage(env, "code_escalation").stdout
    after = _api_quote(url, act="threat", weapon="storm-shadow", target="nato")
    assert after is not None, "the corrected quote is no longer found by its codes"
    assert after["escalation"] == {
        "act": "threat",
        "confidence": 1.0,
        "guess": "threat",
        "corrected": True,
        "weapons": ["storm-shadow", "atacms"],
        "targets": ["nato"],
        "conditional": True,
    }
    page.goto(after["url"])
    codes = page.locator("p.codes").inner_text()
    assert "Threat" in codes and "Storm Shadow" in codes and "→ NATO" in codes and "conditional" in codes
