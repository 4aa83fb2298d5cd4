"""The benchmark runs end to end on a tiny scale (figures come from `make bench`, not from here)."""

import json
import re
import subprocess
import sys

import pytest

from .conftest import ROOT, SHARED


@pytest.mark.skipif(not (SHARED / "corpus" / "conflict-news.jsonl").exists(), reason="../shared/corpus is absent")
def test_make_bench_smoke():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--scales",
            "40",
            "--duration",
            "1",
            "--passes",
            "1",
            "--naive-sample",
            "5",
            "--output",
            "-",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    out = result.stdout
    assert "40 of the 26681 corpus articles" in out or "40 of the" in out
    assert re.search(r"Ingest, end to end .*\*\*[\d.]+ articles/s\*\*", out)
    for engine in ("redline", "raw_whoosh", "fts5", "haystack_default"):
        assert re.search(rf"\| {engine} \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \|", out), engine
    assert "Redline p95 vs raw Whoosh" in out
    # Each page asked for three times: every worker's cache answers some of the repeats.
    for workers in (2, 4):
        rate = re.search(rf"\| local, \d+ pages, \d+ requests \| {workers} \| ([\d.]+)% \|", out)
        assert rate and 0 < float(rate.group(1)) < 100, workers


def test_quotes_per_outlet(tmp_path):
    records = tmp_path / "news.jsonl"
    lines = [
        {"source": "Wire", "text": "“We will not retreat,” the envoy said. Talks resume Monday."},
        {"source": "Wire", "text": "Talks resume Monday without comment."},
        {"source": "Gazette", "text": "The minister said: 'We are ready.' Aides agreed."},
    ]
    records.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.outlets", str(records), "--min-articles", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = result.stdout.splitlines()
    assert "| Wire | 2 | 50% | 0.5 |" in rows and "| Gazette | 1 | 0% | 1.0 |" in rows
    assert rows[-1] == "| all | 3 | 33% | 0.7 |"
