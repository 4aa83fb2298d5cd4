"""Issue 15, researchers: filters take what a person types (a name, a surname, an alias, a
slug, any case, accents and transliterations), say who an ambiguous name could be and what
an unknown one is closest to; weapons and targets by name; full statements only; a merged
speaker's old slug redirects everywhere; the speaker list searches and sorts."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import services
from archive.ingest.records import ArticleInput
from archive.models import Quote, Speaker, SpeakerRole

pytestmark = pytest.mark.django_db

# Invented articles: (outlet, date, text). Vladimir Putin is quoted five times and another
# Putin once, so "Putin" is Vladimir; two Bidens once each, so "Biden" is ambiguous.
ARTICLES = [
    (
        "BBC News",
        "2024-09-02",
        "“We will respond to any strike on our soil with every means we have,” Vladimir Putin said.",
    ),
    ("BBC News", "2024-09-09", "“The West is playing with fire over the long-range missiles,” Vladimir Putin warned."),
    (
        "Reuters",
        "2024-09-16",
        "“Russia is ready for talks, but only on realistic terms,” Vladimir Putin said on Monday.",
    ),
    ("Reuters", "2024-10-01", "“Our answer to Storm Shadow strikes will be swift and harsh,” Vladimir Putin said."),
    ("The Guardian", "2024-10-08", "“Nobody in Moscow wants a war with NATO,” Vladimir Putin told reporters."),
    (
        "The Guardian",
        "2024-10-09",
        "“The city budget must go to the schools first,” said Igor Putin, a Moscow councillor.",
    ),
    ("Reuters", "2024-10-10", "“Ukraine needs long-range weapons to defend its cities now,” said Volodymyr Zelenskyy."),
    ("BBC News", "2024-10-11", "“We stand with Kyiv for as long as it takes,” said Joe Biden at the White House."),
    ("Reuters", "2024-10-12", "“My father will keep supporting Ukraine in every way,” said Hunter Biden."),
    ("The Guardian", "2024-10-13", "“NATO will defend every inch of allied territory,” Jens Stoltenberg said."),
    ("Reuters", "2024-10-14", "Jens Stoltenberg called the plan “reckless” on Tuesday."),
]


@pytest.fixture
def archive(search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n, (outlet, date, text) in enumerate(ARTICLES):
            services.ingest_article(
                ArticleInput(raw_text=f"Statement {n}\n\n{text}", title=f"Statement {n}", source=outlet, published=date)
            )
    return search_index


def _speakers(response):
    return {quote["speaker"]["slug"] for quote in response.json()["results"] if quote["speaker"]}


@pytest.mark.parametrize("typed", ["Putin", "putin", "PUTIN", "Vladimir Putin", "vladimir-putin", "President Putin"])
@pytest.mark.parametrize("q", ["", "talks"])  # the database browse and the index search
def test_a_speaker_filter_takes_what_a_person_types(client, archive, typed, q):
    response = client.get("/api/quotes/", {"speaker": typed, "q": q})
    assert response.status_code == 200, response.content
    assert _speakers(response) == {"vladimir-putin"}
    assert response.json()["count"] == (5 if not q else 1)


@pytest.mark.parametrize("typed", ["zelensky", "Zelenskiy", "ZELENSKYY", "Volodymyr Zelensky", "volodymyr-zelenskyy"])
def test_transliterations_and_accents_are_folded(client, archive, typed):
    assert _speakers(client.get("/api/quotes/", {"speaker": typed})) == {"volodymyr-zelenskyy"}


def test_a_surname_one_person_dominates_is_that_person_and_the_page_says_so(client, archive):
    page = client.get("/quotes/", {"speaker": "Putin"}).content.decode()
    assert "5 quotes" in page and "is read as Vladimir Putin" in page and "Igor Putin" in page


def test_an_ambiguous_name_lists_the_people_it_could_be_each_a_link(client, archive):
    page = client.get("/quotes/", {"speaker": "Biden", "act": ""}).content.decode()
    assert "could be any of these 2" in page
    assert (
        'href="/quotes/?speaker=joe-biden&amp;act="' in page and 'href="/quotes/?speaker=hunter-biden&amp;act="' in page
    )
    assert "1 quote" in page  # each with its count
    answer = client.get("/api/quotes/", {"speaker": "Biden"})
    assert answer.status_code == 400
    body = answer.json()
    assert set(body["errors"]) == {"speaker"} and "could be any of these 2" in body["errors"]["speaker"][0]
    assert {choice["slug"] for choice in body["choices"]["speaker"]} == {"joe-biden", "hunter-biden"}


def test_an_unknown_name_says_so_and_offers_the_closest(client, archive):
    page = client.get("/quotes/", {"speaker": "Stoltenburg"}).content.decode()
    assert "No speaker “Stoltenburg” in the archive" in page and "Closest: Jens Stoltenberg" in page
    assert 'href="/quotes/?speaker=jens-stoltenberg"' in page
    body = client.get("/api/quotes/", {"speaker": "Stoltenburg"}).json()
    assert body["choices"]["speaker"][0]["slug"] == "jens-stoltenberg"
    nobody = client.get("/api/quotes/", {"speaker": "Qwxyz Zzyzx"}).json()
    assert "No speaker" in nobody["error"] and "choices" not in nobody


@pytest.mark.parametrize("typed, outlet", [("BBC", "BBC News"), ("bbc news", "BBC News"), ("guardian", "The Guardian")])
def test_an_outlet_filter_takes_its_name(client, archive, typed, outlet):
    data = client.get("/api/quotes/", {"source": typed}).json()
    assert data["count"] >= 1 and {quote["article"]["source"] for quote in data["results"]} == {outlet}


@pytest.mark.parametrize("typed", ["Storm Shadow", "storm-shadow", "STORM SHADOW", "Storm Shadows", "SCALP"])
def test_a_weapon_is_typed_by_name(client, archive, typed):
    data = client.get("/api/quotes/", {"weapon": typed}).json()
    assert data["count"] == 1 and data["results"][0]["escalation"]["weapons"] == ["storm-shadow"]


def test_an_unknown_weapon_is_an_error_naming_the_closest(client, archive):
    body = client.get("/api/quotes/", {"weapon": "javelin"}).json()
    assert "No weapon “javelin”" in body["errors"]["weapon"][0]
    assert "No weapon “Tomahawks”" not in client.get("/quotes/", {"weapon": "Tomahawks"}).content.decode()
    assert "Tomahawk" in client.get("/api/quotes/", {"weapon": "tomahwak"}).json()["error"]  # closest offered


def test_filter_fields_offer_their_values_and_show_their_help(client, archive):
    page = client.get("/quotes/").content.decode()
    for datalist in ("speaker-names", "source-names", "weapon-names", "target-names"):
        assert f'<datalist id="{datalist}">' in page and f'list="{datalist}"' in page
    assert '<option value="Vladimir Putin" label="Vladimir Putin · 5 quotes">' in page
    assert '<option value="Storm Shadow"' in page and '<option value="NATO"' in page
    assert '<option value="BBC News"' in page
    assert "Storm Shadow, ATACMS" in page  # the weapon's help, shown
    assert 'aria-describedby="id_weapon_help"' in page and 'id="id_weapon_help"' in page
    assert "What the quote does, by Redline" in page  # the act's help


def test_full_statements_only_leaves_out_fragments(client, archive):
    fragment = Quote.objects.get(text="reckless")
    for q in ("", "reckless"):
        everything = client.get("/api/quotes/", {"speaker": "jens-stoltenberg", "q": q}).json()
        full = client.get("/api/quotes/", {"speaker": "jens-stoltenberg", "q": q, "full": "1"}).json()
        assert fragment.pk in {quote["id"] for quote in everything["results"]}
        assert fragment.pk not in {quote["id"] for quote in full["results"]}
    assert client.get("/api/quotes/", {"speaker": "jens-stoltenberg", "full": "0"}).json()["count"] == 2
    page = client.get("/speakers/jens-stoltenberg/", {"full": "1"}).content.decode()
    assert '<p class="count">1 quote</p>' in page and 'name="full"' in page and "Full statements only" in page
    rows = list(csv.DictReader(io.StringIO(_body(client.get("/quotes/export.csv", {"full": "1"})).lstrip("\ufeff"))))
    assert rows and all(len(row["text"].split()) >= 4 for row in rows)


def _body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def test_an_old_slug_answers_301_to_the_survivor_in_filters_feeds_and_exports(
    client, archive, django_capture_on_commit_callbacks
):
    joe, hunter = Speaker.objects.get(slug="joe-biden"), Speaker.objects.get(slug="hunter-biden")
    with django_capture_on_commit_callbacks(execute=True):
        services.merge_speakers(joe, [hunter])
    for path in ("/api/quotes/", "/quotes/", "/quotes/feed/", "/quotes/export.csv", "/quotes/export.json", "/search/"):
        response = client.get(path, {"speaker": "hunter-biden", "q": "Ukraine"})
        assert response.status_code == 301, path
        assert response["Location"] == f"{path}?speaker=joe-biden&q=Ukraine", path
    compare = client.get("/speakers/compare/", {"a": "hunter-biden", "b": "vladimir-putin"})
    assert (compare.status_code, compare["Location"]) == (301, "/speakers/compare/?a=joe-biden&b=vladimir-putin")
    assert client.get("/api/quotes/", {"speaker": "joe-biden"}).json()["count"] == 2


# -- the API's contracts -------------------------------------------------------------------


def test_lists_give_previous_beside_next(client, archive, monkeypatch):
    from archive import api

    monkeypatch.setattr(api, "PAGE_SIZE", 4)
    first = client.get("/api/quotes/").json()
    assert first["previous"] is None and "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert second["previous"].endswith("page=1") and client.get(second["previous"]).json() == first
    for path in ("/api/speakers/", "/api/articles/"):
        data = client.get(path).json()
        assert data["previous"] is None and "next" in data


@pytest.mark.parametrize(
    "path",
    ["/api/quotes/", "/api/articles/", "/api/speakers/", "/quotes/export.csv", "/articles/export.json"],
)
def test_unknown_parameters_answer_400_naming_the_known_ones(client, archive, path):
    response = client.get(path, {"spaeker": "putin", "q": "war"})
    assert response.status_code == 400
    body = response.json()
    assert "Unknown parameter: spaeker" in body["error"] and "This address takes:" in body["error"]
    assert "page" in body["error"] and "q" in body["error"]
    assert set(body["errors"]) == {"spaeker"}


def test_errors_are_given_per_field(client, archive):
    body = client.get("/api/quotes/", {"since": "yesterday", "until": "2024-13-01", "q": "war"}).json()
    assert set(body["errors"]) == {"since", "until"}
    assert body["errors"]["since"] == ["Enter a valid date."] and body["error"].startswith("since:")
    both = client.get("/api/articles/", {"since": "2024-05-01", "until": "2024-01-01"}).json()
    assert set(both["errors"]) == {"__all__"}
    page = client.get("/api/speakers/", {"page": "x"}).json()
    assert set(page["errors"]) == {"page"}
    export = client.get("/quotes/export.json", {"since": "nope"}).json()
    assert set(export["errors"]) == {"since"}


def test_an_export_that_finds_nothing_still_has_its_header(client, archive):
    text = _body(client.get("/quotes/export.csv", {"since": "2030-01-01"})).lstrip("\ufeff")
    header = next(csv.reader(io.StringIO(text)))
    assert header[:3] == ["id", "text", "speaker"] and "act" in header and len(text.splitlines()) == 1
    articles = _body(client.get("/articles/export.csv", {"q": "nothingatallhere"})).lstrip("\ufeff")
    assert next(csv.reader(io.StringIO(articles)))[:2] == ["id", "title"]
    assert json.loads(_body(client.get("/quotes/export.json", {"since": "2030-01-01"}))) == {"count": 0, "results": []}


@pytest.mark.parametrize("path", ["/api/quotes/?q=putin", "/api/speakers/", "/quotes/", "/quotes/export.csv"])
def test_a_repeat_request_gets_304_until_the_archive_changes(client, archive, path, django_capture_on_commit_callbacks):
    first = client.get(path)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and first["Cache-Control"] == "no-cache"
    again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        services.ingest_article(ArticleInput(raw_text="Later\n\n“We will see,” Vladimir Putin said.", title="Later"))
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_bad_request_never_gets_304(client, archive):
    ok = client.get("/api/quotes/")
    response = client.get("/api/quotes/", {"since": "bad"}, HTTP_IF_MODIFIED_SINCE=ok["Last-Modified"])
    assert response.status_code == 400


# -- the list of speakers ----------------------------------------------------------------------


def test_the_speaker_list_searches_and_sorts(client, archive):
    page = client.get("/speakers/", {"q": "zelenskiy"}).content.decode()
    assert "Volodymyr Zelenskyy" in page and "Vladimir Putin" not in page and "1 speaker" in page
    by_name = client.get("/api/speakers/", {"sort": "name"}).json()
    names = [speaker["name"] for speaker in by_name["results"]]
    assert names == sorted(names)
    by_quotes = client.get("/api/speakers/").json()["results"]
    assert by_quotes[0]["name"] == "Vladimir Putin" and by_quotes[0]["quote_count"] == 5
    putins = client.get("/api/speakers/", {"q": "put"}).json()["results"]
    assert [speaker["slug"] for speaker in putins] == ["vladimir-putin", "igor-putin"]
    assert client.get("/api/speakers/", {"sort": "sideways"}).status_code == 400
    assert 'name="q"' in client.get("/speakers/").content.decode()


def test_a_first_name_alone_filters_by_the_one_person_so_called(client, archive):
    assert _speakers(client.get("/api/quotes/", {"speaker": "Joe"})) == {"joe-biden"}
    assert _speakers(client.get("/api/quotes/", {"speaker": "jens"})) == {"jens-stoltenberg"}


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("joe", {"joe-biden"}),  # keyed "joseph biden": the typed word is a first name too
        ("Jens", {"jens-stoltenberg"}),
        ("volodymyr", {"volodymyr-zelenskyy", "vladimir-putin"}),  # one first name transliterated
        ("hunt", {"hunter-biden"}),
    ],
)
def test_the_speaker_list_finds_people_by_their_first_name(client, archive, typed, found):
    results = client.get("/api/speakers/", {"q": typed}).json()["results"]
    assert {speaker["slug"] for speaker in results} == found


def test_roles_shown_are_clean(client, archive):
    import datetime

    putin = Speaker.objects.get(slug="vladimir-putin")
    zelensky = Speaker.objects.get(slug="volodymyr-zelenskyy")
    day = datetime.date(2024, 9, 2)
    for title, start, end in [
        ("President", datetime.date(2022, 1, 1), datetime.date(2024, 10, 1)),
        ("the President", day, day),  # variants of one role show once
        ("Russia's President", datetime.date(2023, 1, 1), datetime.date(2024, 9, 1)),
        ("Russia’s president", day, day),
        ("Russia President", day, day),
        ("Putin's spokesman", day, day),  # names him: someone else's title
        ("Ukraine's president", day, day),  # Zelenskyy held it all that time
    ]:
        SpeakerRole.objects.create(speaker=putin, title=title, start=start, end=end)
    SpeakerRole.objects.create(
        speaker=zelensky, title="Ukraine's president", start=datetime.date(2022, 1, 1), end=datetime.date(2024, 12, 1)
    )
    roles = client.get("/api/speakers/", {"q": "vladimir putin"}).json()["results"][0]["roles"]
    assert roles == ["President", "Russia's President"]
    page = client.get("/speakers/vladimir-putin/").content.decode()
    assert "President; Russia&#39;s President" in page or "President; Russia's President" in page
    assert "Ukraine" not in page.split("<h1>")[1].split("</p>")[0]


def test_pages_read_no_row_per_speaker_and_no_count_over_every_speaker(client, archive):
    """The speaker page's compare field is typed, its datalist and the speaker list's counts
    read once per archive version: building a page again costs the same few queries."""
    client.get("/speakers/vladimir-putin/")  # the remembered lists are read once
    client.cookies["sessionid"] = "reader"  # a session bypasses the page cache: each page is built afresh
    for path in ("/speakers/vladimir-putin/", "/speakers/", "/quotes/?speaker=Putin", "/", "/api/speakers/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        every_speaker = [
            query["sql"]
            for query in queries.captured_queries
            if "COUNT(" in query["sql"].upper()
            and '"archive_speaker"' in query["sql"]
            and " WHERE " not in query["sql"]
        ]
        assert not every_speaker, (path, every_speaker)
        assert len(queries) <= 12, (path, [query["sql"][:120] for query in queries.captured_queries])
