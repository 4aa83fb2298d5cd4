"""The extraction pool, without Django: records in input order, the same as extracting here,
and an article marked stale exactly when a role learned after it was sent may answer it."""

from archive.ingest.escalation import DEFAULT_LEXICON
from archive.ingest.pool import ExtractionPool, extract_for_archive
from archive.ingest.records import ArticleInput
from archive.ingest.speakers import KnownRoles, may_answer

TITLED = "“The bridge stays closed,” the Ruritanian president said on Tuesday."


def test_roles_learned_one_by_one_are_the_roles_keyed_at_once():
    everything = {"u.s. president": "A", "russian president": "B", "us president": "C", "U.S. president": "D"}
    learned = KnownRoles({"u.s. president": "A"})
    learned.learn({"russian president": "B", "us president": "C"})
    learned.learn({"U.S. president": "D", "u.s. president": "A"})
    assert list(learned.roles.items()) == list(KnownRoles(everything).roles.items())
    assert learned.roles["us president"] == "D"  # of the spellings of one key, the last names the holder


def test_what_a_role_may_answer():
    assert may_answer("Ruritanian President", "ruritanian president")
    assert may_answer("kremlin spokeswoman", "kremlin spokesman")  # head synonyms
    assert may_answer("ruritanian president", "president")
    assert not may_answer("ruritanian president", "ruritanian ambassador")
    assert not may_answer("vellish president", "ruritanian president")


def test_the_pool_gives_what_extracting_here_gives_in_input_order():
    items = [ArticleInput(raw_text=f"“We count {n} drones,” said Ivo Tarn, the mayor of Vell.") for n in range(30)]
    items.insert(7, "https://example.org/a-page")  # not an article input: the caller's to handle
    here = [
        extract_for_archive(item, known_roles=KnownRoles(), lexicon=DEFAULT_LEXICON, quote_cap=50)
        for item in items
        if isinstance(item, ArticleInput)
    ]
    with ExtractionPool(2, roles={}, lexicon=DEFAULT_LEXICON, quote_cap=50) as pool:
        pairs = list(pool.extracted(items))
    assert [item for item, _ in pairs] == items
    assert pairs[7][1] is None
    assert [extracted.record for _, extracted in pairs if extracted is not None] == [e.record for e in here]
    assert [extracted.codes for _, extracted in pairs if extracted is not None] == [e.codes for e in here]


def test_an_article_is_stale_once_a_role_it_asked_about_is_learned():
    roles: dict[str, str] = {}
    items = [ArticleInput(raw_text=TITLED), ArticleInput(raw_text="“We stay,” the mayor of Vell said.")]
    with ExtractionPool(1, roles=roles, lexicon=DEFAULT_LEXICON, quote_cap=50) as pool:
        (_, titled), (_, mayor) = pool.extracted(items)
        assert titled.record.quotes[0].speaker is None and "ruritanian president" in titled.asked
        assert pool.fresh(titled) and pool.fresh(mayor)
        roles["ruritanian ambassador"] = "Lena Voss"
        pool.learned(["ruritanian ambassador"])
        assert pool.fresh(titled)  # nothing it asked about
        roles["ruritanian president"] = "Marek Vos"
        pool.learned(["ruritanian president"])
        assert not pool.fresh(titled)
        # Sent after the role was learned, it comes back resolved, and fresh.
        ((_, again),) = pool.extracted([ArticleInput(raw_text=TITLED)])
        assert again.record.quotes[0].speaker == "Marek Vos" and pool.fresh(again)
