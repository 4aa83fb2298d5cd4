"""How far Redline's escalation codes agree with war reporting hand-coded by the codebook.

Scores quotes coded by `manage.py extract_quotes` against ../shared/eval/escalation-dev.jsonl
(one hand-coded quote per record, with its paragraph) and, with --check, against
tests/data/escalation_check.jsonl (quotes of other conflict-news articles, hand-coded by the
codebook before anyone looked at the coder's output on them; the file holds ids, offsets and codes,
and the paragraphs are read from ../shared/corpus/conflict-news.jsonl). For each set, by half and
whole: act accuracy, per-act P/R/F1, escalation-act micro P/R/F1 (every act but "other"), weapons
and targets P/R/F1 (set-based, micro over quotes), conditional agreement, the always-"other"
baseline beside them, act accuracy by confidence band, and the precision of the escalation acts
coded in each band (how far the confidence a reader is shown can be trusted). A summary table puts
the four halves side by side first.

    python -m benchmarks.escalation [CODED.jsonl] [--gold PATH] [--check] [--json]

With no CODED file it runs the extraction itself (quotes_for_records, what extract_quotes
runs) over the dev paragraphs first; the check set is always extracted here.

Matching: a coded quote stands for a gold quote when both lie in the same paragraph (record
id) and overlap by at least 50% of the longer span, one to one, greedy by overlap ratio (as
the PolNeAR scorer matches quotes). A gold quote the extractor missed counts as coded "other",
with no weapons, targets or condition: that is what a reader of the archive would find. Since
this benchmark is about coding rather than finding, the second view codes the gold spans
directly (the same function, with the extractor's other quotes of the paragraph around them
and the cue verb of the quote matched, if any). Coded quotes matching no gold quote are not
scored: the sets code one quote per record, not every quote of the paragraph.

Halves: an article is in the first half (dev A, check 1) when the first 8 hex digits of
sha256(article id) are even. Dev's errors (A first, then B) and unseen conflict-news articles
(neither dev's nor the check set's) are read for classes of failure; the check set is only measured,
its quotes never read while writing rules, so its figures are the honest estimate.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from archive.ingest.attribution import extract_quotes
from archive.ingest.escalation import ACT_LABELS, UNCODED_BELOW, code_quotes
from archive.ingest.pipeline import quotes_for_records

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "escalation-dev.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus" / "conflict-news.jsonl"
CHECK = ROOT / "tests" / "data" / "escalation_check.jsonl"
ESCALATION_ACTS = tuple(act for act in ACT_LABELS if act != "other")
CONFIDENCE_BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)
MISSED = {"act": "other", "weapons": [], "targets": [], "conditional": False, "confidence": 1.0}


def half_of(article: str, names: tuple[str, str] = ("A", "B")) -> str:
    return names[int(hashlib.sha256(article.encode("utf-8")).hexdigest()[:8], 16) % 2]


def quote_digest(quote: str) -> str:
    """A short fingerprint of the quoted words: the check set names its quotes without holding them."""
    return hashlib.sha256(quote.encode("utf-8")).hexdigest()[:12]


class CorpusChanged(ValueError):
    """The corpus no longer holds a check quote where the check set says it is."""


def check_records(path: Path = CHECK, corpus: Path = CORPUS) -> list[dict]:
    """The check set with each record's paragraph ("text") and quote read from the corpus."""
    codes = read_jsonl(path)
    wanted = {record["article"] for record in codes}
    paragraphs = {
        article["id"]: article["text"].split("\n\n") for article in read_jsonl(corpus) if article["id"] in wanted
    }
    records = []
    for record in codes:
        text = paragraphs[record["article"]][record["paragraph"]]
        quote = text[record["start"] : record["end"]]
        if quote_digest(quote) != record["quote_sha256"]:
            raise CorpusChanged(f"{record['id']} {record['start']}-{record['end']} is not the quote that was coded")
        records.append({**record, "text": text, "quote": quote})
    return records


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def extracted(gold: list[dict]) -> dict[str, list[dict]]:
    """What `extract_quotes` writes for the dev paragraphs, by record id (each paragraph once)."""
    paragraphs = {record["id"]: {"id": record["id"], "text": record["text"]} for record in gold}
    return {prediction["id"]: prediction["quotes"] for prediction in quotes_for_records(paragraphs.values())}


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    shared = min(a_end, b_end) - max(a_start, b_start)
    return shared / max(a_end - a_start, b_end - b_start) if shared > 0 else 0.0


