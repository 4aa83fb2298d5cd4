"""The ingest service: one transaction, no duplicates, speakers resolved across the archive."""

import fcntl

import pytest
from haystack.query import SearchQuerySet

from archive import services
from archive.ingest.records import ArticleInput
from archive.models import Article, IndexQueue, Quote, Speaker

pytestmark = pytest.mark.django_db


def test_same_text_gives_the_same_article(ingest):
    first = ingest("“We are ready,” said Jane Doe.")
    again = ingest("“We are ready,” said Jane Doe.")
    assert first.created and not again.created and first.article.pk == again.article.pk
    assert Article.objects.count() == 1 and Quote.objects.count() == 1


def test_same_url_is_a_duplicate(ingest):
    first = ingest("Text one, said Ann.", url="https://example.org/story")
    second = ingest("Text one, updated, said Ann.", url="https://example.org/story")
    assert not second.created and second.article.pk == first.article.pk


def test_a_duplicate_is_the_same_raw_text_then_the_same_body_then_the_same_url(ingest):
    """One query asks all three; the answer is the one asking them in turn gives."""
    by_url = ingest("“The port reopens,” said Ann Smith.", url="https://example.org/port").article
    by_text = ingest("“The port stays shut,” said Ann Smith.\n", url="https://example.org/other").article
    url = "https://example.org/port"
    assert services.find_duplicate(raw_text="“The port stays shut,” said Ann Smith.\n", url=url) == by_text
    # Pasted: no trailing newline, so another raw text with the same clean body.
    assert services.find_duplicate(raw_text="“The port stays shut,” said Ann Smith.", url=url) == by_text
    assert services.find_duplicate(raw_text="“Something else,” said Ann Smith.", url=url) == by_url
    assert services.find_duplicate(raw_text="“Something else,” said Ann Smith.") is None
    assert services.find_duplicate(url="https://example.org/nothing") is None


