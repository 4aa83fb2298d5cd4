"""An editor's path in real Chromium against real gunicorn: log in, paste an article, correct a
speaker with the autocomplete, merge two speakers, and see it all on the public pages and in search."""

import time
import urllib.request
from pathlib import Path

import pytest

from .live import served_archive
from .test_browser import ARTIFACTS, CHROMIUM, page  # noqa: F401 (page is a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make browser)"),
]

PASSWORD = "editor-pw-for-browser-tests"
ARTICLE = (
    "Moscow rejects talks offer\n\n"
    "Kremlin spokesman Dmitry Peskov spoke to reporters on Tuesday about the offer of talks.\n\n"
    "“The proposal is a cynical manoeuvre and nothing more,” Peskov said.\n"
)
MAKE_EDITOR = (
    "from django.contrib.auth.models import Group, User; "
    f"u = User.objects.create_user('editor', password='{PASSWORD}', is_staff=True); "
    "u.groups.add(Group.objects.get(name='Editors'))"
)


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    """Redline as `make run` serves it, seeds ingested, with one user in the Editors group."""
    with served_archive(tmp_path_factory.mktemp("var"), setup_commands=[("shell", "-c", MAKE_EDITOR)]) as url:
        yield url


def _eventually(check, seconds=10):
    """Index writes happen after the request's transaction commits: give them a moment."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.3)
    return True


def test_editor_pastes_corrects_and_merges(editor_site, page):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    # Anonymous visitors are sent to the login page.
    page.goto(editor_site + "/admin/archive/article/add/")
    assert "/admin/login/" in page.url
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/archive/article/add/")

    # Paste an article; the editor lands on its review screen, the extracted quote marked.
    page.fill("textarea[name=raw_text]", ARTICLE)
    page.fill("input[name=source_name]", "Browser Wire")
    page.click("input[name=_continue]")
    page.wait_for_url("**/review/**")
    assert "Extracted 1 quotes" in page.content()
    assert "cynical manoeuvre" in page.locator("#review-text mark.quote.current").inner_text()
    article_path = page.url.split("/admin/archive/article/")[1].split("/")[0]
    page.goto(f"{editor_site}/admin/archive/article/{article_path}/change/")
    row = page.locator("tr.dynamic-quotes, tr.form-row").filter(has_text="cynical manoeuvre").first
    assert "Dmitry Peskov" in row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "editor-review.png"), full_page=True)

    # Correct the speaker through the autocomplete.
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Kirby")
    page.locator(".select2-results__option", has_text="John Kirby").click()
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert "was changed successfully" in page.content()
    row = page.locator("tr.dynamic-quotes, tr.form-row").filter(has_text="cynical manoeuvre").first
    assert "John Kirby" in row.inner_text()

    # The public page and search show the correction.
    page.goto(f"{editor_site}/articles/{article_path}/")
    assert page.locator("q.quote + sup.who a.speaker").first.inner_text() == "John Kirby"
    assert _eventually(
        lambda: (
            "cynical" in urllib.request.urlopen(f"{editor_site}/search/?q=cynical&speaker=john-kirby").read().decode()
        )
    )
    page.goto(f"{editor_site}/search/?q=cynical&speaker=john-kirby")
    assert page.locator("mark.hit").count() >= 1

    # Merge JD Vance into John Kirby (now the more quoted) with the admin action.
    page.goto(editor_site + "/admin/archive/speaker/")
    for name in ("JD Vance", "John Kirby"):
        page.locator("#result_list tr", has_text=name).locator("input.action-select").check()
    page.select_option("select[name=action]", "merge_speakers")
    with page.expect_navigation():
        page.click("button[name=index]")
    # The confirmation page: John Kirby, now the more quoted, is offered as the survivor.
    assert "What moves into John Kirby" in page.content()
    with page.expect_navigation():
        page.click("input[value='Merge into John Kirby']")
    assert "Merged JD Vance into John Kirby" in page.content()
    page.screenshot(path=str(ARTIFACTS / "editor-merge.png"), full_page=True)

    page.goto(editor_site + "/speakers/")
    assert "JD Vance" not in page.locator("main").inner_text()
    page.goto(editor_site + "/speakers/john-kirby/")
    assert "cynical manoeuvre" in page.content() and "It’s what’s best" in page.content()
    assert _eventually(
        lambda: (
            "It’s what’s" in urllib.request.urlopen(f"{editor_site}/search/?q=best&speaker=john-kirby").read().decode()
        )
    )

    # The history says who did each of these.
    page.goto(f"{editor_site}/admin/archive/article/{article_path}/history/")
    assert page.locator("#change-history").inner_text().count("editor") >= 2
