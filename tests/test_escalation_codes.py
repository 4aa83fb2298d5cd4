"""Escalation codes in the archive: coded at ingest as extract_quotes codes them, shown as
"uncoded" when the coder was unsure, corrected by editors, and kept through re-coding and
re-extraction."""

import importlib
import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command

from archive import services
from archive.ingest.escalation import UNCODED_BELOW
from archive.ingest.pipeline import quotes_for_records
from archive.ingest.records import ArticleInput
from archive.models import Article, EscalationTerm, Quote

pytestmark = pytest.mark.django_db

TEXT = (
    "Moscow answers the missile decision\n\n"
    "Putin said that if the West sends Tomahawk missiles to Kyiv, Russia would “respond decisively”.\n\n"
    "“We are ready,” Peskov said, “and we will strike back at any attack.”\n\n"
    "“The harvest was late this year,” a farmer said."
)


@pytest.fixture
def article(search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.ingest_article(ArticleInput(raw_text=TEXT, label="test", published="2024-09-13")).article


def test_ingest_codes_quotes_as_extract_quotes_does(article):
    """Same function, same context: each quote among the other quotes of its sentence."""
    records = [
        {"id": str(n), "doc_id": "a", "text": paragraph} for n, (_, paragraph) in enumerate(article.paragraphs())
    ]
    extracted = [quote["escalation"] for record in quotes_for_records(records) for quote in record["quotes"]]
    held = [
        {
            "act": q.act,
            "weapons": q.weapons,
            "targets": q.targets,
            "conditional": q.conditional,
            "confidence": q.act_confidence,
        }
        for q in Quote.objects.filter(article=article).order_by("start")
    ]
    assert held == extracted
    respond = Quote.objects.get(article=article, text="respond decisively")
    assert (respond.act, respond.weapons, respond.targets, respond.conditional) == (
        "threat",
        ["tomahawk"],
        ["the-west"],
        True,
    )
    # "We are ready" alone says nothing; with the other quoted part of its sentence it is a threat.
    assert Quote.objects.get(article=article, text__startswith="We are ready").act == "threat"


def _make_unsure(quote, act="warning", confidence=UNCODED_BELOW - 0.05):
    Quote.all_objects.filter(pk=quote.pk).update(act=act, act_confidence=confidence)
    quote.refresh_from_db()
    return quote


def test_a_code_the_coder_was_unsure_of_shows_uncoded_not_a_guess(client, article):
    unsure = _make_unsure(Quote.objects.get(article=article, text__startswith="The harvest"))
    assert unsure.shown_act == "uncoded"
    page = client.get(unsure.get_absolute_url()).content.decode()
    assert "act-uncoded" in page and ">Uncoded<" in page and ">Warning<" not in page
    listed = client.get("/quotes/", {"act": "warning"}).content.decode()
    assert "The harvest" not in listed
    assert "The harvest" in client.get("/quotes/", {"act": "uncoded"}).content.decode()
    (row,) = [q for q in client.get("/api/quotes/").json()["results"] if q["text"].startswith("The harvest")]
    assert row["escalation"]["act"] == "uncoded" and row["escalation"]["guess"] == "warning"
    assert row["escalation"]["confidence"] == pytest.approx(UNCODED_BELOW - 0.05)
    export = json.loads(b"".join(client.get("/quotes/export.json", {"act": "uncoded"}).streaming_content))
    assert [r["act_guess"] for r in export["results"]] == ["warning"]


def test_the_act_filter_says_what_acts_mean_and_how_accurate_they_are(client, article):
    page = client.get("/quotes/").content.decode()
    assert "What this means" in page and "red line or ultimatum" in page
    # The held-out figure, and that it is no better than answering "other", not only the dev figure.
    assert "360 hand-coded quotes" in page and "no better than answering" in page


def test_an_editors_codes_are_marked_sure_and_slugged(article):
    quote = Quote.objects.get(article=article, text__startswith="The harvest")
    quote.act, quote.weapons, quote.targets = "threat", ["Storm Shadow", "atacms"], ["NATO"]
    services.save_quote(quote, changed=["act", "weapons", "targets"])
    quote.refresh_from_db()
    assert quote.codes_corrected and quote.act_confidence == 1.0 and not quote.corrected
    assert quote.weapons == ["storm-shadow", "atacms"] and quote.targets == ["nato"]


def test_weapons_and_targets_must_be_in_the_lexicon_or_the_editors_terms(article):
    with pytest.raises(ValidationError, match="Unknown weapon: flamingo"):
        services.term_slugs("weapon", "Storm Shadow, Flamingo")
    EscalationTerm.objects.create(kind="weapon", label="Flamingo", pattern="flamingos?")
    assert services.term_slugs("weapon", "Storm Shadow, Flamingo") == ["storm-shadow", "flamingo"]
    assert services.term_slugs("target", ["the West", "eu"]) == ["the-west", "eu"]


def test_corrected_codes_survive_recoding_and_reextraction(article, django_capture_on_commit_callbacks):
    quote = Quote.objects.get(article=article, text__startswith="The harvest")
    quote.act, quote.weapons, quote.targets, quote.conditional = "red_line", ["nuclear"], ["russia"], True
    services.save_quote(quote, changed=["act", "weapons", "targets", "conditional"])
    other = _make_unsure(Quote.objects.get(article=article, text="respond decisively"), act="other")

    call_command("code_escalation", "--no-index", stdout=StringIO())
    quote.refresh_from_db()
    other.refresh_from_db()
    assert (quote.act, quote.weapons, quote.targets, quote.conditional) == ("red_line", ["nuclear"], ["russia"], True)
    assert other.act == "threat" and other.act_confidence >= UNCODED_BELOW  # the coder's codes are coded again

    with django_capture_on_commit_callbacks(execute=True):
        services.reingest_article(Article.objects.get(pk=article.pk))
    kept = Quote.objects.get(article=article, text__startswith="The harvest")
    assert kept.pk == quote.pk and kept.codes_corrected and kept.act == "red_line"


def test_an_added_or_moved_quote_is_coded_in_context(article):
    body = article.body
    start = body.index("we will strike back")
    # The extractor's quote holds these words: an editor rejects it before making a shorter one.
    Quote.all_objects.filter(article=article, start__lte=start, end__gt=start).update(rejected=True)
    added = Quote(article=article, start=start, end=start + len("we will strike back"), attribution="unattributed")
    services.save_quote(added)
    assert added.act == "threat" and added.corrected and not added.codes_corrected


def test_the_migration_codes_the_quotes_held(article):
    Quote.all_objects.filter(article=article).update(act="other", act_confidence=0.0, weapons=[], targets=[])
    migration = importlib.import_module("archive.migrations.0007_escalation_confidence")
    migration.recode_quotes_held(apps, None)
    respond = Quote.objects.get(article=article, text="respond decisively")
    assert respond.act == "threat" and respond.weapons == ["tomahawk"] and respond.act_confidence >= UNCODED_BELOW


def test_editors_correct_codes_in_the_admin(editor_client, article, django_capture_on_commit_callbacks):
    quote = Quote.objects.get(article=article, text__startswith="The harvest")
    form = {
        "article": article.pk,
        "start": quote.start,
        "end": quote.end,
        "speaker": "",
        "source_description": quote.source_description,
        "attribution": quote.attribution,
        "cue": quote.cue,
        "act": "warning",
        "weapons": "Flamingo",
        "targets": "",
    }
    refused = editor_client.post(f"/admin/archive/quote/{quote.pk}/change/", form)
    assert refused.status_code == 200 and "Unknown weapon: flamingo" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        saved = editor_client.post(
            f"/admin/archive/quote/{quote.pk}/change/", {**form, "weapons": "drones, HIMARS", "targets": "Russia"}
        )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    quote.refresh_from_db()
    assert (quote.act, quote.weapons, quote.targets, quote.codes_corrected) == (
        "warning",
        ["drones", "himars"],
        ["russia"],
        True,
    )
    change_page = editor_client.get(f"/admin/archive/quote/{quote.pk}/change/").content.decode()
    assert "drones, himars" in change_page and "Coded because" in change_page
