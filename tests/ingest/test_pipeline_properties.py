"""Property-based tests of the ingestion pipeline over hostile text: it never
crashes, its offsets always point at the text they claim, and it stays fast.

Hypothesis generates arbitrary Unicode, quote-mark soup (unbalanced, nested,
every kind of mark), control characters and speech-verb fragments; fixed
examples add empty text and a 1 MB paragraph. Runs are derandomised so the
suite is repeatable; `HYPOTHESIS_PROFILE=thorough` explores more.
"""

import os
import time
import traceback

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from archive.ingest.pipeline import extract_article, quotes_for_records
from archive.ingest.records import ATTRIBUTION_KINDS, ArticleInput

settings.register_profile(
    "suite",
    max_examples=120,
    deadline=2000,  # ms per example: a pathological slowdown fails, not just a slow machine
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile("thorough", max_examples=2000, deadline=2000, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

QUOTE_MARKS = "\"'“”‘’«»‹›„‚「」『』〝〞＂`´"
CONTROLS = "".join(chr(c) for c in range(0, 32)) + "\x7f\x85\u2028\u2029\u200b\u200e\u202e\ufeff\ufffd"
WORDS = [
    "said",
    "says",
    "told",
    "warned",
    "he",
    "she",
    "Putin",
    "Peskov",
    "the",
    "Russian",
    "President",
    "a",
    "spokesperson",
    "official",
    "according",
    "to",
    ",",
    ".",
    ":",
    " ",
    "\n",
    "\n\n",
    "Mr.",
    "Dr.",
    "(",
    ")",
]

any_text = st.text(max_size=400)
quote_soup = st.text(alphabet=st.sampled_from(list(QUOTE_MARKS) + list("ab .,\n")), max_size=300)
control_soup = st.text(alphabet=st.sampled_from(list(CONTROLS) + list('“”"ab said Smith.')), max_size=300)
newsy = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(list(QUOTE_MARKS)), st.text(max_size=8)), max_size=120
).map(" ".join)
hostile_text = st.one_of(any_text, quote_soup, control_soup, newsy)


# A quoted span with no word in it ("…", "!", "—", a control character) once
# raised IndexError in quotes.is_quotation (fixed; test_quoted_span_without_words
# guards it). Should it come back, generated examples that meet it are set
# aside so the other properties are still checked.
def _is_known_wordless_span_crash(error: BaseException) -> bool:
    frame = traceback.extract_tb(error.__traceback__)[-1]
    return isinstance(error, IndexError) and frame.filename.endswith("quotes.py") and frame.name == "is_quotation"


def run_or_reject(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except IndexError as error:
        if _is_known_wordless_span_crash(error):
            reject()
        raise


@pytest.mark.parametrize("raw", ["Putin said: “…” and left.", '"!"', "x “—” y"])
def test_quoted_span_without_words(raw):
    assert_valid_article(extract_article(ArticleInput(raw_text=raw)))


def assert_valid_article(record):
    body = record.body
    assert isinstance(body, str) and isinstance(record.title, str)
    for quote in record.quotes:
        assert 0 <= quote.start < quote.end <= len(body), quote
        assert body[quote.start : quote.end] == quote.text
        assert quote.attribution in ATTRIBUTION_KINDS
        if quote.mention_start is not None:
            assert 0 <= quote.mention_start < quote.mention_end <= len(body), quote
    named = {speaker.name for speaker in record.speakers}
    assert all(quote.speaker in named for quote in record.quotes if quote.speaker and record.speakers)


@given(raw=hostile_text, title=st.none() | any_text, source=st.none() | any_text, published=st.none() | any_text)
def test_extract_article_never_crashes_and_offsets_are_valid(raw, title, source, published):
    item = ArticleInput(raw_text=raw, title=title, source=source, published=published)
    assert_valid_article(run_or_reject(extract_article, item))


@given(paragraphs=st.lists(hostile_text, min_size=1, max_size=6), doc_ids=st.booleans())
def test_quotes_for_records_offsets_point_into_each_paragraph(paragraphs, doc_ids):
    records = [
        {"id": str(n), "text": text, **({"doc_id": "d"} if doc_ids else {})} for n, text in enumerate(paragraphs)
    ]
    predictions = run_or_reject(lambda: list(quotes_for_records(records)))
    assert [p["id"] for p in predictions] == [r["id"] for r in records]
    for record, prediction in zip(records, predictions):
        for quote in prediction["quotes"]:
            assert 0 <= quote["start"] < quote["end"] <= len(record["text"])
            if quote["speaker_start"] is not None:
                assert 0 <= quote["speaker_start"] < quote["speaker_end"] <= len(record["text"])


@pytest.mark.parametrize(
    "raw",
    [
        "",
        " \n\n\t ",
        "\x00\x01\x02",
        "“" * 5000,
        "”" * 5000,
        '"' * 5001,
        "“a “b “c “d ” ” ” ” said Putin.",
        "‘“‘“nested”’”’ he said.",
        "«" * 1000 + "Putin said" + "»" * 999,
        '"' + "x" * 20000 + '," he said.',
        "\ud800 lone surrogate “quoted,” she said.",
    ],
    ids=lambda raw: repr(raw[:20]),
)
def test_edge_cases(raw):
    assert_valid_article(extract_article(ArticleInput(raw_text=raw)))


MEGABYTE_SECONDS = 30  # each case takes 2-7 s here; the bound catches a pathological slowdown


@pytest.mark.parametrize(
    "unit",
    [
        "Officials met on Tuesday to discuss the border. ",
        "“Unbalanced quote, he said. ",
        "'' \" ‘ ’ “ ” « » ",
    ],
    ids=["prose", "unbalanced", "marks"],
)
def test_a_one_megabyte_paragraph_is_handled_in_bounded_time(unit):
    paragraph = (unit * (1_048_576 // len(unit) + 1))[:1_048_576]
    started = time.process_time()  # CPU time: other processes on the machine do not count
    record = extract_article(ArticleInput(raw_text=paragraph))
    prediction = next(quotes_for_records([{"id": "big", "text": paragraph}]))
    elapsed = time.process_time() - started
    assert_valid_article(record)
    assert all(q["end"] <= len(paragraph) for q in prediction["quotes"])
    assert elapsed < MEGABYTE_SECONDS, f"{elapsed:.1f} s for 1 MB"


# A paragraph dense with quotes once took time quadratic in its length
# (1 MB: 17 s in quotes.quote_spans, about 60 s for the whole pipeline).
# This checks the growth class, not a speed: for 8 times the text, linear work
# takes 8 times as long and quadratic 64 times; the bound sits between, on CPU
# time so that other processes on the machine do not count.
@pytest.mark.parametrize(
    "unit",
    [
        "“We will respond decisively,” Putin said. ",
        "x “a ",  # opening marks only: each one looks back for an attribution clause
    ],
)
def test_a_quote_dense_paragraph_takes_time_linear_in_its_length(unit):
    from archive.ingest.quotes import quote_spans

    timings = []
    for size in (32_000, 256_000):
        paragraph = (unit * (size // len(unit) + 1))[:size]
        runs = []
        for _ in range(3):  # the best of three: a garbage collection or a busy machine is no growth
            started = time.process_time()
            quote_spans(paragraph)
            runs.append(time.process_time() - started)
        timings.append(min(runs))
    assert timings[1] < 24 * max(timings[0], 0.01), timings
