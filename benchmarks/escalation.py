"""Precision of escalation coding against a hand-annotated sample.

tests/data/escalation_sample.jsonl holds, per quote, only the corpus record's
id, the quote's offsets into the cleaned body, its cue verb and the act an
annotator gave it; the words are read from ../shared/corpus/conflict-news.jsonl.
The sample was drawn stratified by predicted act (up to 15 quotes of four words
or more per act, from the even-numbered records among the first 600), so every
act's precision rests on its own handful of quotes.

    python -m benchmarks.escalation [--sample PATH] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from archive.ingest.article import clean_article
from archive.ingest.escalation import ACT_LABELS, code_quote
from archive.ingest.files import record_input

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "escalation_sample.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus" / "conflict-news.jsonl"


def evaluate(sample: Path = SAMPLE, corpus: Path = CORPUS) -> dict:
    """Per act: predicted, correct, precision, and the recall within the sample."""
    wanted = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = {item["doc"] for item in wanted}
    bodies = {}
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in ids:
                bodies[record["id"]] = clean_article(record_input(line, label=record["id"])).body
    predicted, correct, gold = Counter(), Counter(), Counter()
    for item in wanted:
        body = bodies[item["doc"]]
        act = code_quote(
            body[item["start"] : item["end"]], body=body, start=item["start"], end=item["end"], cue=item["cue"]
        ).act
        predicted[act] += 1
        gold[item["act"]] += 1
        correct[act] += act == item["act"]
    acts = {
        act: {
            "predicted": predicted[act],
            "correct": correct[act],
            "precision": round(correct[act] / predicted[act], 3) if predicted[act] else None,
            "recall": round(correct[act] / gold[act], 3) if gold[act] else None,
        }
        for act in ACT_LABELS
    }
    return {"quotes": len(wanted), "accuracy": round(sum(correct.values()) / len(wanted), 3), "acts": acts}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="the annotated sample (JSONL)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus the sample points into")
    args = parser.parse_args()
    result = evaluate(args.sample, args.corpus)
    print(f"{result['quotes']} annotated quotes, accuracy {result['accuracy']:.3f}")
    print("| act | predicted | correct | precision | recall (in sample) |")
    print("|---|---|---|---|---|")
    for act, figures in result["acts"].items():
        precision = "–" if figures["precision"] is None else f"{figures['precision']:.2f}"
        recall = "–" if figures["recall"] is None else f"{figures['recall']:.2f}"
        print(f"| {ACT_LABELS[act]} | {figures['predicted']} | {figures['correct']} | {precision} | {recall} |")


if __name__ == "__main__":
    main()
