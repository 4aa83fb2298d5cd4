"""The review screen's endpoints and the services behind them: only editors, CSRF checked,
spans chosen as words and checked against the text, overlaps refused, every change stored
by the editing service (corrected, codes corrected, the index), and the review queue."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from haystack.query import SearchQuerySet

from archive import services
from archive.ingest.records import ArticleInput
from archive.models import Article, Quote, Speaker

pytestmark = pytest.mark.django_db

TEXT = (
    "Kremlin spokesman Dmitry Peskov spoke on Friday.\n\n"
    "“We will answer any strike with force,” he said. Officials in Kyiv called it a bluff.\n\n"
    "“Nobody wants a wider war,” a senior diplomat said."
)
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def article(search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.ingest_article(ArticleInput(raw_text=TEXT, source="Test Wire")).article


def _url(article, quote=None, action=None):
    base = f"/admin/archive/article/{article.pk}/review/"
    return base + (f"{quote.pk}/{action}/" if quote else "")


def _span(article, words):
    start = article.body.index(words)
    return {"start": start, "end": start + len(words), "text": words}


def test_the_review_screen_marks_every_quote_in_the_text(editor_client, article):
    page = editor_client.get(_url(article)).content.decode()
    for quote in Quote.all_objects.filter(article=article):
        assert f'id="q{quote.pk}" data-quote="{quote.pk}" data-start="{quote.start}" data-end="{quote.end}"' in page
        assert f'id="panel-{quote.pk}"' in page
    assert "review.js" in page and "Keyboard shortcuts" in page
    assert "accept the quote as it is" in page  # the shortcuts are documented on the screen


def test_the_marked_text_is_the_body_character_for_character(editor_client, article):
    """The script counts offsets in the page's text: it must be the body, however it is marked."""
    import html
    import re

    page = editor_client.get(_url(article)).content.decode()
    marked = re.search(r'<div id="review-text"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", marked)) == Article.objects.get(pk=article.pk).body


def test_only_editors_may_review(client, article):
    quote = Quote.objects.filter(article=article).first()
    assert client.get(_url(article)).status_code == 302  # to the login page
    staff = User.objects.create_user("staff", password="pw", is_staff=True)  # staff, not an editor
    client.force_login(staff)
    assert client.get(_url(article)).status_code == 403
    assert client.post(_url(article, quote, "accept")).status_code == 403
    assert client.post(_url(article) + "add/", _span(article, "a bluff")).status_code == 403
    assert client.get("/admin/archive/quote/review/").status_code == 403
    assert not Quote.all_objects.filter(reviewed_at__isnull=False).exists()


def test_posts_without_the_csrf_token_are_refused(editor, article):
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(editor)
    quote = Quote.objects.filter(article=article).first()
    assert checked.post(_url(article, quote, "accept"), **JSON).status_code == 403
    page = checked.get(_url(article)).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    answer = checked.post(_url(article, quote, "accept"), {"csrfmiddlewaretoken": token}, **JSON)
    assert answer.status_code == 200 and answer.json()["ok"]


def test_accept_takes_a_quote_out_of_the_queue_and_reject_hides_it(editor_client, editor, article):
    first, second = Quote.objects.filter(article=article).order_by("start")
    assert set(Quote.all_objects.needs_review()) == {first, second}
    answer = editor_client.post(_url(article, first, "accept"), **JSON).json()
    assert answer["ok"] and answer["progress"] == "1 of 2 reviewed"
    assert f'class="quote attribution-{first.attribution} reviewed" id="q{first.pk}"' in answer["text"]
    assert f'class="quote attribution-{second.attribution}" id="q{second.pk}"' in answer["text"]
    first.refresh_from_db()
    assert first.reviewed_by == editor and first.reviewed_at is not None and not first.corrected
    assert list(Quote.all_objects.needs_review()) == [second]

    # Without the script: a plain post, a redirect back to the quote, a message.
    response = editor_client.post(_url(article, second, "reject"))
    assert response.status_code == 302 and response["Location"].endswith(f"?quote={second.pk}#q{second.pk}")
    assert not Quote.objects.filter(pk=second.pk).exists() and Quote.all_objects.get(pk=second.pk).rejected
    assert not Quote.all_objects.needs_review().exists()
    editor_client.post(_url(article, second, "restore"))
    assert Quote.objects.filter(pk=second.pk).exists()


def test_an_accepted_quote_survives_re_extraction(editor_client, article):
    quote = Quote.objects.filter(article=article).order_by("start").first()
    editor_client.post(_url(article, quote, "accept"))
    services.reingest_article(Article.objects.get(pk=article.pk), index=False)
    kept = Quote.all_objects.get(pk=quote.pk)
    assert kept.reviewed_at is not None and (kept.start, kept.end) == (quote.start, quote.end)


def test_making_a_quote_of_selected_words(editor_client, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = editor_client.post(_url(article) + "add/", _span(article, " called it a bluff.\n"), **JSON).json()
    assert answer["ok"], answer
    made = Quote.objects.get(pk=answer["quote"])
    # Spaces around the words are not the quote; the editor's quote is corrected and reviewed.
    assert made.text == "called it a bluff." and made.corrected and made.reviewed_at is not None
    assert made.attribution == "unattributed" and f'id="q{made.pk}"' in answer["text"]
    assert SearchQuerySet().models(Quote).filter(text="bluff").count() == 1


def test_a_selection_inside_quotation_marks_drops_them_and_keeps_the_punctuation(article):
    body = article.body
    start = body.index("“Nobody")
    _, end = services.quote_span(body, start, body.index(" a senior"))  # "“Nobody wants a wider war,”"
    assert body[start + 1 : end] == "Nobody wants a wider war,"
    start, end = services.quote_span(body, body.index("Nobody"), body.index(" war,") + 4)
    assert body[start:end] == "Nobody wants a wider war,"  # the comma before the closing mark is the quote's


@pytest.mark.parametrize(
    "span, message",
    [
        ({"start": "x", "end": "5"}, "not words of this article"),
        ({"start": "10", "end": "5"}, "not words of this article"),
        ({"start": "-3", "end": "5"}, "not words of this article"),
        ({"start": "0", "end": "999999"}, "not words of this article"),
        ({"start": "0", "end": "7", "text": "Moscow "}, "reload the page"),
        ({"text": "\n\n"}, "no letters"),  # a paragraph break alone
    ],
)
def test_bad_offsets_are_refused_with_a_message(editor_client, article, span, message):
    if "start" not in span:
        span = _span(article, span["text"])
    before = Quote.all_objects.count()
    answer = editor_client.post(_url(article) + "add/", span, **JSON)
    assert answer.status_code == 400 and message in answer.json()["error"]
    assert Quote.all_objects.count() == before
    page = editor_client.post(_url(article) + "add/", span, follow=True).content.decode()
    assert message in page  # without the script, the same message on the screen


def test_an_overlapping_span_is_refused(editor_client, article):
    quote = Quote.objects.filter(article=article).order_by("start").first()
    answer = editor_client.post(_url(article) + "add/", _span(article, "with force,” he said"), **JSON)
    assert answer.status_code == 400 and "overlap the quote “We will answer" in answer.json()["error"]
    # Moving a quote onto another is refused the same way.
    other = Quote.objects.filter(article=article).order_by("start").last()
    answer = editor_client.post(_url(article, other, "span"), _span(article, "any strike with force"), **JSON)
    assert answer.status_code == 400 and "overlap" in answer.json()["error"]
    assert Quote.objects.get(pk=other.pk).start == other.start and Quote.objects.get(pk=quote.pk) == quote
    # A rejected span is no quote: words inside it may become one.
    editor_client.post(_url(article, quote, "reject"))
    made = editor_client.post(_url(article) + "add/", _span(article, "any strike with force"), **JSON).json()
    assert made["ok"]
    # ...and the rejected span cannot come back over them.
    answer = editor_client.post(_url(article, quote, "restore"), **JSON)
    assert answer.status_code == 400 and "overlap" in answer.json()["error"]


def test_nudging_and_moving_a_quotes_ends(editor_client, article):
    quote = Quote.objects.filter(article=article).order_by("start").first()
    assert quote.text == "We will answer any strike with force,"
    editor_client.post(_url(article, quote, "nudge"), {"move": "end-earlier"})
    assert Quote.objects.get(pk=quote.pk).text == "We will answer any strike with"
    editor_client.post(_url(article, quote, "nudge"), {"move": "end-later"})
    assert Quote.objects.get(pk=quote.pk).text == "We will answer any strike with force,"
    editor_client.post(_url(article, quote, "nudge"), {"move": "start-later"})
    assert Quote.objects.get(pk=quote.pk).text == "will answer any strike with force,"
    editor_client.post(_url(article, quote, "nudge"), {"move": "start-earlier"})
    moved = Quote.objects.get(pk=quote.pk)
    assert moved.text == "We will answer any strike with force," and moved.corrected
    answer = editor_client.post(_url(article, quote, "span"), _span(article, "answer any strike"), **JSON).json()
    assert answer["ok"] and Quote.objects.get(pk=quote.pk).text == "answer any strike"
    answer = editor_client.post(_url(article, quote, "nudge"), {"move": "sideways"}, **JSON)
    assert answer.status_code == 400 and "one word earlier or later" in answer.json()["error"]


def test_nudging_never_leaves_a_quote_without_a_word():
    body = "He said “Enough,” and left."
    start = body.index("Enough")
    end = start + len("Enough,")
    assert services.nudged_span(body, start, end, edge="start", step=1) == (start, end)
    assert services.nudged_span(body, start, end, edge="end", step=-1) == (start, end)


def test_changing_the_speaker_by_id_by_name_or_a_new_one(editor_client, article):
    quote = Quote.objects.filter(article=article).order_by("start").last()  # the anonymous diplomat
    kirby = Speaker.objects.create(name="John Kirby", slug="john-kirby")
    prefix = f"q{quote.pk}-"
    answer = editor_client.post(
        _url(article, quote, "speaker"), {prefix + "speaker": kirby.pk, prefix + "name": "John Kirby"}, **JSON
    ).json()
    assert answer["ok"] and answer["message"] == "Speaker: John Kirby."
    quote.refresh_from_db()
    assert quote.speaker == kirby and quote.attribution == "named" and quote.corrected

    # Typed without the script: a unique name or alias finds the speaker.
    editor_client.post(_url(article, quote, "speaker"), {prefix + "name": "Dmitry Peskov"})
    assert Quote.objects.get(pk=quote.pk).speaker.name == "Dmitry Peskov"
    # Namesakes: the editor is told who they could be, by role and count, and nothing changes.
    Speaker.objects.create(name="Dmitry Peskov", slug="dmitry-peskov-2")
    answer = editor_client.post(_url(article, quote, "speaker"), {prefix + "name": "Dmitry Peskov"}, **JSON)
    assert answer.status_code == 400 and "Several speakers go by" in answer.json()["error"]
    assert "dmitry-peskov-2" in answer.json()["error"]
    answer = editor_client.post(_url(article, quote, "speaker"), {prefix + "name": "Nobody Known"}, **JSON)
    assert answer.status_code == 400 and "No speaker is called" in answer.json()["error"]
    # A new speaker, by the editor's word.
    answer = editor_client.post(
        _url(article, quote, "speaker"), {prefix + "name": "Ann Diplomat", prefix + "new": "on"}, **JSON
    ).json()
    assert answer["ok"] and Quote.objects.get(pk=quote.pk).speaker.name == "Ann Diplomat"
    # No name: no speaker.
    editor_client.post(_url(article, quote, "speaker"), {prefix + "name": ""})
    quote.refresh_from_db()
    assert quote.speaker is None and quote.attribution == "unattributed"


def test_correcting_codes_goes_through_the_editing_service(editor_client, article):
    quote = Quote.objects.filter(article=article).order_by("start").first()
    prefix = f"q{quote.pk}-"
    codes = {prefix + "act": "threat", prefix + "weapons": ["storm-shadow"], prefix + "targets": ["nato", "ukraine"]}
    answer = editor_client.post(_url(article, quote, "codes"), {**codes, prefix + "conditional": "on"}, **JSON).json()
    assert answer["ok"], answer
    quote.refresh_from_db()
    assert (quote.act, quote.weapons, quote.targets, quote.conditional) == (
        "threat",
        ["storm-shadow"],
        ["nato", "ukraine"],
        True,
    )
    assert quote.codes_corrected and quote.act_confidence == 1.0 and not quote.corrected
    answer = editor_client.post(_url(article, quote, "codes"), {**codes, prefix + "weapons": ["flamingo"]}, **JSON)
    assert answer.status_code == 400 and "flamingo" in answer.json()["error"]


def test_the_speaker_lookup_tells_namesakes_apart(editor_client, article):
    from archive.models import SpeakerRole

    for n, role in enumerate(["US President", "Hunter's lawyer", ""]):
        speaker = Speaker.objects.create(name="Biden", slug=f"biden-{n}")
        if role:
            SpeakerRole.objects.create(speaker=speaker, title=role)
    results = editor_client.get("/admin/archive/speaker/lookup/?q=biden").json()["results"]
    labels = [result["label"] for result in results]
    assert len(set(labels)) == 3
    assert "Biden — US President · 0 quotes · biden-0" in labels
    # Accents, case and transliteration folded: "peskov" finds Dmitry Peskov by his alias key.
    results = editor_client.get("/admin/archive/speaker/lookup/?q=PESKOV").json()["results"]
    assert results[0]["name"] == "Dmitry Peskov" and results[0]["quotes"] == 1
    # The admin's own autocomplete (quote forms) says the same.
    auto = editor_client.get(
        "/admin/autocomplete/?term=biden&app_label=archive&model_name=quote&field_name=speaker"
    ).json()["results"]
    assert {item["text"] for item in auto} == set(labels)


def test_the_queue_puts_quotes_without_a_named_speaker_first(editor_client, article):
    quotes = list(Quote.all_objects.needs_review())
    assert [quote.attribution for quote in quotes][0] == "anonymous"
    page = editor_client.get("/admin/archive/quote/review/").content.decode()
    assert "2 quotes no editor has accepted" in page and "Start reviewing" in page
    assert page.index("Nobody wants a wider war") < page.index("We will answer")
    # The review screen of an article knows the next article in the queue.
    other = services.ingest_article(ArticleInput(raw_text="“We are ready,” said Ann Lee on Monday.")).article
    screen = editor_client.get(_url(other)).content.decode()
    assert f'data-next-url="/admin/archive/article/{article.pk}/review/?quote=' in screen


def test_a_long_queue_is_read_a_page_at_a_time(editor_client, search_index, monkeypatch):
    from archive import admin_review

    monkeypatch.setattr(admin_review, "QUEUE_PAGE_SIZE", 2)
    for n in range(5):
        services.ingest_article(ArticleInput(raw_text=f"“We are ready for round {n},” said Ann Lee."))
    first = editor_client.get("/admin/archive/quote/review/").content.decode()
    assert "page 1 of 3" in first and 'href="?page=2">next →' in first and "← previous" not in first
    last = editor_client.get("/admin/archive/quote/review/", {"page": 3}).content.decode()
    assert "page 3 of 3" in last and 'href="?page=2">← previous' in last


def test_after_adding_an_article_the_editor_lands_on_its_review_screen(editor_client, search_index):
    response = editor_client.post(
        "/admin/archive/article/add/", {"raw_text": "“We will not back down,” said Ann Lee.", "authors_text": "A, B"}
    )
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/archive/article/{article.pk}/review/"
    change = editor_client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
    assert 'name="authors" value="A, B"' in change and "[&quot;A&quot;" not in change
    assert "Review quotes" in change


def test_authors_are_edited_as_a_list(editor_client, article):
    form = {
        "title": article.title,
        "authors": "Ann Writer,  Bob Smith ,",
        "published": "",
        "url": "",
        "section": "",
        "standfirst": "",
        "photo_credit": "",
        "quotes-TOTAL_FORMS": "0",
        "quotes-INITIAL_FORMS": "0",
    }
    response = editor_client.post(f"/admin/archive/article/{article.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Article.objects.get(pk=article.pk).authors == ["Ann Writer", "Bob Smith"]


def test_public_pages_show_edit_links_to_editors_only(client, editor, article):
    quote = Quote.objects.filter(article=article).first()
    for url in (f"/quotes/{quote.pk}/", f"/articles/{article.pk}/"):
        assert "/review/" not in client.get(url).content.decode()  # a reader, perhaps served from the cache
    client.force_login(editor)
    page = client.get(f"/quotes/{quote.pk}/").content.decode()
    assert f'href="/admin/archive/article/{article.pk}/review/?quote={quote.pk}">Edit</a>' in page
    assert 'href="/admin/archive/quote/review/">Review queue</a>' in page
    assert f"/admin/archive/article/{article.pk}/review/" in client.get(f"/articles/{article.pk}/").content.decode()
    # The editor's pages were neither served from nor put in the readers' cache.
    assert "/review/" not in Client().get(f"/quotes/{quote.pk}/").content.decode()
    # A logged-in user who is not an editor gets no link.
    client.force_login(User.objects.create_user("reader", password="pw"))
    assert "/review/" not in client.get(f"/quotes/{quote.pk}/").content.decode()
