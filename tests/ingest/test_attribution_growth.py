"""Attribution's growth class on a paragraph dense with quotes and names: every
quote runs every sieve and the decision, so the work per quote must stay bounded.
Eight times the text must take about eight times the CPU time, not sixty-four."""

import time

from archive.ingest.attribution import extract_quotes


def _paragraph(quotes: int) -> str:
    return " ".join(f"“Line {i} holds,” Ann Lee{i % 50} said. He added:" for i in range(quotes))


def test_attribution_takes_time_linear_in_the_quotes_of_a_paragraph():
    timings = []
    for quotes in (750, 6000):  # about 30 KB and 240 KB
        paragraph = _paragraph(quotes)
        started = time.process_time()
        found = extract_quotes([paragraph])
        timings.append(time.process_time() - started)
        assert len(found[0]) == quotes
        assert {q.speaker for q in found[0][:50]} == {f"Ann Lee{i}" for i in range(50)}
    assert timings[1] < 24 * max(timings[0], 0.01), timings


def test_quotes_of_documents_take_time_linear_in_a_paragraph():
    # Each "the report said" looks back for the body that issued the report: a bounded
    # stretch of text, not the whole paragraph before it.
    def paragraph(quotes: int) -> str:
        return "The harbour board published a report. " + "The report said “It is late,” and “It is wet.” " * quotes

    timings = []
    for quotes in (500, 4000):
        text = paragraph(quotes)
        started = time.process_time()
        found = extract_quotes([text])
        timings.append(time.process_time() - started)
        assert len(found[0]) == 2 * quotes
    assert timings[1] < 24 * max(timings[0], 0.01), timings
