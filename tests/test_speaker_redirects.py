"""A merged or renamed speaker's old address leads to the speaker who holds the quotes now."""

import pytest
from django.contrib.auth.models import Group, User

from archive import services
from archive.ingest.records import ArticleInput
from archive.models import Quote, Speaker, SpeakerRedirect

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_bidens(search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.ingest_article(ArticleInput(raw_text="“We stand with Kyiv,” said Joe Biden on Monday."))
        services.ingest_article(ArticleInput(raw_text="“We stand firm,” said Joseph R. Biden at the summit."))
    # Ingest knows these are one person (issue 12); an archive made before holds two speakers.
    merged = Speaker.objects.create(name="Joseph R. Biden", slug="joseph-r-biden")
    Quote.all_objects.filter(text__startswith="We stand firm").update(speaker=merged)
    return Speaker.objects.get(slug="joe-biden"), merged


def test_merged_speaker_pages_and_feeds_answer_301_to_the_survivor(
    client, two_bidens, django_capture_on_commit_callbacks
):
    survivor, merged = two_bidens
    with django_capture_on_commit_callbacks(execute=True):
        services.merge_speakers(survivor, [merged])

    page = client.get(f"/speakers/{merged.slug}/?q=stand")
    assert page.status_code == 301
    assert page["Location"] == f"/speakers/{survivor.slug}/?q=stand"
    feed = client.get(f"/speakers/{merged.slug}/feed/")
    assert (feed.status_code, feed["Location"]) == (301, f"/speakers/{survivor.slug}/feed/")
    assert client.get(page["Location"]).status_code == 200
    assert client.get("/speakers/nobody-at-all/").status_code == 404


def test_a_merge_into_a_merge_follows_to_the_last_survivor(two_bidens):
    survivor, merged = two_bidens
    third = Speaker.objects.create(name="J. Biden", slug="j-biden")
    services.merge_speakers(merged, [third])
    services.merge_speakers(survivor, [merged])
    assert set(SpeakerRedirect.objects.values_list("old_slug", "speaker__slug")) == {
        ("j-biden", survivor.slug),
        (merged.slug, survivor.slug),
    }


def test_a_new_speaker_never_takes_an_old_address(two_bidens):
    survivor, merged = two_bidens
    services.merge_speakers(survivor, [merged])
    # A later speaker whose name makes the same slug gets another one: the old address stays a redirect.
    assert services.speakers._unique_slug(Speaker, merged.name) == f"{merged.slug}-2"


def test_renaming_a_slug_in_the_admin_keeps_the_old_address(client, two_bidens, django_capture_on_commit_callbacks):
    survivor, _ = two_bidens
    user = User.objects.create_user("editor", password="pw-for-tests", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    form = {
        "name": survivor.name,
        "slug": "joseph-biden",
        "kind": survivor.kind,
        "aliases-TOTAL_FORMS": 0,
        "aliases-INITIAL_FORMS": 0,
        "roles-TOTAL_FORMS": 0,
        "roles-INITIAL_FORMS": 0,
    }
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/admin/archive/speaker/{survivor.pk}/change/", form)
    assert answer.status_code == 302, answer.content[:2000]
    client.logout()
    moved = client.get("/speakers/joe-biden/")
    assert (moved.status_code, moved["Location"]) == (301, "/speakers/joseph-biden/")
