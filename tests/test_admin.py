"""The editors' admin: the Editors group, adding through the ingest service, merging speakers."""

import pytest
from django.contrib.admin.models import LogEntry
from haystack.query import SearchQuerySet

from archive.models import Article, Quote, Speaker

pytestmark = pytest.mark.django_db


def test_editors_group_may_add_and_change_archive_models_but_not_users(editor):
    for model in ("article", "quote", "speaker", "source"):
        assert editor.has_perm(f"archive.add_{model}") and editor.has_perm(f"archive.change_{model}")
    assert not editor.has_perm("auth.add_user") and not editor.has_perm("auth.change_user")


def test_anonymous_users_cannot_reach_the_admin(client):
    response = client.get("/admin/archive/article/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_pasting_an_article_runs_ingestion_and_indexes_it(
    editor_client, search_index, django_capture_on_commit_callbacks
):
    form = {
        "raw_text": "Kremlin spokesman Dmitry Peskov spoke on Friday.\n\n“This is a red line,” he said.",
        "title": "Kremlin draws a line",
        "source_name": "Test Wire",
        "authors_text": "Ann Writer, Bob Smith",
        "url": "https://example.org/line",
        "published": "2024-09-13",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post("/admin/archive/article/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="Kremlin draws a line")
    assert article.authors == ["Ann Writer", "Bob Smith"] and article.source.name == "Test Wire"
    assert article.quotes.get().speaker.name == "Dmitry Peskov"
    assert SearchQuerySet().models(Quote).filter(speaker="dmitry-peskov").count() == 1
    assert LogEntry.objects.filter(user__username="editor", object_id=str(article.pk)).exists()
    change_page = editor_client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
    assert "This is a red line" in change_page


def test_empty_paste_and_duplicates_get_clear_messages(editor_client, seeded):
    empty = editor_client.post("/admin/archive/article/add/", {"raw_text": "   "}).content.decode()
    assert "The text is empty" in empty or "This field is required" in empty
    existing = Article.objects.first()
    duplicate = editor_client.post("/admin/archive/article/add/", {"raw_text": existing.raw_text}).content.decode()
    assert "already in the archive" in duplicate
    assert Article.objects.count() == 2


def test_changing_a_quote_speaker_in_the_admin_updates_search(
    editor_client, seeded, django_capture_on_commit_callbacks
):
    quote = Quote.objects.get(text__startswith="It’s what’s best")
    kirby = Speaker.objects.get(name="John Kirby")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/archive/quote/{quote.pk}/change/",
            {
                "article": quote.article_id,
                "start": quote.start,
                "end": quote.end,
                "text": quote.text,
                "speaker": kirby.pk,
                "source_description": "",
                "cue": quote.cue,
                "attribution": "named",
                "act": quote.act,
                "weapons": ", ".join(quote.weapons),
                "targets": ", ".join(quote.targets),
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SearchQuerySet().models(Quote).filter(speaker="john-kirby").count() == 2
    assert not Quote.objects.get(pk=quote.pk).codes_corrected  # a new speaker does not claim the codes


def test_merge_action(editor_client, seeded, django_capture_on_commit_callbacks):
    vance, kirby = Speaker.objects.get(name="JD Vance"), Speaker.objects.get(name="John Kirby")
    confirm = editor_client.post(
        "/admin/archive/speaker/", {"action": "merge_speakers", "_selected_action": [vance.pk, kirby.pk]}
    )
    assert Speaker.objects.filter(pk__in=[vance.pk, kirby.pk]).count() == 2  # not before the editor confirms
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(confirm["Location"].split("?")[0], {"ids": f"{vance.pk},{kirby.pk}"})
    assert Speaker.objects.filter(pk__in=[vance.pk, kirby.pk]).count() == 1
    survivor = Speaker.objects.get(pk__in=[vance.pk, kirby.pk])
    assert survivor.quotes.count() == 2
