"""The benchmark corpus: the shared real news, scaled to N articles.

Below the corpus size the first N articles are taken (conflict and general news
interleaved in a fixed order). Above it the corpus repeats, each copy with new
ids, URLs and its paragraphs (or, for one-paragraph texts, its sentences)
rotated, so no copy is a duplicate of another.
"""

import hashlib
import json
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FILES = ("conflict-news.jsonl", "general-news.jsonl")
SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def load_records():
    records = []
    for name in FILES:
        with (CORPUS / name).open(encoding="utf-8") as lines:
            records.extend(json.loads(line) for line in lines if line.strip())
    records.sort(key=lambda record: hashlib.sha1(record["id"].encode()).hexdigest())
    return records


def rotate(text: str, turn: int) -> str:
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 1:
        turn %= len(paragraphs)
        return "\n\n".join(paragraphs[turn:] + paragraphs[:turn])
    sentences = SENTENCE_END.split(text)
    turn %= max(len(sentences), 1)
    return " ".join(sentences[turn:] + sentences[:turn]) + f" ({turn})"


def write_scaled(path: Path, count: int) -> str:
    """Write `count` articles to `path`; returns a note on how they were made."""
    records = load_records()
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            record = dict(records[n % len(records)])
            copy = n // len(records)
            if copy:
                record["id"] = f"{record['id']}-copy{copy}"
                record["text"] = rotate(record["text"], copy)
                if record.get("url"):
                    record["url"] = f"{record['url']}#copy{copy}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    copies = -(-count // len(records))
    if copies > 1:
        return f"{count} articles: the {len(records)} corpus articles repeated {copies} times with new ids and rotated paragraphs"
    return f"{count} of the {len(records)} corpus articles"
