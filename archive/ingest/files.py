"""Reading article inputs from disk: text files in any charset, saved web pages, and JSONL records."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .records import ArticleInput, UnreadableInput
from .text import decode_text
from .webpage import read_html

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")


def iter_paths(paths) -> Iterator[Path]:
    """The files to ingest: the paths given, and .txt/.jsonl files under directories, sorted."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
        else:
            yield path


def read_inputs(path: Path) -> Iterator[ArticleInput]:
    """The articles in one file: one for a .txt or a saved .html page, one per line of a .jsonl.

    A bad JSONL line raises UnreadableInput with its line number; the lines
    before it have already been yielded.
    """
    if path.suffix == ".jsonl":
        with path.open("rb") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    yield record_input(line, label=f"{path}:{number}")
        return
    yield text_input(path.read_bytes(), name=path.name, label=str(path))


def text_input(data: bytes, *, name: str, label: str) -> ArticleInput:
    """One article from a file's bytes: a .txt file's text, or a saved web page's main text."""
    text = decode_text(data, label=label)
    if name.lower().endswith(HTML_SUFFIXES):
        return read_html(text, label=label)
    return ArticleInput(label=label, raw_text=text)


def record_input(line: bytes | str, *, label: str) -> ArticleInput:
    try:
        record = json.loads(line)
    except ValueError as error:
        raise UnreadableInput(f"{label}: not a JSON record ({error}).") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
        raise UnreadableInput(f"{label}: the record has no text.")
    author = record.get("author") or record.get("authors") or ()
    authors = (author,) if isinstance(author, str) else tuple(str(a) for a in author)
    fields = [record.get(name) for name in ("text", "title", "source", "published", "url")]
    if any("\x00" in str(value) for value in (*fields, *authors) if value is not None):
        raise UnreadableInput(f"{label}: the record holds a NUL character: it is binary data, not an article.")
    return ArticleInput(
        label=label,
        raw_text=record["text"],
        title=_str_or_none(record.get("title")),
        authors=authors,
        source=_str_or_none(record.get("source")),
        published=_str_or_none(record.get("published")),
        url=_str_or_none(record.get("url")),
    )


def _str_or_none(value) -> str | None:
    return str(value) if value not in (None, "") else None
