"""A short, bounded run of the load benchmark: mixed traffic for 5 s, no error.

The 60 s figures come from `make loadtest` and are recorded in BENCHMARKS.md."""

import json
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(not shutil.which("wrk"), reason="Debian's wrk is not installed (make loadtools)")


def test_five_seconds_of_mixed_traffic_without_an_error():
    result = subprocess.run(
        [sys.executable, "scripts/loadtest.py", "--seconds", "5", "--articles", "30"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(result.stdout)
    print(f"\n5 s load: {figures['requests_per_second']} req/s, p99 {figures['p99_ms']} ms")
    assert figures["errors"] == 0 and figures["requests"] > 0
