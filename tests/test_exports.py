"""CSV and JSON exports (streamed, the search's filters) and Atom feeds."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _body(response):
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.parametrize("q", ["", "Russia"])
def test_quote_csv_export_has_every_result_with_the_filters(client, seeded, q):
    response = client.get("/quotes/export.csv", {"q": q, "speaker": "vladimir-putin"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(_body(response).lstrip("\ufeff"))))
    api = client.get("/api/quotes/", {"q": q, "speaker": "vladimir-putin"}).json()
    assert len(rows) == api["count"] > 0
    assert {row["speaker_slug"] for row in rows} == {"vladimir-putin"}
    assert {"act", "weapons", "targets", "conditional", "group", "url"} <= set(rows[0])


def test_quote_json_export_streams_all_pages_with_escalation(client, seeded, monkeypatch):
    from archive import exports

    monkeypatch.setattr(exports, "CHUNK", 2)  # several chunks through both paths
    for q in ("", "Russia"):
        data = json.loads(_body(client.get("/quotes/export.json", {"q": q})))
        assert data["count"] == len(data["results"]) > 2
        assert len({row["id"] for row in data["results"]}) == data["count"]
    threats = json.loads(_body(client.get("/quotes/export.json", {"act": "threat"})))
    assert threats["count"] >= 1 and {row["act"] for row in threats["results"]} == {"threat"}


def test_article_exports(client, seeded):
    rows = list(csv.DictReader(io.StringIO(_body(client.get("/articles/export.csv")).lstrip("\ufeff"))))
    assert len(rows) == 2 and {"title", "source", "published", "group", "url"} <= set(rows[0])
    data = json.loads(_body(client.get("/articles/export.json", {"q": "Tomahawk"})))
    assert data["count"] == 1


def test_bad_export_parameters_get_a_400(client, seeded):
    response = client.get("/quotes/export.csv", {"since": "yesterday"})
    assert response.status_code == 400 and "since" in response.json()["error"]


def test_search_feed_is_atom_newest_first(client, seeded):
    response = client.get("/quotes/feed/", {"q": "Russia", "act": "warning"})
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert entries and all(e.find(f"{ATOM}link").get("href").startswith("http://testserver/quotes/") for e in entries)
    assert all(any(c.get("term") == "warning" for c in e.findall(f"{ATOM}category")) for e in entries)
    assert client.get("/quotes/feed/", {"since": "bad"}).status_code == 400


def test_speaker_feed(client, seeded):
    feed = ET.fromstring(client.get("/speakers/vladimir-putin/feed/").content)
    assert feed.find(f"{ATOM}title").text == "Vladimir Putin in Redline"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 4
    assert all(e.find(f"{ATOM}author/{ATOM}name").text == "Vladimir Putin" for e in entries)
    assert client.get("/speakers/nobody-at-all/feed/").status_code == 404


def test_pages_link_their_exports_and_feeds(client, seeded):
    page = client.get("/quotes/", {"act": "threat"}).content.decode()
    assert 'href="/quotes/export.csv?act=threat"' in page and 'href="/quotes/feed/?act=threat"' in page
    speaker = client.get("/speakers/vladimir-putin/").content.decode()
    assert "/speakers/vladimir-putin/feed/" in speaker and "export.json?speaker=vladimir-putin" in speaker
