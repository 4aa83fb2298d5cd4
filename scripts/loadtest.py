"""Mixed read traffic against Redline as deployed, measured by wrk on 127.0.0.1.

Sets up a scratch archive (seeds plus up to --articles articles of the shared
corpus, or synthetic ones without it), serves it with gunicorn under
production settings (DJANGO_DEBUG=0, behind a TLS proxy as wrk's
X-Forwarded-Proto header says), then drives search, quotes by speaker,
article pages and the API for --seconds. Alongside, a second wrk sends hostile
requests on --hostile-connections connections (a tenth or more of all requests):
search syntax that once escaped quoting, far dates, cache-busting query strings.
Prints the figures as JSON (the ordinary requests' latencies, and the hostile
ones apart) and exits 1 if any ordinary request failed or any request got a
server error. `make loadtest` runs it for 60 s.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "conflict-news.jsonl"
QUERIES = ["escalation", "nuclear", "red line", "missiles", "warned", "Kremlin", "sanctions", "ceasefire"]

# Requests an attacker sends: queries that once became wildcards or fuzzy terms, dates
# the index cannot store, and query strings that once each made a new page-cache entry.
# Each search gets a random word more, so none is answered from the page cache.
HOSTILE_QUERIES = ["x')abcdefghijkl~8)('", "x')*e*)('", "x')putin~3)('", "*?*", "putin~2 kremlin~2 nato~2"]
HOSTILE_PATHS = [
    *(f"/search/?q={urllib.parse.quote(q)}" for q in HOSTILE_QUERIES),
    *(f"/api/quotes/?q={urllib.parse.quote(q)}" for q in HOSTILE_QUERIES),
    "/search/?since=0001-01-01&q=putin",
    "/api/quotes/?since=0001-01-01&q=putin",
]

PATHS_SCRIPT = r"""
import json
from archive.models import Article, Speaker
speakers = [s.slug for s in Speaker.objects.most_quoted()[:8]]
articles = list(Article.objects.order_by("-pk").values_list("pk", flat=True)[:20])
print(json.dumps({"speakers": speakers, "articles": articles}))
"""

# The hostile traffic: every second request gets a query string never seen before.
HOSTILE_LUA = """
local paths = {%s}
local n, k = 0, 0
local threads = {}
wrk.headers["X-Forwarded-Proto"] = "https"
setup = function(thread)
  table.insert(threads, thread)
end
init = function(args)
  server_errors = 0
