"""Reading article inputs from disk: text files in any charset, saved web pages, and JSONL records."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from .records import ArticleInput, UnreadableInput

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")


def decode_text(data: bytes, *, label: str = "input") -> str:
    """Bytes to text: UTF-8 when it is, else the charset charset-normalizer detects.

    Binary data (NUL bytes, or no charset that reads as text) is refused.
    """
    if not data.strip():
        raise UnreadableInput(f"{label}: the file is empty.")
    nul = data.find(b"\x00")
    if nul >= 0:  # anywhere: PostgreSQL cannot store one, and no article holds one
        raise UnreadableInput(f"{label}: this is a binary file, not text (a NUL byte at byte {nul:,}).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableInput(f"{label}: the file is not text in any charset we can detect.")
    return str(best)


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
        from .webpage import read_html  # webpage builds on this module

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