def matched(gold: list[dict], predicted: dict[str, list[dict]]) -> list[dict | None]:
    """For each gold quote, the coded quote standing for it (None when missed)."""
    candidates = []
    for g, record in enumerate(gold):
        for p, quote in enumerate(predicted.get(record["id"], [])):
            ratio = _overlap(record["start"], record["end"], quote["start"], quote["end"])
            if ratio >= 0.5:
                candidates.append((ratio, g, p))
    found: list[dict | None] = [None] * len(gold)
    taken = set()
    for _, g, p in sorted(candidates, key=lambda item: -item[0]):
        key = (gold[g]["id"], p)
        if found[g] is None and key not in taken:
            found[g] = predicted[gold[g]["id"]][p]
            taken.add(key)
    return found


@dataclass(frozen=True, kw_only=True)
class _Span:
    start: int
    end: int
    cue: str | None


def gold_spans_coded(gold: list[dict]) -> list[dict]:
    """Each gold span coded directly, among the extractor's other quotes of its paragraph."""
    quotes_by_text: dict[str, list] = {}
    out = []
    for record in gold:
        text = record["text"]
        if text not in quotes_by_text:
            quotes_by_text[text] = extract_quotes([text])[0]
        quotes = quotes_by_text[text]
        near = [q for q in quotes if _overlap(record["start"], record["end"], q.start, q.end) >= 0.5]
        cue = near[0].cue if near else None
        spans = [_Span(start=q.start, end=q.end, cue=q.cue) for q in quotes if q not in near]
        spans.append(_Span(start=record["start"], end=record["end"], cue=cue))
        spans.sort(key=lambda span: span.start)
        codes = code_quotes(text, spans)
        code = codes[next(i for i, span in enumerate(spans) if span.start == record["start"])]
        out.append(
            {
                "act": code.act,
                "weapons": list(code.weapons),
                "targets": list(code.targets),
                "conditional": code.conditional,
                "confidence": code.confidence,
            }
        )
    return out


def _prf(tp: int, predicted: int, gold: int) -> dict:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "p": round(precision, 3),
        "r": round(recall, 3),
        "f1": round(f1, 3),
        "tp": tp,
        "pred": predicted,
        "gold": gold,
    }


