"""Editors' corrections: recorded as such, kept by re-extraction, rejected spans hidden everywhere public."""

import pytest
from django.contrib.admin.models import LogEntry
from haystack.query import SearchQuerySet

from archive import services
from archive.ingest.records import ArticleInput
from archive.models import Article, Quote, Speaker

pytestmark = pytest.mark.django_db


def _inline_form(article, changes=None, extra=()):
    """The article's change form as the admin renders it, with some inline rows changed."""
    quotes = list(Quote.all_objects.filter(article=article).order_by("start"))
    data = {
        "title": article.title,
        "title_derived": "on" if article.title_derived else "",
        "source": article.source_id or "",
        "authors": '["' + '", "'.join(article.authors) + '"]' if article.authors else "[]",
        "photo_credit": article.photo_credit,
        "published": article.published.isoformat() if article.published else "",
        "url": article.url,
        "section": article.section,
        "standfirst": article.standfirst,
        "quotes-TOTAL_FORMS": len(quotes) + len(extra),
        "quotes-INITIAL_FORMS": len(quotes),
        "quotes-MIN_NUM_FORMS": 0,
        "quotes-MAX_NUM_FORMS": 1000,
    }
    rows = [
        {
            "id": q.pk,
            "article": article.pk,
            "start": q.start,
            "end": q.end,
            "speaker": q.speaker_id or "",
            "source_description": q.source_description,
            "attribution": q.attribution,
            "cue": q.cue,
            "act": q.act,
            "rejected": "on" if q.rejected else "",
        }
        for q in quotes
    ]
    for quote_id, change in (changes or {}).items():
        next(row for row in rows if row["id"] == quote_id).update(change)
    rows.extend({"article": article.pk, "act": "other", **row} for row in extra)
    for i, row in enumerate(rows):
        for key, value in row.items():
            if value != "":
                data[f"quotes-{i}-{key}"] = value
    return data


def _save(client, article, capture, **kwargs):
    with capture(execute=True):
        response = client.post(f"/admin/archive/article/{article.pk}/change/", _inline_form(article, **kwargs))
    assert response.status_code == 302, response.content.decode()[:4000]


def test_correcting_rejecting_and_adding_quotes_in_the_article_page(
    editor_client, seeded, django_capture_on_commit_callbacks
):
    article = Article.objects.get(title__startswith="Putin’s warning")
    quotes = list(article.quotes.order_by("start"))
    first, second = quotes[0], quotes[1]
    kirby = Speaker.objects.get(name="John Kirby")
    # A span in the body that the extractor did not take as a quote: the article's first words.
    missed = {"start": 0, "end": 20, "speaker": kirby.pk, "attribution": "named", "source_description": "", "cue": ""}
    _save(
        editor_client,
        article,
        django_capture_on_commit_callbacks,
        changes={first.pk: {"speaker": kirby.pk}, second.pk: {"rejected": "on"}},
        extra=[missed],
    )
    assert first.confidence < 1.0
    first.refresh_from_db()
    assert first.speaker == kirby and first.corrected
    assert first.confidence == 1.0  # an editor's word on who said it
    assert Quote.all_objects.get(pk=second.pk).rejected
    added = Quote.all_objects.get(article=article, start=0, end=20)
    assert added.corrected and added.text == article.body[:20] and added.speaker == kirby
    untouched = quotes[2]
    untouched.refresh_from_db()
    assert not untouched.corrected and untouched.confidence == quotes[2].confidence
    # Who did it is in the history.
    entry = LogEntry.objects.filter(user__username="editor", object_id=str(article.pk)).latest("action_time")
    assert "quote" in entry.get_change_message().lower()

    # The rejected span is gone from the public pages, the API and search.
    page = editor_client.get(f"/articles/{article.pk}/").content.decode()
    assert f'id="q{second.pk}"' not in page and f"#q{second.pk}" not in page
    assert editor_client.get(f"/quotes/{second.pk}/").status_code == 404
    api_ids = {result["id"] for result in editor_client.get("/api/quotes/").json()["results"]}
    assert second.pk not in api_ids and added.pk in api_ids
    indexed = {int(result.pk) for result in SearchQuerySet().models(Quote).filter(article_id=str(article.pk))}
    assert second.pk not in indexed and added.pk in indexed
    assert Article.objects.with_quote_count().get(pk=article.pk).quote_count == len(quotes)  # -1 rejected +1 added


def test_reextraction_keeps_the_editors_decisions(editor_client, seeded, django_capture_on_commit_callbacks):
    article = Article.objects.get(title__startswith="Putin’s warning")
    quotes = list(article.quotes.order_by("start"))
    kirby = Speaker.objects.get(name="John Kirby")
    corrected, rejected = quotes[0], quotes[1]
    _save(
        editor_client,
        article,
        django_capture_on_commit_callbacks,
        changes={corrected.pk: {"speaker": kirby.pk, "end": corrected.end - 1}, rejected.pk: {"rejected": "on"}},
    )
    count = Quote.all_objects.filter(article=article).count()
    with django_capture_on_commit_callbacks(execute=True):
        services.reingest_article(article)
    kept = Quote.all_objects.get(pk=corrected.pk)
    assert kept.speaker == kirby and kept.end == corrected.end - 1 and kept.corrected
    assert Quote.all_objects.get(pk=rejected.pk).rejected
    # The extractor's own version of the corrected and rejected spans is not added back.
    spans = list(Quote.all_objects.filter(article=article).values_list("start", "end"))
    assert len(spans) == count
    assert (corrected.start, corrected.end) not in spans
    # Ingesting the same text again never touches the article.
    again = services.ingest_article(ArticleInput(raw_text=article.raw_text))
    assert not again.created and Quote.all_objects.get(pk=corrected.pk).speaker == kirby


