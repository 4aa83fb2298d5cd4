"""Evaluation gate: quote and escalation figures on the shared dev sets must not drop below the recorded minimums."""

import json
import subprocess
import sys

import pytest

from archive.ingest.pipeline import quotes_for_records

from .conftest import ROOT, SHARED

EVAL = SHARED / "eval"
GATE = json.loads((ROOT / "tests" / "data" / "eval_gate.json").read_text())


@pytest.mark.skipif(not (EVAL / "polnear-dev.jsonl").exists(), reason="../shared/eval is absent")
def test_dev_set_figures_do_not_drop(tmp_path):
    predictions = tmp_path / "pred.jsonl"
    with (EVAL / "polnear-dev.jsonl").open(encoding="utf-8") as gold, predictions.open("w", encoding="utf-8") as out:
        for prediction in quotes_for_records(json.loads(line) for line in gold if line.strip()):
            out.write(json.dumps(prediction) + "\n")
    report = subprocess.run(
        [sys.executable, str(EVAL / "score_quotes.py"), str(EVAL / "polnear-dev.jsonl"), str(predictions)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = dict(item.split("=") for item in report.strip().splitlines()[-1].split())
    for name in ("quote_f1", "attribution_acc", "e2e_f1", "attribution_acc_named"):
        assert float(figures[name]) >= GATE[name], f"{name} dropped: {figures[name]} < {GATE[name]}\n{report}"


@pytest.mark.skipif(not (EVAL / "escalation-dev.jsonl").exists(), reason="../shared/eval is absent")
def test_escalation_dev_figures_do_not_drop():
    from benchmarks.escalation import evaluate

    whole = evaluate(EVAL / "escalation-dev.jsonl")["extracted"]["all"]
    gate = GATE["escalation"]
    measured = {
        "act_accuracy": whole["act_accuracy"],
        "escalation_f1": whole["escalation"]["f1"],
        "weapons_f1": whole["weapons"]["f1"],
        "targets_f1": whole["targets"]["f1"],
        "conditional_agreement": whole["conditional_agreement"],
    }
    for name, value in measured.items():
        assert value >= gate[name], f"escalation {name} dropped: {value} < {gate[name]}"
