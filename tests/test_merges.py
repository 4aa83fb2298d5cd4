"""Merging speakers as an editor does it: a confirmation page that lists what moves, the
survivor the editor chooses, a record in the history, and an undo that splits them again.
And the likely duplicates, each a click from its confirmation."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from haystack.query import SearchQuerySet

from archive import services
from archive.ingest.records import ArticleInput
from archive.models import MergeRecord, Quote, Speaker, SpeakerAlias, SpeakerRedirect, SpeakerRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def namesakes(search_index, django_capture_on_commit_callbacks):
    """Two speakers who are one person, with their own names, roles and quotes (made by hand:
    ingestion may already resolve them to one)."""
    with django_capture_on_commit_callbacks(execute=True):
        services.ingest_article(ArticleInput(raw_text="“We stand with Kyiv,” said US President Joe Biden on Monday."))
        services.ingest_article(ArticleInput(raw_text="“We will not waver,” said Joe Biden in Warsaw."))
        third = services.ingest_article(ArticleInput(raw_text="“We stand firm,” said Ann Lee at the summit.")).article
    joe = Speaker.objects.get(name="Joe Biden")
    joseph = Speaker.objects.create(name="Joseph Biden", slug="joseph-biden")
    SpeakerAlias.objects.create(speaker=joseph, name="Joseph Biden")
    SpeakerRole.objects.create(speaker=joseph, title="Commander in chief")
    Quote.objects.filter(article=third).update(speaker=joseph)
    services.index_articles([third.pk])
    SpeakerRedirect.objects.create(old_slug="joseph-r-biden", speaker=joseph)  # an older merge into Joseph
    return joe, joseph


def _holdings(speaker):
    return (
        set(speaker.aliases.values_list("name", flat=True)),
        {(role.title, role.start, role.end) for role in speaker.roles.all()},
        set(Quote.all_objects.filter(speaker=speaker).values_list("pk", flat=True)),
    )


def test_the_merge_action_asks_first(editor_client, namesakes):
    joe, joseph = namesakes
    response = editor_client.post(
        "/admin/archive/speaker/", {"action": "merge_speakers", "_selected_action": [joe.pk, joseph.pk]}
    )
    assert response.status_code == 302 and "/admin/archive/speaker/merge/?ids=" in response["Location"]
    assert Speaker.objects.filter(pk__in=[joe.pk, joseph.pk]).count() == 2  # nothing merged yet
    page = editor_client.get(response["Location"]).content.decode()
    # The most quoted is offered as survivor; the page says what moves from the other.
    assert f'value="{joe.pk}" id="survivor-{joe.pk}" checked' in page
    assert "What moves into Joe Biden" in page and "1 quote move to Joe Biden" in page
    assert "names kept as aliases: Joseph Biden" in page and "roles added: Commander in chief" in page
    assert "/speakers/joseph-biden/, /speakers/joseph-r-biden/" in page
    # The editor chooses the other survivor: the page shows the other plan.
    page = editor_client.get(response["Location"] + f"&survivor={joseph.pk}").content.decode()
    assert "What moves into Joseph Biden" in page and "2 quotes move to Joseph Biden" in page


def test_a_confirmed_merge_keeps_the_chosen_survivor_and_is_recorded(
    editor_client, namesakes, django_capture_on_commit_callbacks
):
    joe, joseph = namesakes
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/archive/speaker/merge/", {"ids": f"{joe.pk},{joseph.pk}", "survivor": joseph.pk}
        )
    assert response.status_code == 302 and response["Location"] == f"/admin/archive/speaker/{joseph.pk}/change/"
    assert not Speaker.objects.filter(pk=joe.pk).exists()
    assert Quote.objects.filter(speaker=joseph).count() == 3
    assert "Joe Biden" in set(joseph.aliases.values_list("name", flat=True))
    assert SpeakerRedirect.objects.get(old_slug="joe-biden").speaker == joseph
    assert SearchQuerySet().models(Quote).filter(speaker="joseph-biden").count() == 3
    record = MergeRecord.objects.get()
    assert (record.survivor, record.merged_names, record.merged_by.username) == (joseph, "Joe Biden", "editor")
    history = LogEntry.objects.filter(object_id=str(joseph.pk)).first()
    assert "Merged in Joe Biden" in history.get_change_message()
    assert "Undo this merge" in editor_client.get(f"/admin/archive/speaker/{joseph.pk}/history/").content.decode()


def test_undo_splits_the_speakers_back(editor_client, namesakes, client, django_capture_on_commit_callbacks):
    joe, joseph = namesakes
    before = {joe.pk: _holdings(joe), joseph.pk: _holdings(joseph)}
    joe_role = SpeakerRole.objects.get(speaker=joe)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post("/admin/archive/speaker/merge/", {"ids": f"{joe.pk},{joseph.pk}", "survivor": joe.pk})
    moved = client.get("/speakers/joseph-biden/")
    # A browser keeps a 301 for a day, not for ever: the merge may be undone.
    assert moved.status_code == 301 and moved["Cache-Control"] == "max-age=86400"
    record = MergeRecord.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/archive/mergerecord/{record.pk}/undo/")
    assert response.status_code == 302 and response["Location"] == f"/admin/archive/speaker/{joe.pk}/history/"
    joseph = Speaker.objects.get(pk=joseph.pk)  # the same id and address again
    assert joseph.slug == "joseph-biden" and joseph.name == "Joseph Biden"
    assert {joe.pk: _holdings(joe), joseph.pk: _holdings(joseph)} == before
    assert SpeakerRole.objects.get(speaker=joe) == joe_role
    assert client.get("/speakers/joseph-biden/").status_code == 200
    assert SpeakerRedirect.objects.get(old_slug="joseph-r-biden").speaker == joseph
    assert not SpeakerRedirect.objects.filter(old_slug="joseph-biden").exists()
    assert SearchQuerySet().models(Quote).filter(speaker="joseph-biden").count() == 1
    record.refresh_from_db()
    assert record.undone_at is not None and record.undone_by.username == "editor"
    assert "Undid speaker merge" in LogEntry.objects.filter(object_id=str(joe.pk)).first().get_change_message()
    # Once is enough.
    editor_client.post(f"/admin/archive/mergerecord/{record.pk}/undo/")
    assert Speaker.objects.filter(name="Joseph Biden").count() == 1


def test_undo_keeps_what_changed_since(editor_client, namesakes):
    """A quote an editor gave to someone else after the merge stays with them; names the
    survivor was given since stay with it."""
    joe, joseph = namesakes
    joseph_quote = Quote.objects.get(speaker=joseph)
    record = services.merge_recorded(joe, [joseph], editor=None)
    kirby = Speaker.objects.create(name="John Kirby", slug="john-kirby")
    services.set_speaker(Quote.objects.get(pk=joseph_quote.pk), kirby)
    SpeakerAlias.objects.create(speaker=joe, name="President Biden")
    services.undo_merge(record, editor=None)
    assert Quote.objects.get(pk=joseph_quote.pk).speaker == kirby
    assert "President Biden" in set(joe.aliases.values_list("name", flat=True))
    assert "Joseph Biden" not in set(joe.aliases.values_list("name", flat=True))


def test_a_merge_into_a_merge_is_undone_last_first(namesakes):
    joe, joseph = namesakes
    third = Speaker.objects.create(name="J. Biden", slug="j-biden")
    first = services.merge_recorded(joseph, [third], editor=None)
    second = services.merge_recorded(joe, [joseph], editor=None)
    with pytest.raises(Exception, match="undo that merge first"):
        services.undo_merge(first, editor=None)
    services.undo_merge(second, editor=None)
    services.undo_merge(first, editor=None)
    assert set(Speaker.objects.values_list("slug", flat=True)) == {"ann-lee", "joe-biden", "joseph-biden", "j-biden"}


def test_only_editors_may_merge_or_undo(client, namesakes):
    joe, joseph = namesakes
    client.force_login(User.objects.create_user("staff", password="pw", is_staff=True))
    assert client.get(f"/admin/archive/speaker/merge/?ids={joe.pk},{joseph.pk}").status_code == 403
    assert client.post("/admin/archive/speaker/merge/", {"ids": f"{joe.pk},{joseph.pk}"}).status_code == 403
    assert client.get("/admin/archive/speaker/duplicates/").status_code == 403
    record = services.merge_recorded(joe, [joseph], editor=None)
    assert client.post(f"/admin/archive/mergerecord/{record.pk}/undo/").status_code == 403
    assert MergeRecord.objects.get().undone_at is None


def test_merge_and_undo_need_the_csrf_token(editor, namesakes):
    joe, joseph = namesakes
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(editor)
    assert checked.post("/admin/archive/speaker/merge/", {"ids": f"{joe.pk},{joseph.pk}"}).status_code == 403
    assert Speaker.objects.filter(pk=joseph.pk).exists()


def test_likely_duplicates_offer_each_pair_once_with_why(editor_client):
    people = {
        name: Speaker.objects.create(name=name, slug=name.lower().replace(" ", "-").replace(".", ""))
        for name in ["Joe Biden", "J. Biden", "Hunter Biden", "Volodymyr Zelensky", "Volodymyr Zelenskyy"]
    }
    # One woman under her maiden and her married name (Dmitry and Dmitri Peskov are one
    # name now that speaker_key folds transliterations).
    for name in ["Ruth Smith", "Ruth Jones"]:
        people[name] = Speaker.objects.create(name=name, slug=name.lower().replace(" ", "-"))
        SpeakerAlias.objects.create(speaker=people[name], name="Ruth Smith-Jones")  # both were called so
    page = editor_client.get("/admin/archive/speaker/duplicates/").content.decode()
    assert "3 pairs of speakers" in page
    same, alias, initial = (
        page.index("the same name once accents"),
        page.index("both have been called by the same full name"),
        page.index("one first name is the other"),
    )
    assert same < alias < initial  # the strongest evidence first
    assert "Hunter Biden" not in page
    joe, j = people["Joe Biden"], people["J. Biden"]
    assert f"/admin/archive/speaker/merge/?ids={min(joe.pk, j.pk)},{max(joe.pk, j.pk)}&amp;next=" in page or (
        f"/admin/archive/speaker/merge/?ids={j.pk},{joe.pk}&amp;next=" in page
    )
    # One click from the list: the confirmation page, and back to the list after the merge.
    link = page.split('class="button merge-pair" href="')[1].split('"')[0].replace("&amp;", "&")
    confirm = editor_client.get(link)
    assert confirm.status_code == 200 and "What moves into" in confirm.content.decode()
