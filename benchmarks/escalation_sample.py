"""Draw quotes from conflict-news articles that escalation-dev.jsonl does not hold, for hand-coding.

    python -m benchmarks.escalation_sample SHEET.txt [--articles 360] [--seed 13] > SKELETON.jsonl

How tests/data/escalation_check.jsonl was drawn: articles at random (a fixed seed) from
../shared/corpus/conflict-news.jsonl, none of escalation-dev's, at most a fifth of them from one
outlet; in each, one quote the extractor finds (as benchmarks.escalation finds dev's: each
paragraph alone), at random, of at least 12 characters as dev's are. The sheet shows each quote in
its paragraph and nothing the coder says, so the hand-coder codes from the text alone; it holds
corpus text, so it goes to a scratch path, never into the repository. The records printed on stdout
(ids and offsets, no text) are the check set's skeleton: the hand-coder adds the codes.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from archive.ingest.attribution import extract_quotes

from .escalation import CORPUS, GOLD, quote_digest, read_jsonl

SHORTEST = 12  # characters: escalation-dev holds no shorter quote
OUTLET_SHARE = 0.2
CONTEXT = 350  # characters of the paragraph shown either side of the quote


def draw(articles: int, seed: int) -> list[dict]:
    taken = {record["article"] for record in read_jsonl(GOLD)}
    corpus = [record for record in read_jsonl(CORPUS) if record["id"] not in taken]
    generator = random.Random(seed)
    generator.shuffle(corpus)
    per_outlet: Counter = Counter()
    drawn = []
    for article in corpus:
        if len(drawn) == articles:
            break
        if per_outlet[article["source"]] >= OUTLET_SHARE * articles:
            continue
        paragraphs = article["text"].split("\n\n")
        found = [
            (number, quote)
            for number, (paragraph, quotes) in enumerate(zip(paragraphs, (extract_quotes([p])[0] for p in paragraphs)))
            for quote in quotes
            if len(paragraph[quote.start : quote.end]) >= SHORTEST
        ]
        if not found:
            continue
        number, quote = generator.choice(found)
        per_outlet[article["source"]] += 1
        text = paragraphs[number]
        drawn.append(
            {
                "id": f"{article['id']}/p{number}",
                "article": article["id"],
                "source": article["source"],
                "paragraph": number,
                "start": quote.start,
                "end": quote.end,
                "quote_sha256": quote_digest(text[quote.start : quote.end]),
                "_text": text,
            }
        )
    return drawn


def sheet_entry(record: dict) -> str:
    text, start, end = record["_text"], record["start"], record["end"]
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return f"=== {record['id']} {start}-{end} ({record['source']})\n…{before}⟦{text[start:end]}⟧{after}…\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sheet", type=Path, help="where to write the quotes in context for the hand-coder (scratch)")
    parser.add_argument("--articles", type=int, default=360, help="how many articles (one quote each)")
    parser.add_argument("--seed", type=int, default=13, help="the random seed")
    args = parser.parse_args(argv)
    drawn = draw(args.articles, args.seed)
    args.sheet.write_text("\n".join(sheet_entry(record) for record in drawn), encoding="utf-8")
    for record in drawn:
        print(json.dumps({key: value for key, value in record.items() if not key.startswith("_")}))


if __name__ == "__main__":
    main()
