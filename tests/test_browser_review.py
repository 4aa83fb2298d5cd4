"""The editors' flows in real Chromium against real gunicorn, used as a person would: a review
by keyboard alone, the review screen with the mouse (select words, drag an end, pick a
speaker among namesakes, codes), the queue from a public quote page, and likely duplicates
merged through the confirmation page and undone from the history."""

import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .live import served_archive
from .test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make browser)"),
]

PASSWORD = "editor-pw-for-browser-tests"
SETUP = f"""
from django.contrib.auth.models import Group, User
from archive import services
from archive.models import Quote, Speaker, SpeakerAlias, SpeakerRole
u = User.objects.create_user('editor', password='{PASSWORD}', is_staff=True)
u.groups.add(Group.objects.get(name='Editors'))
for slug, role in [('biden', 'US President'), ('biden-2', 'Senate committee chair'), ('biden-3', '')]:
    s = Speaker.objects.create(name='Biden', slug=slug)
    SpeakerAlias.objects.create(speaker=s, name='Biden')
    if role:
        SpeakerRole.objects.create(speaker=s, title=role)
v = Speaker.objects.create(name='V. Putin', slug='v-putin')
SpeakerAlias.objects.create(speaker=v, name='V. Putin')
SpeakerRole.objects.create(speaker=v, title='Russian leader')
moved = Quote.objects.get(text__startswith='will not change the balance')
Quote.objects.filter(pk=moved.pk).update(speaker=v)
services.index_articles([moved.article_id])
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Redline as `make run` serves it, seeds ingested, one editor, namesakes and a duplicate."""
    with served_archive(tmp_path_factory.mktemp("var"), setup_commands=[("shell", "-c", SETUP)]) as url:
        yield url


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        browser.close()
        assert not errors, errors  # the script never fails in the page


def _api(url, path, **params):
    return json.loads(urllib.request.urlopen(f"{url}{path}?{urllib.parse.urlencode(params)}").read())


def _quote(url, words):
    return next(q for q in _api(url, "/api/quotes/", q=words)["results"] if words in q["text"])


def _log_in(page, url, target):
    page.goto(f"{url}/admin/login/?next={target}")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


def _settled(page, message):
    """Wait until the screen says the server answered with `message`."""
    from playwright.sync_api import expect

    expect(page.locator("#review-status")).to_have_text(message, timeout=10_000)


def _current(page):
    return page.locator(".quote-panel.current .panel-text").inner_text()


def _word_box(page, words, *, at):
    """The screen position of a word in the review text: the middle of its first or last letter."""
    return page.evaluate(
        """([words, at]) => {
            const text = document.getElementById('review-text');
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const i = node.data.indexOf(words);
                if (i < 0) continue;
                const j = at === 'start' ? i : i + words.length - 1;
                const range = document.createRange();
                range.setStart(node, j);
                range.setEnd(node, j + 1);
                const box = range.getBoundingClientRect();
                return {x: box.x + box.width / 2, y: box.y + box.height / 2};
            }
            return null;
        }""",
        [words, at],
    )


def test_a_review_by_keyboard_alone(site, browser_page):
    page = browser_page
    article = _quote(site, "It’s what’s best")["article"]
    page.goto(f"{site}/admin/login/?next=/admin/archive/article/{article['id']}/review/")
    page.keyboard.type("editor")  # the login form has the focus
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Keyboard shortcuts" in page.content()
    assert page.evaluate("document.activeElement.matches('mark.quote.current')")  # ready for the keys
    first = _current(page)
    assert "a new escalation" in first

    page.keyboard.press("a")  # accept, and on to the next
    _settled(page, "Accepted.")
    assert "It’s what’s best for our interests" in _current(page)
    page.keyboard.press("r")  # not a quote
    _settled(page, "Rejected: not a quote. It stays here to restore.")
    assert "This would mark a qualitatively new stage" in _current(page)

    page.keyboard.press("s")  # the speaker: a name, the list, Enter
    page.keyboard.type("Kirby")
    page.locator(".quote-panel.current [role=option]", has_text="NSC spokesperson").wait_for()
    page.keyboard.press("Enter")
    _settled(page, "Speaker: John Kirby.")
    page.keyboard.press("-")  # the end one word earlier, and back
    _settled(page, "Moved the end.")
    assert not _current(page).endswith("Russia,”")
    page.keyboard.press("=")
    _settled(page, "Moved the end.")
    page.keyboard.press("a")
    _settled(page, "Accepted.")
    assert page.locator("#review-progress").inner_text() == "3 of 6 reviewed"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-keyboard.png"))

    # What the keys did, as the public API has it.
    assert not [q for q in _api(site, "/api/quotes/", q="interests")["results"] if "what’s best" in q["text"]]
    marked = _quote(site, "This would mark a qualitatively new stage")
    assert marked["speaker"]["slug"] == "john-kirby" and marked["text"].endswith("United States and Russia,")


