"""The benchmark runs end to end on a tiny scale (figures come from `make bench`, not from here)."""

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
