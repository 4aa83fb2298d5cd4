"""Quote lineage and article near-duplicates at ingest, and what the pages show of them."""

import pytest
from django.core.management import call_command

from archive import services
from archive.ingest.records import ArticleInput
from archive.models import Article, Quote, QuoteGroup

pytestmark = pytest.mark.django_db

STORY = (
    "Officials in Moscow spoke on Thursday about the missile decision taken in Washington this week.\n\n"
    "“If the White House provides these missiles, we will respond decisively and without delay,” Vladimir Putin "
    "said on Thursday.\n\n"
    + "\n\n".join(
        f"Paragraph {n} of the wire report describes the talks, the allies and the front line in detail."
        for n in range(12)
    )
)


def _ingest(text, **fields):
    return services.ingest_article(ArticleInput(raw_text=text, **fields)).article


@pytest.fixture
def copies(db, search_index, django_capture_on_commit_callbacks):
    """One wire story in three outlets (one of them trimmed and re-worded), and an unrelated story."""
    with django_capture_on_commit_callbacks(execute=True):
        first = _ingest(STORY, title="Putin warns the White House", source="Wire One", published="2024-09-12")
        second = _ingest(
            "MOSCOW (Daily) - " + STORY.replace("without delay", "without any delay"),
            title="Putin: we will respond",
            source="The Daily",
            published="2024-09-13",
        )
        excerpt = _ingest(
            "A short piece on the Kremlin's reaction.\n\n"
            "Putin said: “If the White House provides these missiles, we will respond decisively.”",
            title="Kremlin reacts",
            source="Weekly",
            published="2024-09-14",
        )
        other = _ingest(
            "“Grain exports from Odesa doubled this month,” Yulia Svyrydenko said on Friday.",
            title="Grain exports double",
            source="Wire One",
            published="2024-09-15",
        )
    return first, second, excerpt, other


def _putin_quote(article):
    return Quote.objects.get(article=article, text__contains="respond decisively")


def test_copies_of_a_quote_share_a_group_and_others_do_not(copies):
    first, second, excerpt, other = copies
    groups = {_putin_quote(article).group_id for article in (first, second, excerpt)}
    assert len(groups) == 1 and None not in groups
    assert Quote.objects.get(article=other).group_id not in groups


def test_a_quote_repeated_within_one_new_article_makes_one_group(db, search_index):
    article = _ingest(
        "“We will not be intimidated,” the minister said on Monday.\n\n"
        "Asked again, she repeated: “We will not be intimidated.”\n\n"
        "“Talks can resume next week,” she added."
    )
    quotes = list(Quote.objects.filter(article=article).order_by("start"))
    assert len(quotes) == 3 and None not in {quote.group_id for quote in quotes}
    assert quotes[0].group_id == quotes[1].group_id != quotes[2].group_id
    assert QuoteGroup.objects.count() == 2


def test_a_phrase_is_one_quote_only_from_one_speaker(db, search_index):
    """ "special military operation" in many mouths is everyone's wording, not a quote that
    outlets carried: it groups with the same speaker's uses only, and never when unattributed."""
    texts = [
        "Vladimir Putin spoke of a “special military operation” on Monday, Maria Lind said.",
        "The war is a “special military operation”, Vladimir Putin said in Moscow on Friday.",
        "What Russia calls a “special military operation”, Ada Whitlock said, is a war of conquest.",
        "Officials still describe the invasion as a “special military operation” in their briefings.",
        "“Russia will not stop until its aims are met,” Vladimir Putin said on Tuesday.",
        "“Russia will not stop until its aims are met,” said Ada Whitlock, quoting the Kremlin.",
    ]
    quotes = [Quote.objects.get(article=_ingest(text)) for text in texts]
    by_speaker = {(quote.speaker.name if quote.speaker else None, quote.text[:10]): quote.group_id for quote in quotes}
    assert by_speaker[("Vladimir Putin", "special mi")] != by_speaker[("Ada Whitlock", "special mi")]
    assert len({quote.group_id for quote in quotes[:4]}) == 3  # Putin's two uses are one quote
    assert quotes[3].group_id not in {quote.group_id for quote in quotes[:3]}
    assert quotes[4].group_id == quotes[5].group_id  # a statement copied is one quote, whoever is credited


def test_wire_copies_share_an_article_group(copies):
    first, second, excerpt, other = (Article.objects.get(pk=a.pk) for a in copies)
    assert first.group_id == second.group_id
    assert excerpt.group_id != first.group_id and other.group_id != first.group_id


def test_the_quote_page_shows_the_earliest_source_every_outlet_and_the_wording(client, copies):
    first, second, excerpt, _ = copies
    page = client.get(_putin_quote(excerpt).get_absolute_url()).content.decode()
    lineage = page.split('id="lineage"')[1].split("</section>")[0]
    assert "Carried by 3 articles" in lineage
    assert lineage.index("Wire One") < lineage.index("The Daily") < lineage.index("Weekly")
    assert "earliest source" in lineage.split("The Daily")[0]
    assert "<ins>any</ins>" in lineage  # The Daily added a word
    assert "<del>and without delay,</del>" in lineage or "<del>and" in lineage  # Weekly dropped the ending


@pytest.mark.parametrize("q", ["", "respond decisively"])
def test_search_shows_a_group_of_copies_once(client, copies, q):
    page = client.get("/quotes/", {"q": q, "speaker": "vladimir-putin"}).content.decode()
    assert page.count("respond decisively") == 1 if not q else page.count('class="quote-card') == 1
    assert "also in 2 other articles" in page
    assert "3 quotes" in page and "(2 more on this page are copies of one shown)" in page  # why 3 show as 1


def test_search_shows_wire_copies_once(client, copies):
    page = client.get("/search/", {"q": "wire report talks allies"}).content.decode()
    assert page.count('class="article-row"') == 1
    assert "1 near-identical copy in other outlets" in page
    assert "(1 more on this page is a copy of one shown)" in page


def test_group_copies_groups_what_was_held_before_lineage(copies):
    Quote.all_objects.update(group=None)
    Article.objects.update(group=None)
    call_command("group_copies", "--no-index", verbosity=0)
    first, second, excerpt, other = copies
    assert len({_putin_quote(article).group_id for article in (first, second, excerpt)}) == 1
    assert Article.objects.get(pk=first.pk).group_id == Article.objects.get(pk=second.pk).group_id


def test_reingest_keeps_the_lineage(copies):
    first, second, _, _ = copies
    group = _putin_quote(second).group_id
    services.reingest_article(Article.objects.get(pk=second.pk), index=False)
    assert _putin_quote(second).group_id == group