def test_the_review_screen_with_the_mouse(site, browser_page):
    page = browser_page
    quote = _quote(site, "Russia started this conflict")
    _log_in(page, site, f"/quotes/{quote['id']}/")
    # "Edit" on the public quote page opens the review screen at that quote.
    with page.expect_navigation():
        page.click(".editor-links a:text('Edit')")
    assert "/review/" in page.url and page.locator("mark.quote.current").inner_text() == "Russia started this conflict,"

    # Select words with the mouse: the quote is made of whole words.
    start, end = _word_box(page, "regard", at="start"), _word_box(page, "agreement", at="end")
    page.mouse.move(start["x"] - 2, start["y"])
    page.mouse.down()
    page.mouse.move(end["x"], end["y"], steps=8)
    page.mouse.up()
    assert page.locator(".make-quote-preview").inner_text() == "regard such an agreement"
    page.click(".make-quote-submit")
    _settled(page, "Made a quote of “regard such an agreement”.")
    assert page.locator("mark.quote.current").inner_text() == "regard such an agreement"

    # Drag its end onto a later word.
    handle = page.locator("mark.quote.current .handle-end").bounding_box()
    target = _word_box(page, "tantamount", at="start")
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(target["x"], target["y"], steps=8)
    page.mouse.up()
    _settled(page, "Moved.")
    assert page.locator("mark.quote.current").inner_text() == "regard such an agreement as tantamount"
    page.click(".quote-panel.current button[aria-label='Start one word later']")
    _settled(page, "Moved the start.")
    assert page.locator("mark.quote.current").inner_text() == "such an agreement as tantamount"

    # Three speakers called Biden: the list tells them apart by role and count.
    page.click(".quote-panel.current input.speaker-name")
    page.keyboard.type("Biden")
    options = page.locator(".quote-panel.current [role=option]")
    options.first.wait_for()
    labels = options.all_inner_texts()
    assert "Biden — US President · 0 quotes · biden" in labels
    assert "Biden — Senate committee chair · 0 quotes · biden-2" in labels and len(set(labels)) == len(labels)
    options.filter(has_text="US President").click()
    _settled(page, "Speaker: Biden.")

    # The codes: act, a weapon among the lexicon's.
    panel = page.locator(".quote-panel.current")
    panel.locator("select[data-key=c]").select_option("threat")
    panel.locator("label", has_text="Storm Shadow").click()
    panel.locator("button", has_text="Save codes").click()
    _settled(page, "Codes saved.")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review.png"))

    made = _quote(site, "such an agreement as tantamount")
    assert made["speaker"]["slug"] == "biden" and made["escalation"]["weapons"] == ["storm-shadow"]
    assert made["escalation"]["act"] == "threat" and made["escalation"]["corrected"] is True


def test_the_queue_is_a_click_from_a_public_quote_page(site, browser_page):
    page = browser_page
    quote = _quote(site, "The United States regularly transmits")
    _log_in(page, site, f"/quotes/{quote['id']}/")
    with page.expect_navigation():
        page.click(".editor-links a:text('Review queue')")
    assert page.locator("h1").inner_text() == "Review queue"
    rows = page.locator("#content-main tbody tr").all_inner_texts()
    assert "anonymous" in rows[0] or "unattributed" in rows[0]  # the least sure first
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"))
    with page.expect_navigation():
        page.click("text=Start reviewing")
    assert page.locator(".quote-panel.current").count() == 1 and "/review/" in page.url


def test_likely_duplicates_merged_after_confirmation_and_undone(site, browser_page):
    page = browser_page
    _log_in(page, site, "/admin/archive/speaker/")
    with page.expect_navigation():
        page.click("text=Likely duplicates")
    row = page.locator("tbody tr", has_text="V. Putin")
    assert "one first name is the other’s initial" in row.inner_text().replace("'", "’")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "duplicates.png"), full_page=True)
    with page.expect_navigation():
        row.locator("a.merge-pair").click()

    # The confirmation page: the editor looks at the other survivor, then keeps Vladimir Putin.
    assert "What moves into Vladimir Putin" in page.content()
    page.check("label:text('V. Putin') >> xpath=../../td/input")
    with page.expect_navigation():
        page.click("button[name=show]")
    assert "What moves into V. Putin" in page.content()
    page.check("label:text('Vladimir Putin') >> xpath=../../td/input")
    with page.expect_navigation():
        page.click("button[name=show]")
    moves = page.locator(".what-moves").inner_text()
    assert "1 quote move to Vladimir Putin" in moves and "roles added: Russian leader" in moves
    assert "/speakers/v-putin/" in moves
    page.screenshot(path=str(ARTIFACTS / "merge-confirm.png"), full_page=True)
    with page.expect_navigation():
        page.click("input[value='Merge into Vladimir Putin']")
    assert "Merged V. Putin into Vladimir Putin" in page.content()
    assert "/likely" not in page.url and "duplicates" in page.url  # back to the list it came from
    assert "V. Putin" not in page.locator("#content-main tbody").inner_text()

    # The old address leads to the survivor.
    page.goto(f"{site}/speakers/v-putin/")
    assert page.url.endswith("/speakers/vladimir-putin/") and "balance of power" in page.content()

    # Undo from the survivor's history.
    page.goto(f"{site}/admin/archive/speaker/")
    page.fill("#searchbar", "Vladimir Putin")
    with page.expect_navigation():
        page.press("#searchbar", "Enter")
    with page.expect_navigation():
        page.click("#result_list a:text('Vladimir Putin')")
    with page.expect_navigation():
        page.click("a.historylink")
    assert "Merges into Vladimir Putin" in page.content()
    with page.expect_navigation():
        page.click("button:text('Undo this merge')")
    assert "Undid the merge of V. Putin into Vladimir Putin" in page.content()
    # The address is V. Putin's again (asked afresh: this browser remembers the 301 for a day).
    again = urllib.request.urlopen(f"{site}/speakers/v-putin/")
    assert again.geturl().endswith("/speakers/v-putin/") and "balance of power" in again.read().decode()
