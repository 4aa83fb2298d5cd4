"""The shared PolNeAR evaluation sets, read the way `manage.py extract_quotes` reads
them, scored by the shared scorer's own matching (../shared/eval/score_quotes.py),
and each quote's attribution rule kept beside its prediction.

Train is split by article into halves A and B (sha256 of the doc_id): rules are
written reading errors on train-A and dev; train-B is the check that they generalise.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path
from types import ModuleType

from archive.ingest.attribution import as_quote
from archive.ingest.attribution.article import ArticleAttribution
from archive.ingest.attribution.carry import Attribution
from archive.ingest.attribution.sieves import QUOTE_SIEVES, Sieve
from archive.ingest.pipeline import prediction
from archive.ingest.quotes import find_quotes

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SPLITS = ("dev", "train-A", "train-B", "train")


def available() -> bool:
    return (EVAL / "polnear-dev.jsonl").exists() and (EVAL / "polnear-train.jsonl").exists()


@cache
def scorer() -> ModuleType:
    """The shared scorer as a module: its match() and speaker_ok() decide what counts."""
    spec = importlib.util.spec_from_file_location("score_quotes", EVAL / "score_quotes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def half(doc_id: str) -> str:
    """The train half an article belongs to: "A" or "B"."""
    return "A" if int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "B"


def records(split: str) -> list[dict]:
    """The gold records of a split: dev, train, train-A or train-B."""
    name, _, part = split.partition("-")
    with (EVAL / f"polnear-{name}.jsonl").open(encoding="utf-8") as lines:
        found = [json.loads(line) for line in lines if line.strip()]
    return [record for record in found if not part or half(record["doc_id"]) == part]


@dataclass(frozen=True, kw_only=True)
class Predicted:
    """A quote as the scorer reads it, and how it was attributed."""

    record: dict  # {"start", "end", "speaker", "speaker_start", "speaker_end"[, "confidence"]}
    attribution: Attribution


def predict(gold: Iterable[dict], *, sieves: tuple[Sieve, ...] = QUOTE_SIEVES) -> dict[str, list[Predicted]]:
    """Predictions per record id, as extract_quotes makes them (one article at a time)."""
    out: dict[str, list[Predicted]] = {}
    for article in _articles(gold):
        paragraphs = [record["text"] for record in article]
        run = ArticleAttribution(paragraphs, find_quotes(paragraphs), sieves=sieves)
        for record, text, found in zip(article, paragraphs, run.run(), strict=True):
            out[record["id"]] = [
                Predicted(record=prediction(as_quote(text, attribution)), attribution=attribution)
                for attribution in found
            ]
    return out


def _articles(gold: Iterable[dict]) -> Iterator[list[dict]]:
    for _, group in groupby(gold, key=lambda record: record.get("doc_id") or object()):
        yield list(group)


@dataclass(frozen=True, kw_only=True)
class Judged:
    """A predicted quote and what the scorer makes of it: matched to a gold quote or
    not, and whether its speaker is right (None: no gold quote or no gold speaker)."""

    predicted: Predicted
    matched: bool
    right: bool | None
    gold_kind: str | None  # the gold speaker's kind: name, pronoun, nominal


def judge(gold: Iterable[dict], predictions: dict[str, list[Predicted]]) -> Iterator[Judged]:
    score = scorer()
    for record in gold:
        predicted = predictions.get(record["id"], [])
        pairs = dict((j, i) for i, j in score.match(record["quotes"], [p.record for p in predicted]))
        for j, found in enumerate(predicted):
            if j not in pairs:
                yield Judged(predicted=found, matched=False, right=None, gold_kind=None)
                continue
            quote = record["quotes"][pairs[j]]
            yield Judged(
                predicted=found,
                matched=True,
                right=score.speaker_ok(quote, found.record),
                gold_kind=quote.get("speaker_kind"),
            )


def figures(gold: list[dict], predictions: dict[str, list[Predicted]]) -> dict[str, float]:
    """The scorer's figures (quote_f1, attribution_acc, e2e_f1, attribution_acc_named)
    and attribution accuracy on nominal and pronoun speakers."""
    score = scorer()
    gold_count = sum(len(record["quotes"]) for record in gold)
    judged = list(judge(gold, predictions))
    matched = [j for j in judged if j.matched]
    scored = [j for j in matched if j.right is not None]

    def accuracy(kind: str | None) -> float:
        chosen = [j for j in scored if kind is None or j.gold_kind == kind]
        return sum(j.right for j in chosen) / len(chosen) if chosen else 0.0

    e2e = sum(j.right is not False for j in matched)
    return {
        "quote_f1": score.prf(len(matched), len(judged), gold_count)[2],
        "attribution_acc": accuracy(None),
        "e2e_f1": score.prf(e2e, len(judged), gold_count)[2],
        "attribution_acc_named": accuracy("name"),
        "attribution_acc_nominal": accuracy("nominal"),
        "attribution_acc_pronoun": accuracy("pronoun"),
    }