def test_storing_an_article_asks_the_database_the_same_number_of_times_for_3_or_30_quotes(ingest):
    """Lineage candidates, exact copies and duplicate checks are asked once an article,
    whatever its number of quotes (they were asked once a quote)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ingest("“We hold the line,” said Ann Smith.")  # the speaker is held from here on

    def queries(count: int, topic: str) -> int:
        # Quotes unlike each other, each with a word of its own: each looks for copies of its own.
        said = [
            f"“Convoy{topic}{n} reached depot{topic}{n} after shelling{topic}{n} stopped,” Ann Smith said."
            for n in range(count)
        ]
        with CaptureQueriesContext(connection) as captured:
            result = ingest("\n\n".join(said), title=f"{topic} {count}")
        assert result.created and result.article.quotes.count() == count
        return len(captured)

    assert queries(3, "grain") == queries(30, "fuel")


def test_raw_text_kept_verbatim_with_its_sha256(ingest):
    raw = "Headline here\n\n“Quote,” said Ann Smith.\r\n\tTrailing  "
    article = ingest(raw).article
    article.refresh_from_db()
    assert article.raw_text == raw
    import hashlib

    assert article.raw_sha256 == hashlib.sha256(raw.encode()).hexdigest()


@pytest.mark.parametrize(
    "first, second",
    [
        ("Ukrainian President Volodymyr Zelensky", "Volodymyr Zelenskyy"),
        ("Volodymyr Zelenskiy", "Zelenskyy"),
        ("Prime Minister Viktor Orbán", "Viktor Orban"),
        ("Russian President Vladimir V. Putin", "Vladimir Putin"),
    ],
)
def test_spelling_variants_resolve_to_one_speaker(ingest, first, second):
    ingest(f"{first} spoke on Monday. “We will not give in,” {first.split()[-1]} said.")
    ingest(f"“Talks are over,” said {second}. Other news followed.")
    assert Speaker.objects.count() == 1, list(Speaker.objects.values_list("name", flat=True))
    assert Speaker.objects.get().quotes.count() == 2


def test_same_surname_different_people_are_not_merged(ingest):
    ingest("“The risk is real,” said Gen. CQ Brown, chairman of the Joint Chiefs.")
    ingest("“The risk is exaggerated,” said James Brown, an analyst at a think tank.")
    assert Speaker.objects.count() == 2


def test_roles_learned_across_the_archive_resolve_titles(ingest):
    ingest("Russian President Vladimir Putin spoke in Sochi. “We will respond,” Putin said.", published="2024-09-12")
    result = ingest("“It is a new escalation,” the Russian president said on Thursday.", published="2024-10-03")
    quote = result.article.quotes.get()
    assert quote.speaker.name == "Vladimir Putin" and quote.attribution == "title"


def test_merge_speakers_moves_quotes_keeps_aliases_and_reindexes(ingest):
    ingest("“First,” said Jane Roe.")
    ingest("“Second,” said Janet Roe-Smith.")
    target, other = Speaker.objects.get(name="Jane Roe"), Speaker.objects.get(name="Janet Roe-Smith")
    other_slug = other.slug

    services.merge_speakers(target, [other])
    services.index_articles(Article.objects.values_list("pk", flat=True))
    assert not Speaker.objects.filter(pk=other.pk).exists()
    assert target.quotes.count() == 2
    assert "Janet Roe-Smith" in target.aliases.values_list("name", flat=True)
    assert SearchQuerySet().models(Quote).filter(speaker=target.slug).count() == 2
    assert SearchQuerySet().models(Quote).filter(speaker=other_slug).count() == 0


def test_deleting_an_article_removes_it_and_its_quotes_from_the_index(ingest):
    article = ingest("“Gone soon,” said Ann Smith.").article
    assert SearchQuerySet().models(Quote).count() == 1
    pk = article.pk
    article.delete()
    services.index_articles([pk])
    assert SearchQuerySet().count() == 0


def test_an_edit_while_another_writer_holds_the_index_is_queued_not_lost(
    ingest, search_index, django_capture_on_commit_callbacks, monkeypatch
):
    """A web save waits a bounded time for the index. When a rebuild or a bulk ingest
    holds it longer, the save still succeeds, its update waits in the queue, and the
    next index write takes it on."""
    quote = ingest("“Hold the line,” said Ann Smith.").article.quotes.get()
    other = Speaker.objects.create(name="Bea Jones", slug="bea-jones")
    monkeypatch.setattr(services.indexing, "WEB_INDEX_WAIT_SECONDS", 0.2)
    with open(search_index.lock_path, "a") as held:  # another writer, as flock sees it
        fcntl.flock(held, fcntl.LOCK_EX)
        with django_capture_on_commit_callbacks(execute=True):
            quote.speaker = other
            services.save_quote(quote, changed={"speaker"})
        fcntl.flock(held, fcntl.LOCK_UN)
    assert list(IndexQueue.objects.values_list("article_id", flat=True)) == [quote.article_id]
    assert SearchQuerySet().models(Quote).filter(speaker="bea-jones").count() == 0

    assert services.index_articles([]) == 2  # any index write takes the queue on: the article and its quote
    assert not IndexQueue.objects.exists()
    assert SearchQuerySet().models(Quote).filter(speaker="bea-jones").count() == 1


def test_an_edit_is_indexed_at_once_when_the_index_is_free(ingest, django_capture_on_commit_callbacks):
    quote = ingest("“Hold the line,” said Ann Smith.").article.quotes.get()
    quote.speaker = Speaker.objects.create(name="Bea Jones", slug="bea-jones")
    with django_capture_on_commit_callbacks(execute=True):
        services.save_quote(quote, changed={"speaker"})
    assert not IndexQueue.objects.exists()
    assert SearchQuerySet().models(Quote).filter(speaker="bea-jones").count() == 1


def test_a_save_indexes_its_own_article_first_and_leaves_a_long_backlog_to_bulk_writers(
    ingest, django_capture_on_commit_callbacks, monkeypatch
):
    """After the index was down, hundreds of articles may be queued: an editor's save
    indexes its own article and one batch of the backlog, not all of it."""
    articles = [ingest(f"“Line {n},” said Ann Smith.").article for n in range(4)]
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(title="Changed while the index was down")
    IndexQueue.objects.bulk_create([IndexQueue(article_id=a.pk) for a in articles[:3]])
    monkeypatch.setattr(services.indexing, "QUEUE_BATCH", 1)
    quote = articles[3].quotes.get()
    quote.speaker = Speaker.objects.create(name="Bea Jones", slug="bea-jones")
    with django_capture_on_commit_callbacks(execute=True):
        services.save_quote(quote, changed={"speaker"})

    assert SearchQuerySet().models(Quote).filter(speaker="bea-jones").count() == 1  # its own, at once
    assert sorted(IndexQueue.objects.values_list("article_id", flat=True)) == [a.pk for a in articles[1:3]]
    assert services.index_queued() == 4  # the rest: two articles and their quotes
    assert not IndexQueue.objects.exists()


def test_a_failed_article_does_not_poison_the_rest_of_a_run(ingest, monkeypatch):
    """A bulk run remembers outlets and speakers; a rolled-back article must not leave
    it remembering rows that no longer exist."""
    lookups = services.ArchiveLookups()
    real_save = services.ingest._save_with_quotes

    def failing_save(article, record, lookups, **kwargs):
        raise ValueError("the database refused a quote")

    monkeypatch.setattr(services.ingest, "_save_with_quotes", failing_save)
    with pytest.raises(ValueError):
        services.ingest_article(ArticleInput(raw_text="“One,” said Ann Smith.", source="New Wire"), lookups=lookups)
    monkeypatch.setattr(services.ingest, "_save_with_quotes", real_save)
    result = services.ingest_article(
        ArticleInput(raw_text="“Two,” said Ann Smith.", source="New Wire"), lookups=lookups
    )
    assert result.article.source.name == "New Wire" and result.article.quotes.get().speaker.name == "Ann Smith"