end
request = function()
  n = n + 1
  if n %% 2 == 0 then
    return wrk.format("GET", "%s?x=" .. n .. "&utm_source=" .. math.random(1000000))
  end
  k = k + 1
  return wrk.format("GET", paths[(k %% #paths) + 1] .. "%%20w" .. math.random(1000000))
end
response = function(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  end
end
done = function(summary, latency, requests)
  local errors = 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("server_errors")
  end
  io.write(string.format(
    'WRK_JSON {"requests": %%d, "seconds": %%.2f, "socket_errors": %%d, "server_errors": %%d, '
    .. '"p50_ms": %%.1f, "p99_ms": %%.1f, "max_ms": %%.1f}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, errors,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""

LUA = """
local paths = {%s}
local n = 0
wrk.headers["X-Forwarded-Proto"] = "https"
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format(
    'WRK_JSON {"requests": %%d, "seconds": %%.2f, "connect_errors": %%d, "read_errors": %%d, '
    .. '"write_errors": %%d, "timeouts": %%d, "bad_status": %%d, "p50_ms": %%.1f, "p90_ms": %%.1f, '
    .. '"p99_ms": %%.1f, "max_ms": %%.1f}\\n',
    summary.requests, summary.duration / 1e6, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
"""


def _corpus_sample(path: Path, count: int) -> Path:
    with CORPUS.open(encoding="utf-8") as corpus, path.open("w", encoding="utf-8") as out:
        for n, line in enumerate(corpus):
            if n >= count:
                break
            out.write(line)
    return path


def _synthetic_sample(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = "\n\n".join(
                f"“Any escalation will meet a response, and the red line is clear,” Vladimir Putin said of missiles {n}-{p}."
                for p in range(5)
            )
            out.write(json.dumps({"id": str(n), "title": f"Warning {n}", "text": text, "source": "Wire"}) + "\n")
    return path


def _build_archive(env, var: Path, articles: int):
    """Migrate, ingest the seeds and a sample, and list the paths the mixed traffic visits."""

    def manage(*command):
        return subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout

    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("ingest", str(ROOT / "seeds"))
    sample = (_corpus_sample if CORPUS.exists() else _synthetic_sample)(var / "sample.jsonl", articles)
    manage("ingest", str(sample))
    targets = json.loads(manage("shell", "-c", PATHS_SCRIPT).strip().splitlines()[-1])
    paths = ["/"]
    for n, query in enumerate(QUERIES):
        paths += [f"/search/?q={query.replace(' ', '+')}", f"/api/quotes/?q={query.replace(' ', '+')}"]
        if targets["speakers"]:
            paths.append(f"/speakers/{targets['speakers'][n % len(targets['speakers'])]}/")
            paths.append(f"/api/quotes/?speaker={targets['speakers'][n % len(targets['speakers'])]}")
    paths += [f"/articles/{pk}/" for pk in targets["articles"]]
    paths += ["/quotes/", "/speakers/", "/api/articles/", "/api/speakers/"]
    return targets, paths


def _summary(args, result, hostile_result, *, paths, setup_seconds, server_log):
    """The figures of the run, and whether it failed (an error anywhere, ordinary or hostile)."""
    figures = _wrk_figures(result)
    hostile_figures = _wrk_figures(hostile_result) if hostile_result else None
    if figures is None or (hostile_result and hostile_figures is None):
        return None, True
    figures["errors"] = sum(
        figures[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts", "bad_status")
    )
    figures.update(
        requests_per_second=round(figures["requests"] / figures["seconds"], 1),
        connections=args.connections,
        gunicorn_workers=args.workers,
        distinct_paths=len(paths),
        articles=args.articles,
        setup_seconds=round(setup_seconds, 1),
        server_errors_logged=server_log.count("Traceback"),
    )
    hostile_errors = 0
    if hostile_figures:
        hostile_figures["share_of_requests"] = round(
            hostile_figures["requests"] / (hostile_figures["requests"] + figures["requests"]), 3
        )
        hostile_errors = hostile_figures["server_errors"] + hostile_figures["socket_errors"]
        figures["hostile"] = hostile_figures
    return figures, bool(figures["errors"] or figures["server_errors_logged"] or hostile_errors)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="How long wrk drives traffic (default 60).")
    parser.add_argument("--connections", type=int, default=8, help="Open connections (default 8).")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3: 2 cores + 1).")
    parser.add_argument("--articles", type=int, default=500, help="Corpus articles to serve besides the seeds.")
    parser.add_argument(
        "--hostile-connections", type=int, default=2, help="Connections sending hostile requests (default 2)."
    )
    args = parser.parse_args(argv)
    wrk = shutil.which("wrk")
    if not wrk:
        print("wrk is not installed: `make loadtools` (apt-get install wrk).", file=sys.stderr)
        return 2

    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="redline-load-") as scratch:
        var = Path(scratch)
        env = {
            **os.environ,
            "REDLINE_VAR_DIR": str(var),
            "REDLINE_INDEX_DIR": str(var / "index"),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        }

        started = time.monotonic()
        targets, paths = _build_archive(env, var, args.articles)
        setup_seconds = time.monotonic() - started

        port = _free_port()
        server = subprocess.Popen(
            [
                str(Path(python).parent / "gunicorn"),
                "archive.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    request = urllib.request.Request(url + "/", headers={"X-Forwarded-Proto": "https"})
                    urllib.request.urlopen(request, timeout=2)
                    break
                except OSError:
                    time.sleep(0.1)
            for path in paths:  # every path answers 200 (not a redirect, not an error) before timing
                request = urllib.request.Request(url + path, headers={"X-Forwarded-Proto": "https"})
                with urllib.request.urlopen(request, timeout=30) as response:
                    if response.status != 200 or response.url != url + path:
                        print(f"{path}: {response.status} {response.url}", file=sys.stderr)
                        return 1
            script = var / "mixed.lua"
            script.write_text(LUA % ", ".join(json.dumps(path) for path in paths))
            hostile_script = var / "hostile.lua"
            article = f"/articles/{targets['articles'][0]}/" if targets["articles"] else "/"
            hostile_script.write_text(HOSTILE_LUA % (", ".join(json.dumps(path) for path in HOSTILE_PATHS), article))

            def drive(lua, connections):
                command = [wrk, "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{args.seconds}s"]
                command += ["--timeout", "10s", "-s", str(lua), url]
                return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

            hostile = drive(hostile_script, args.hostile_connections) if args.hostile_connections else None
            ordinary = drive(script, args.connections)
            result = _finished(ordinary, args.seconds + 60)
            hostile_result = _finished(hostile, args.seconds + 60) if hostile else None
        finally:
            server.terminate()
            _, server_log = server.communicate(timeout=30)
        figures, failed = _summary(
            args, result, hostile_result, paths=paths, setup_seconds=setup_seconds, server_log=server_log
        )
        if figures is not None:
            print(json.dumps(figures, indent=1))
        return 1 if failed else 0


def _finished(process, timeout):
    stdout, stderr = process.communicate(timeout=timeout)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _wrk_figures(result):
    line = next((line for line in result.stdout.splitlines() if line.startswith("WRK_JSON ")), None)
    if line is None:
        print(result.stdout, result.stderr, file=sys.stderr)
        return None
    return json.loads(line.removeprefix("WRK_JSON "))


if __name__ == "__main__":
    sys.exit(main())
