"""Evaluation gate: quote figures on the shared dev and train sets, and escalation figures on
its dev set, must not drop below the recorded minimums. Skipped when ../shared/eval is absent."""

import json
import subprocess
import sys

import pytest

from archive.ingest.pipeline import quotes_for_records

from .conftest import ROOT, SHARED

EVAL = SHARED / "eval"
GATE = json.loads((ROOT / "tests" / "data" / "eval_gate.json").read_text())
FIGURES = ("quote_f1", "attribution_acc", "e2e_f1", "attribution_acc_named")


@pytest.mark.parametrize("split", ["dev", "train"])
def test_figures_do_not_drop(split, tmp_path):
    gold_path = EVAL / f"polnear-{split}.jsonl"
    if not gold_path.exists():
        pytest.skip(f"{gold_path} is absent")
    predictions = tmp_path / "pred.jsonl"
    with gold_path.open(encoding="utf-8") as gold, predictions.open("w", encoding="utf-8") as out:
        for prediction in quotes_for_records(json.loads(line) for line in gold if line.strip()):
            out.write(json.dumps(prediction) + "\n")
    report = subprocess.run(
        [sys.executable, str(EVAL / "score_quotes.py"), str(gold_path), str(predictions)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = dict(item.split("=") for item in report.strip().splitlines()[-1].split())
    for name in FIGURES:
        minimum = GATE[split][name]
        assert float(figures[name]) >= minimum, f"{split} {name} dropped: {figures[name]} < {minimum}\n{report}"


def test_the_gate_records_every_figure_for_both_sets():
    assert {split: sorted(GATE[split]) for split in ("dev", "train")} == {
        "dev": sorted(FIGURES),
        "train": sorted(FIGURES),
    }


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