def score(pairs: Iterable[tuple[dict, dict]]) -> dict:
    """Figures for (gold record, coded escalation) pairs."""
    pairs = list(pairs)
    n = len(pairs)
    acts = Counter()
    predicted_acts, gold_acts = Counter(), Counter()
    sets = {"weapons": [0, 0, 0], "targets": [0, 0, 0]}
    conditional_agree = 0
    bands = Counter()
    bands_right = Counter()
    # For quotes coded as an escalation act only: how often the act shown at each confidence is right.
    act_bands = Counter()
    act_bands_right = Counter()
    confident = confident_right = 0
    sure = sure_right = 0
    for gold, code in pairs:
        right = code["act"] == gold["act"]
        if gold.get("confidence") == "high":
            sure += 1
            sure_right += right
        acts[gold["act"]] += right
        predicted_acts[code["act"]] += 1
        gold_acts[gold["act"]] += 1
        for kind, counts in sets.items():
            coded, wanted = set(code[kind]), set(gold[kind])
            counts[0] += len(coded & wanted)
            counts[1] += len(coded)
            counts[2] += len(wanted)
        conditional_agree += bool(code["conditional"]) == bool(gold["conditional"])
        confidence = code.get("confidence", 1.0)
        band = max(b for b in CONFIDENCE_BANDS if confidence >= b)
        bands[band] += 1
        bands_right[band] += right
        if code["act"] != "other":
            act_bands[band] += 1
            act_bands_right[band] += right
        if confidence >= UNCODED_BELOW:
            confident += 1
            confident_right += right
    escalation_tp = sum(acts[act] for act in ESCALATION_ACTS)
    return {
        "quotes": n,
        "act_accuracy": round(sum(acts.values()) / n, 3) if n else 0.0,
        "always_other_accuracy": round(gold_acts["other"] / n, 3) if n else 0.0,
        "acts": {act: _prf(acts[act], predicted_acts[act], gold_acts[act]) for act in ACT_LABELS},
        "escalation": _prf(
            escalation_tp,
            sum(predicted_acts[act] for act in ESCALATION_ACTS),
            sum(gold_acts[act] for act in ESCALATION_ACTS),
        ),
        "weapons": _prf(*sets["weapons"]),
        "targets": _prf(*sets["targets"]),
        "conditional_agreement": round(conditional_agree / n, 3) if n else 0.0,
        "sure_quotes": sure,
        "sure_accuracy": round(sure_right / sure, 3) if sure else 0.0,
        "coded_share": round(confident / n, 3) if n else 0.0,
        "coded_accuracy": round(confident_right / confident, 3) if confident else 0.0,
        "bands": {
            f"{band:.1f}": {"quotes": bands[band], "accuracy": round(bands_right[band] / bands[band], 3)}
            for band in CONFIDENCE_BANDS
            if bands[band]
        },
        "act_bands": {
            f"{band:.1f}": {"acts": act_bands[band], "precision": round(act_bands_right[band] / act_bands[band], 3)}
            for band in CONFIDENCE_BANDS
            if act_bands[band]
        },
    }


def evaluate(gold_path: Path = GOLD, coded_path: Path | None = None) -> dict:
    """Both views (as extracted, gold spans coded), each for dev half A, half B and the whole set."""
    gold = read_jsonl(gold_path)
    predicted = {record["id"]: record["quotes"] for record in read_jsonl(coded_path)} if coded_path else None
    return evaluate_records(gold, predicted, ("A", "B"))


def evaluate_check(path: Path = CHECK, corpus: Path = CORPUS) -> dict:
    """The same figures on the check set, by halves 1 and 2."""
    return evaluate_records(check_records(path, corpus), None, ("1", "2"))


def evaluate_records(gold: list[dict], predicted: dict[str, list[dict]] | None, halves: tuple[str, str]) -> dict:
    found = matched(gold, extracted(gold) if predicted is None else predicted)
    views = {
        "extracted": [(record, (quote or {}).get("escalation", MISSED)) for record, quote in zip(gold, found)],
        "gold_spans": list(zip(gold, gold_spans_coded(gold))),
    }
    result = {"missed": sum(quote is None for quote in found), "quotes": len(gold), "halves": list(halves)}
    for view, pairs in views.items():
        result[view] = {
            **{half: score(pair for pair in pairs if half_of(pair[0]["article"], halves) == half) for half in halves},
            "all": score(pairs),
        }
    return result


def _cell(figures: dict) -> str:
    return f"{figures['p']:.2f} / {figures['r']:.2f} / {figures['f1']:.2f}"


