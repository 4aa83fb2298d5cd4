"""Run Redline as deployed, in subprocesses: manage.py commands and gunicorn."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import ROOT, SEEDS

GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def environment(var: Path, **extra) -> dict:
    """The environment of a Redline run of its own: its own directory, and its own
    database, a fresh PostgreSQL database when the suite runs against PostgreSQL."""
    env = {**os.environ, "REDLINE_VAR_DIR": str(var), "REDLINE_INDEX_DIR": str(var / "index"), "DJANGO_DEBUG": "1"}
    if env.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"] = fresh_postgres_database(env["DATABASE_URL"], var)
    return {**env, **extra}


def fresh_postgres_database(url: str, var: Path) -> str:
    """Create an empty database beside the one in `url`, named after `var`; its URL."""
    import hashlib

    import psycopg

    name = "live_" + hashlib.sha1(str(var).encode()).hexdigest()[:16]
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def manage(env, *args, timeout=300, check=True):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def synthetic_records(path: Path, count: int, *, start: int = 0, paragraphs: int = 4) -> Path:
    """Distinct, quote-bearing articles in the shared corpus's JSONL shape."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(start, start + count):
            body = "\n\n".join(
                f"“We will answer escalation number {n}-{p} with force,” Vladimir Putin said on day {p}. "
                f"Officials in Kyiv said the warning was the {n}th this year."
                for p in range(paragraphs)
            )
            out.write(
                json.dumps(
                    {
                        "id": f"r{n}",
                        "title": f"Warning number {n}",
                        "text": body,
                        "source": "Wire",
                        "published": "2024-09-13",
                        "url": f"https://example.org/{n}",
                    }
                )
                + "\n"
            )
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env, *, workers=3):
    port = free_port()
    server = subprocess.Popen(
        [GUNICORN, "archive.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "120"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url + "/api/speakers/", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("gunicorn did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


@contextlib.contextmanager
def served_archive(var: Path, *ingest_paths, setup_commands=(), workers=2):
    """Redline as `make run` serves it: migrated, the seeds (and any other paths)
    ingested, extra `manage.py` commands run, then gunicorn. Yields the base URL."""
    env = environment(var)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "ingest", str(SEEDS), *map(str, ingest_paths))
    for command in setup_commands:
        manage(env, *command)
    with gunicorn(env, workers=workers) as url:
        yield url
