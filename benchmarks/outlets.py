"""Quotes found per outlet on the shared corpus: `python -m benchmarks.outlets [FILE]`.

The corpus is not annotated, so this measures coverage, not accuracy: an outlet
whose articles mostly yield no quote at all points at a house style the
extractor misreads (the Daily Mail's 'straight single marks' did, until session 3).
Read a few of its articles by hand before changing a rule.
"""

import argparse
import collections
import json
import sys

from archive.ingest.files import record_input
from archive.ingest.pipeline import extract_article

from .corpus import CORPUS


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(CORPUS / "conflict-news.jsonl"))
    parser.add_argument("--min-articles", type=int, default=20, help="Leave out outlets with fewer articles.")
    args = parser.parse_args()
    articles, without, quotes = collections.Counter(), collections.Counter(), collections.Counter()
    with open(args.file, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            outlet = record.get("source") or "(none)"
            found = len(extract_article(record_input(line, label=str(record.get("id")))).quotes)
            articles[outlet] += 1
            quotes[outlet] += found
            without[outlet] += not found
    print("| outlet | articles | with no quote | quotes per article |")
    print("|---|---|---|---|")
    for outlet, count in articles.most_common():
        if count >= args.min_articles:
            print(f"| {outlet} | {count} | {without[outlet] / count:.0%} | {quotes[outlet] / count:.1f} |")
    total = sum(articles.values())
    print(f"| all | {total} | {sum(without.values()) / total:.0%} | {sum(quotes.values()) / total:.1f} |")


if __name__ == "__main__":
    sys.exit(main())