def _table(columns: dict, names: list[str]) -> list[str]:
    def row(name, cell, base=""):
        return f"| {name} | " + " | ".join(cell(columns[column]) for column in names) + f" | {base} |"

    nothing = "0.00 / 0.00 / 0.00"
    lines = [
        "| figure | " + " | ".join(names) + " | always 'other' (whole) |",
        "|---|" + "---|" * len(names) + "---|",
        row("quotes", lambda c: str(c["quotes"])),
        row("act accuracy", lambda c: f"{c['act_accuracy']:.3f}", f"{columns['all']['always_other_accuracy']:.3f}"),
        row("escalation acts P / R / F1", lambda c: _cell(c["escalation"]), nothing),
    ]
    for act in ACT_LABELS:
        lines.append(
            row(f"{act} P / R / F1 (gold n)", lambda c, a=act: f"{_cell(c['acts'][a])} ({c['acts'][a]['gold']})")
        )
    lines += [
        row("weapons P / R / F1", lambda c: _cell(c["weapons"]), nothing),
        row("targets P / R / F1", lambda c: _cell(c["targets"]), nothing),
        row("conditional agreement", lambda c: f"{c['conditional_agreement']:.3f}"),
        row(
            "act accuracy where the hand-coder was sure (n)", lambda c: f"{c['sure_accuracy']:.3f} ({c['sure_quotes']})"
        ),
        row(
            f"coded (confidence ≥ {UNCODED_BELOW}): share, act accuracy",
            lambda c: f"{c['coded_share']:.2f}, {c['coded_accuracy']:.3f}",
        ),
    ]
    for band in sorted({band for column in names for band in columns[column]["bands"]}):
        lines.append(
            row(
                f"act accuracy, confidence band from {band}",
                lambda c, b=band: (
                    f"{c['bands'][b]['accuracy']:.2f} of {c['bands'][b]['quotes']}" if b in c["bands"] else "–"
                ),
            )
        )
    for band in sorted({band for column in names for band in columns[column]["act_bands"]}):
        lines.append(
            row(
                f"escalation acts coded, precision, confidence band from {band}",
                lambda c, b=band: (
                    f"{c['act_bands'][b]['precision']:.2f} of {c['act_bands'][b]['acts']}"
                    if b in c["act_bands"]
                    else "–"
                ),
            )
        )
    return lines


def summary(results: dict) -> list[str]:
    """The headline figures of every half side by side, as extracted."""
    columns = {
        f"{name} {half}": result["extracted"][half]
        for name, result in results.items()
        for half in [*result["halves"], "all"]
    }
    figures = (
        ("act accuracy (always 'other')", lambda c: f"{c['act_accuracy']:.3f} ({c['always_other_accuracy']:.3f})"),
        ("escalation acts P / R / F1", lambda c: _cell(c["escalation"])),
        ("weapons F1", lambda c: f"{c['weapons']['f1']:.2f}"),
        ("targets P / R / F1", lambda c: _cell(c["targets"])),
        ("conditional agreement", lambda c: f"{c['conditional_agreement']:.3f}"),
        (f"shown (≥ {UNCODED_BELOW}): share, accuracy", lambda c: f"{c['coded_share']:.2f}, {c['coded_accuracy']:.3f}"),
    )
    lines = ["| figure | " + " | ".join(columns) + " |", "|---|" + "---|" * len(columns)]
    lines += [f"| {name} | " + " | ".join(cell(c) for c in columns.values()) + " |" for name, cell in figures]
    return lines


def report(results: dict) -> str:
    lines = ["Summary, as extracted:", "", *summary(results)]
    for name, result in results.items():
        lines += [
            "",
            f"{name}: {result['quotes']} hand-coded quotes; the extractor missed {result['missed']} "
            "(counted as coded 'other' in the first view).",
        ]
        names = [*result["halves"], "all"]
        for view, title in (("extracted", "As extracted"), ("gold_spans", "Gold spans coded directly")):
            lines += ["", f"{title}:", "", *_table(result[view], names)]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("coded", nargs="?", type=Path, help="extract_quotes output for the dev file (default: run it)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the hand-coded quotes (JSONL)")
    parser.add_argument(
        "--check", action="store_true", help=f"score the check set too ({CHECK.name}, text from {CORPUS.name})"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        sys.exit(f"{args.gold} is absent")
    results = {"dev": evaluate(args.gold, args.coded)}
    if args.check:
        if not CORPUS.exists():
            sys.exit(f"{CORPUS} is absent")
        results["check"] = evaluate_check()
    print(json.dumps(results, indent=1) if args.json else report(results))


if __name__ == "__main__":
    main()