def test_quote_page_correction_is_marked_and_logged(editor_client, seeded, django_capture_on_commit_callbacks):
    quote = Quote.objects.get(text__startswith="It’s what’s best")
    kirby = Speaker.objects.get(name="John Kirby")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/archive/quote/{quote.pk}/change/",
            {
                "article": quote.article_id,
                "start": quote.start,
                "end": quote.end,
                "speaker": kirby.pk,
                "source_description": "",
                "cue": quote.cue,
                "attribution": quote.attribution,
                "act": quote.act,
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    quote.refresh_from_db()
    assert quote.corrected and quote.speaker == kirby
    assert LogEntry.objects.filter(user__username="editor", object_id=str(quote.pk), action_flag=2).exists()


def test_a_span_outside_the_body_is_refused(editor_client, seeded):
    article = Article.objects.first()
    quote = article.quotes.first()
    response = editor_client.post(
        f"/admin/archive/article/{article.pk}/change/",
        _inline_form(article, changes={quote.pk: {"end": len(article.body) + 50}}),
    )
    assert response.status_code == 200 and "must fall inside the article body" in response.content.decode()
    quote.refresh_from_db()
    assert not quote.corrected


def test_rejected_quotes_show_in_the_admin_to_be_restored(editor_client, seeded):
    quote = Quote.objects.first()
    Quote.all_objects.filter(pk=quote.pk).update(rejected=True)
    assert editor_client.get(f"/admin/archive/quote/{quote.pk}/change/").status_code == 200
    listing = editor_client.get("/admin/archive/quote/", {"rejected__exact": "1"}).content.decode()
    assert quote.text[:30] in listing


def test_merging_speakers_moves_rejected_quotes_too_and_is_logged(
    editor_client, seeded, django_capture_on_commit_callbacks
):
    vance, kirby = Speaker.objects.get(name="JD Vance"), Speaker.objects.get(name="John Kirby")
    Quote.all_objects.filter(speaker=kirby).update(rejected=True)
    confirm = editor_client.post(
        "/admin/archive/speaker/", {"action": "merge_speakers", "_selected_action": [vance.pk, kirby.pk]}
    )
    assert (
        f'value="{vance.pk}" id="survivor-{vance.pk}" checked'
        in editor_client.get(confirm["Location"]).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post("/admin/archive/speaker/merge/", {"ids": f"{vance.pk},{kirby.pk}", "survivor": vance.pk})
    survivor = Speaker.objects.get(pk=vance.pk)  # offered first: the most-quoted among shown quotes
    assert Quote.all_objects.filter(speaker=survivor).count() == 2
    assert {"John Kirby", "JD Vance"} <= set(survivor.aliases.values_list("name", flat=True))
    assert LogEntry.objects.filter(user__username="editor", object_id=str(kirby.pk), action_flag=3).exists()
    assert LogEntry.objects.filter(user__username="editor", object_id=str(vance.pk), action_flag=2).exists()


def test_editors_add_aliases_and_dated_roles(editor_client, seeded, django_capture_on_commit_callbacks):
    putin = Speaker.objects.get(name="Vladimir Putin")
    aliases, roles = list(putin.aliases.all()), list(putin.roles.all())
    data = {
        "name": putin.name,
        "slug": putin.slug,
        "kind": putin.kind,
        "aliases-TOTAL_FORMS": len(aliases) + 1,
        "aliases-INITIAL_FORMS": len(aliases),
        "aliases-MIN_NUM_FORMS": 0,
        "aliases-MAX_NUM_FORMS": 1000,
        "roles-TOTAL_FORMS": len(roles) + 1,
        "roles-INITIAL_FORMS": len(roles),
        "roles-MIN_NUM_FORMS": 0,
        "roles-MAX_NUM_FORMS": 1000,
    }
    for i, alias in enumerate(aliases):
        data.update({f"aliases-{i}-id": alias.pk, f"aliases-{i}-speaker": putin.pk, f"aliases-{i}-name": alias.name})
    data.update({f"aliases-{len(aliases)}-speaker": putin.pk, f"aliases-{len(aliases)}-name": "V. V. Putin"})
    for i, role in enumerate(roles):
        data.update(
            {
                f"roles-{i}-id": role.pk,
                f"roles-{i}-speaker": putin.pk,
                f"roles-{i}-title": role.title,
                f"roles-{i}-start": role.start or "",
                f"roles-{i}-end": role.end or "",
            }
        )
    n = len(roles)
    data.update(
        {
            f"roles-{n}-speaker": putin.pk,
            f"roles-{n}-title": "Prime Minister of Russia",
            f"roles-{n}-start": "2008-05-08",
            f"roles-{n}-end": "2012-05-07",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/archive/speaker/{putin.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    alias = putin.aliases.get(name="V. V. Putin")
    assert alias.key
    role = putin.roles.get(title="Prime Minister of Russia")
    assert role.start.isoformat() == "2008-05-08" and role.end.isoformat() == "2012-05-07"
    assert LogEntry.objects.filter(user__username="editor", object_id=str(putin.pk)).exists()


def test_speaker_autocomplete_answers_editors(editor_client, seeded):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"term": "kirb", "app_label": "archive", "model_name": "quote", "field_name": "speaker"},
    )
    assert response.status_code == 200
    # Namesakes told apart: role, quote count and slug beside the name.
    assert [result["text"] for result in response.json()["results"]] == [
        "John Kirby — NSC spokesperson · 1 quote · john-kirby"
    ]
