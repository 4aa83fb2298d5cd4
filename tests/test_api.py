"""The JSON API: the documented shapes, the same filters as the pages, 400 on bad input."""

import pytest

pytestmark = pytest.mark.django_db

QUOTE_KEYS = {
    "id",
    "text",
    "speaker",
    "source_description",
    "attribution",
    "confidence",
    "escalation",
    "group",
    "article",
    "url",
}
ESCALATION_KEYS = {"act", "confidence", "guess", "corrected", "weapons", "targets", "conditional"}
# `original_url` (where the article was published) was added beside the documented fields.
ARTICLE_KEYS = {"id", "title", "url", "original_url", "source", "published"}


def test_quotes_shape(client, seeded):
    data = client.get("/api/quotes/").json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == 13 and data["next"] is None
    for quote in data["results"]:
        assert set(quote) == QUOTE_KEYS
        assert set(quote["article"]) == ARTICLE_KEYS
        assert quote["attribution"] in {"named", "pronoun", "title", "anonymous", "unattributed"}
        assert quote["url"].startswith("http://testserver/quotes/")
        assert quote["speaker"] is None or set(quote["speaker"]) == {"name", "slug"}
        assert set(quote["escalation"]) == ESCALATION_KEYS
        # How sure the extractor is of the speaker: a named speaker beside its verb more than a guess.
        assert 0 <= quote["confidence"] <= 1
        codes = quote["escalation"]
        acts = {"threat", "warning", "red_line", "denial", "reassurance", "talks", "other"}
        assert codes["guess"] in acts and 0 <= codes["confidence"] <= 1 and codes["corrected"] is False
        # The act shown is the guess only when the coder was sure enough.
        assert codes["act"] == (codes["guess"] if codes["confidence"] >= 0.6 else "uncoded")
        assert isinstance(quote["escalation"]["weapons"], list) and isinstance(quote["escalation"]["conditional"], bool)
        assert isinstance(quote["group"], int)
    anonymous = [q for q in data["results"] if q["attribution"] == "anonymous"]
    assert {q["source_description"] for q in anonymous} == {"a UK government official", "an official cited by Reuters"}
    named = [q["confidence"] for q in data["results"] if q["attribution"] == "named"]
    assert max(named) >= 0.9
    assert all(q["speaker"] is None for q in anonymous)


def test_quotes_filters(client, seeded):
    putin = client.get("/api/quotes/", {"speaker": "vladimir-putin"}).json()
    assert putin["count"] == 4
    assert {q["speaker"]["slug"] for q in putin["results"]} == {"vladimir-putin"}
    searched = client.get("/api/quotes/", {"q": "escalation", "speaker": "vladimir-putin"}).json()
    assert searched["count"] == 2
    assert client.get("/api/quotes/", {"since": "2030-01-01"}).json()["count"] == 0


@pytest.mark.parametrize("q", ["", "Russia"])  # the database browse and the index search
def test_quotes_escalation_filters(client, seeded, q):
    warnings = client.get("/api/quotes/", {"q": q, "act": "warning"}).json()
    assert warnings["count"] >= 1
    assert {quote["escalation"]["act"] for quote in warnings["results"]} == {"warning"}
    nato = client.get("/api/quotes/", {"q": q, "target": "nato"}).json()
    assert nato["count"] >= 1 and all("nato" in quote["escalation"]["targets"] for quote in nato["results"])
    tomahawk = client.get("/api/quotes/", {"q": "" if not q else "escalation", "weapon": "tomahawk"}).json()
    assert tomahawk["count"] >= 1 and all("tomahawk" in quote["escalation"]["weapons"] for quote in tomahawk["results"])
    assert client.get("/api/quotes/", {"q": q, "weapon": "taurus"}).json()["count"] == 0
    assert client.get("/api/quotes/", {"act": "bluster"}).status_code == 400


def test_quotes_paginate_with_next(client, seeded, monkeypatch):
    from archive import api

    monkeypatch.setattr(api, "PAGE_SIZE", 5)
    first = client.get("/api/quotes/").json()
    assert len(first["results"]) == 5 and "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert {q["id"] for q in second["results"]}.isdisjoint({q["id"] for q in first["results"]})


def test_speakers_shape(client, seeded):
    data = client.get("/api/speakers/").json()
    assert data["count"] == 5
    top = data["results"][0]
    assert set(top) == {"name", "slug", "roles", "quote_count", "url"}
    assert top["name"] == "Vladimir Putin" and top["quote_count"] == 4 and "Russian President" in top["roles"]


def test_articles_shape(client, seeded):
    data = client.get("/api/articles/").json()
    assert data["count"] == 2
    for article in data["results"]:
        # section, group and original_url were added beside the documented fields (the exports' columns).
        assert set(article) == {"id", "title", "url", "source", "authors", "published", "quote_count"} | {
            "section",
            "group",
            "original_url",
        }
    by_title = {a["title"]: a for a in data["results"]}
    assert by_title["Putin’s warning to the US"]["authors"] == ["Juanma Bellón"]
    assert by_title["Putin’s warning to the US"]["quote_count"] == 6
    assert client.get("/api/articles/", {"q": "Tomahawk"}).json()["count"] == 1


@pytest.mark.parametrize(
    "url, params",
    [
        ("/api/quotes/", {"since": "not-a-date"}),
        ("/api/quotes/", {"until": "2024-13-45"}),
        ("/api/quotes/", {"page": "abc"}),
        ("/api/quotes/", {"page": "999"}),
        ("/api/quotes/", {"page": "-1"}),
        ("/api/quotes/", {"speaker": "no-such-person"}),
        ("/api/quotes/", {"source": "<b>"}),
        ("/api/quotes/", {"q": "x" * 10_000}),
        ("/api/articles/", {"since": "2024-05-01", "until": "2024-01-01"}),
        ("/api/speakers/", {"page": "0"}),
        ("/api/speakers/", {"bogus": "1"}),
    ],
)
def test_bad_parameters_get_a_400_with_a_json_error(client, seeded, url, params):
    response = client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


@pytest.mark.parametrize("q", ['"unbalanced', "AND OR", "((", "*", "NOT NOT", "title:"])
def test_odd_queries_are_answered(client, seeded, q):
    response = client.get("/api/quotes/", {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)
