"""Attribution rule by rule on the PolNeAR sets: `python -m benchmarks.sieves [--alone]`.

For dev, train-A, train-B and train: the scorer's figures, then for every rule
(each sieve, frame of a report and carry rule, in the order they are tried) how
many quotes it attributed, and how often it was right on the quotes the scorer
matched to a gold quote with a speaker; then the calibration of the confidence
(bands of confidence: count, share right). With --alone, each sieve is also run as
the only one (carry rules still on), which is what it can do without the others.
Correctness is the shared scorer's (../shared/eval/score_quotes.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from archive.ingest.attribution.carry import CARRY_RULES
from archive.ingest.attribution.sieves import FRAMES, QUOTE_SIEVES

from . import evalsets

RULES = [rule.name for rule in (*QUOTE_SIEVES, *FRAMES, *CARRY_RULES)] + [""]


def rule_table(judged: list[evalsets.Judged]) -> dict[str, tuple[int, int, int]]:
    """For each rule: quotes attributed, those scored (a gold quote with a speaker), right."""
    attributed, scored, right = Counter(), Counter(), Counter()
    for item in judged:
        rule = item.predicted.attribution.rule
        attributed[rule] += 1
        if item.right is not None:
            scored[rule] += 1
            right[rule] += item.right
    return {rule: (attributed[rule], scored[rule], right[rule]) for rule in attributed}


# Bands of confidence for the calibration table: [low, high).
BANDS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01))


def calibration(judged: list[evalsets.Judged]) -> list[tuple[str, int, int]]:
    """For each band of confidence (and for 0.9 and above): quotes scored, right."""
    scored = [(item.predicted.attribution.confidence, item.right) for item in judged if item.right is not None]
    rows = []
    for low, high in BANDS:
        chosen = [right for conf, right in scored if low <= conf < high]
        rows.append((f"{low:.2f}–{min(high, 1.0):.2f}", len(chosen), sum(chosen)))
    high = [right for conf, right in scored if conf >= 0.9]
    rows.append(("≥ 0.90", len(high), sum(high)))
    return rows


def _cell(counts: tuple[int, int, int] | None) -> str:
    if not counts or not counts[0]:
        return "–"
    attributed, scored, right = counts
    share = f"{right / scored:.3f}" if scored else "–"
    return f"{attributed} · {share}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alone", action="store_true", help="Also score each sieve as the only one.")
    args = parser.parse_args()
    if not evalsets.available():
        print(f"The PolNeAR sets are not in {evalsets.EVAL}: nothing to measure.")
        return 0
    gold = {split: evalsets.records(split) for split in evalsets.SPLITS}
    tables, calibrations = {}, {}
    print("| set | paragraphs | paragraphs/s (CPU) | quote F1 | attribution | named | nominal | pronoun | e2e F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for split, records in gold.items():
        started = time.process_time()
        predictions = evalsets.predict(records)
        cpu = time.process_time() - started
        f = evalsets.figures(records, predictions)
        judged = list(evalsets.judge(records, predictions))
        tables[split] = rule_table(judged)
        calibrations[split] = calibration(judged)
        print(
            f"| {split} | {len(records)} | {len(records) / max(cpu, 1e-9):,.0f} | {f['quote_f1']:.3f} "
            f"| {f['attribution_acc']:.3f} | {f['attribution_acc_named']:.3f} | {f['attribution_acc_nominal']:.3f} "
            f"| {f['attribution_acc_pronoun']:.3f} | {f['e2e_f1']:.3f} |"
        )
    print()
    print("Each cell: quotes the rule attributed · share right among those the scorer matched to a gold quote")
    print("with a speaker. The empty rule is a quote nobody is given as the speaker of.")
    print()
    print("| rule | " + " | ".join(gold) + " |")
    print("|---|" + "---|" * len(gold))
    for rule in RULES:
        print(f"| {rule or '(none)'} | " + " | ".join(_cell(tables[split].get(rule)) for split in gold) + " |")
    print()
    print("Calibration: quotes the scorer matched to a gold quote with a speaker, by confidence band:")
    print("count · share right.")
    print()
    print("| confidence | " + " | ".join(gold) + " |")
    print("|---|" + "---|" * len(gold))
    for index, (band, _, _) in enumerate(calibrations["dev"]):
        cells = []
        for split in gold:
            _, count, right = calibrations[split][index]
            cells.append(f"{count} · {right / count:.3f}" if count else "–")
        print(f"| {band} | " + " | ".join(cells) + " |")
    if args.alone:
        print()
        print("Each sieve alone (the carry rules still on): what it attributes itself · share right.")
        print()
        print("| sieve | " + " | ".join(gold) + " |")
        print("|---|" + "---|" * len(gold))
        for sieve in QUOTE_SIEVES:
            cells = []
            for records in gold.values():
                judged = list(evalsets.judge(records, evalsets.predict(records, sieves=(sieve,))))
                cells.append(_cell(rule_table(judged).get(sieve.name)))
            print(f"| {sieve.name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
