"""`make bench`: Redline at 10,000 and 100,000 articles, measured side by side.

For each scale it builds a fresh archive from the shared corpus (scaled as
benchmarks/corpus.py says), then measures, through Redline's own commands and
code: the end-to-end ingest rate, rebuild_index, index size, search latency
beside raw Whoosh, SQLite FTS5 and stock haystack (benchmarks/search.py), page
throughput under gunicorn with wrk, and peak memory per process. It prints a
table and appends it to BENCHMARKS.md with the machine, date and commit.

    python -m benchmarks.run [--scales 10000,100000] [--duration 10] [--no-pages] [--keep]
    python -m benchmarks.run --scales 20000 --archive /tmp/redline-bench-20000-… (search and pages again)
"""

import argparse
import concurrent.futures
import contextlib
import datetime
import json
import os
import platform
import re
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

from .corpus import CORPUS, write_scaled
from .queries import SEARCH_QUERIES

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def run_checked(command, env):
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def peak_rss_mb(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return round(int(match.group(1)) / 1024, 1) if match else None


def with_children(pid):
    try:
        return [pid, *map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    except OSError:
        return [pid]


def measured_child(command, env):
    """Run a command and sample the peak memory of its largest process (ingest forks an indexer)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, *(peak_rss_mb(pid) or 0 for pid in with_children(process.pid)))
        time.sleep(0.2)
    stdout, stderr = process.communicate()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return time.perf_counter() - started, peak, stdout


def directory_mb(path):
    return round(sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1e6, 1)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# wrk sends each thread's requests round a list of paths, the threads starting at different points.
ROTATION_SCRIPT = """
local paths = {%s}
local counter = 0
function setup(thread)
  thread:set("offset", counter * 7)
  counter = counter + 1
end
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", paths[((offset + i) %% #paths) + 1], {%s})
end
"""


def wrk(url, duration, *, rotate=(), headers=None):
    """Requests/s, latency p50/p99 (ms) and errors for one URL, or for the base URL
    with the paths of `rotate` in turn."""
    if not shutil.which("wrk"):
        return None
    command = ["wrk", "-t2", "-c8", f"-d{duration}s", "--latency"]
    if rotate:
        script = Path(tempfile.mkstemp(suffix=".lua")[1])
        script.write_text(
            ROTATION_SCRIPT
            % (
                ", ".join(json.dumps(path) for path in rotate),
                ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in (headers or {}).items()),
            )
        )
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout

    def ms(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", output, re.M)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 1)

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    # wrk prints these lines only when there is something to count.
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = (sum(map(int, socket_errors.groups())) if socket_errors else 0) + (int(non_2xx.group(1)) if non_2xx else 0)
    return {"rps": round(rate), "p50_ms": ms("50"), "p99_ms": ms("99"), "errors": errors}


def fresh_paths(base):
    """Paths of each kind of page, for rotations in which every page is built afresh:
    the query set on /search/ and /quotes/, and articles, quote permalinks and the
    pages of the most-quoted speakers, spread over the archive."""
    speakers = json.load(urllib.request.urlopen(base + "/api/speakers/"))["results"]

    def ids(url, pages=5):
        found = []
        while url and pages:
            answer = json.load(urllib.request.urlopen(url))
            found += [item["id"] for item in answer["results"]]
            url, pages = answer["next"], pages - 1
        return found

    articles, quotes = ids(f"{base}/api/articles/"), ids(f"{base}/api/quotes/")
    return {
        "search": [f"/search/?{urllib.parse.urlencode({'q': q})}" for q in SEARCH_QUERIES],
        "quotes": [f"/quotes/?{urllib.parse.urlencode({'q': q})}" for q in SEARCH_QUERIES],
        "article": [f"/articles/{pk}/" for pk in articles],
        "quote": [f"/quotes/{pk}/" for pk in quotes],
        "speaker": [f"/speakers/{speaker['slug']}/" for speaker in speakers],
    }


def http_latency(base, paths, *, passes):
    """p50 and p95 (ms) of pages requested one at a time, each built afresh: what one
    researcher waits for a new search, to set beside raw Whoosh's query and highlighting."""
    samples = []
    for _ in range(passes):
        for path in paths:
            request = urllib.request.Request(base + path, headers={"Cookie": "sessionid=benchmark"})
            started = time.perf_counter()
            urllib.request.urlopen(request, timeout=60).read()
            samples.append(time.perf_counter() - started)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"p50": round(samples[len(samples) // 2] * 1000, 1), "p95": round(p95 * 1000, 1), "requests": len(samples)}


@contextlib.contextmanager
def gunicorn(env, workers):
    """Serve the archive with gunicorn on a free port; yields its base URL and the
    master's pid, once the home page answers."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "archive.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=20)


def worker_peaks(pid):
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [peak_rss_mb(int(child)) for child in children]


def pages(env, duration, workers=2):
    """Serve with gunicorn and load pages with wrk: single URLs as the page cache serves
    them, and rotations of each kind of page built afresh."""
    with gunicorn(env, workers) as (base, pid):
        api = json.load(urllib.request.urlopen(base + "/api/speakers/"))
        speaker = api["results"][0]["slug"]
        article = json.load(urllib.request.urlopen(base + "/api/articles/"))["results"][0]["id"]
        urls = {
            "/search/?q=missiles (highlighted), cached after the first request": f"{base}/search/?q=missiles",
            f"/quotes/?speaker={speaker}": f"{base}/quotes/?speaker={speaker}",
            f"/quotes/?q=war&speaker={speaker}": f"{base}/quotes/?q=war&speaker={speaker}",
            "/articles/<id>/": f"{base}/articles/{article}/",
        }
        # A served page is measured warm, as traffic keeps it: the first request in each
        # worker opens the index and builds the page (a second or more at 100,000 articles),
        # and with 8 connections waiting behind it that start set the p99 of a 10 s run.
        for url in [*urls.values(), f"{base}/search/?q=warm"]:
            for _ in range(2 * workers):
                urllib.request.urlopen(url, timeout=120).read()
        results = {name: wrk(url, duration) for name, url in urls.items()}
        # Pages built afresh: a session cookie bypasses the page cache, as it does for
        # editors, so every request renders its page.
        kinds = fresh_paths(base)
        results["search_over_http"] = http_latency(base, kinds["search"], passes=3)
        fresh = {"Cookie": "sessionid=benchmark"}
        for kind, paths in kinds.items():
            results[f"{kind} pages in turn ({len(paths)} URLs), built afresh"] = wrk(
                base + "/", duration, rotate=paths, headers=fresh
            )
        mixed = [path for group in zip(*kinds.values()) for path in group]
        results[f"all kinds in turn ({len(mixed)} URLs), built afresh"] = wrk(
            base + "/", duration, rotate=mixed, headers=fresh
        )
        results["worker_peak_mb"] = worker_peaks(pid)
        return results


def served_from_cache(urls):
    """Ask for each URL in turn; whether each answer came from the page cache."""
    hits = []
    for url in urls:
        with urllib.request.urlopen(url, timeout=120) as answer:
            answer.read()
            hits.append(answer.headers.get("X-Page-Cache") == "hit")
    return hits


def cache_sharing(env, workers, *, rounds=3, readers=4):
    """The page cache kept by each worker, and shared in Redis when REDIS_URL is set: readers
    without a session ask for the same mixed pages `rounds` times over; the share answered
    from the cache (X-Page-Cache), requests/s, each worker's peak memory and Redis's."""
    modes = {"local": {key: value for key, value in env.items() if key != "REDIS_URL"}}
    if env.get("REDIS_URL"):
        modes["shared (Redis)"] = env
    measured = {}
    for mode, mode_env in modes.items():
        if mode_env.get("REDIS_URL"):
            import redis

            store = redis.Redis.from_url(mode_env["REDIS_URL"])
            store.flushdb()
        with gunicorn(mode_env, workers) as (base, pid):
            kinds = fresh_paths(base)
            mixed = [path for group in zip(*kinds.values()) for path in group]
            asks = [path for _ in range(rounds) for path in mixed]
            started = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(readers) as pool:
                shares = [[base + path for path in asks[n::readers]] for n in range(readers)]
                hits = [hit for share in pool.map(served_from_cache, shares) for hit in share]
            seconds = time.perf_counter() - started
            measured[mode] = {
                "pages": len(mixed),
                "requests": len(asks),
                "hit_rate": round(sum(hits) / len(hits), 3),
                "rps": round(len(asks) / seconds),
                "worker_peak_mb": worker_peaks(pid),
                "redis_mb": round(store.info("memory")["used_memory"] / 1e6, 1) if mode_env.get("REDIS_URL") else None,
            }
    return measured


def git_commit():
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"


def bench_scale(count, args):
    work = Path(args.archive) if args.archive else Path(tempfile.mkdtemp(prefix=f"redline-bench-{count}-"))
    # Production settings, as a deployment runs them (templates cached, no debug tooling).
    env = dict(
        os.environ,
        REDLINE_VAR_DIR=str(work),
        REDLINE_INDEX_DIR=str(work / "whoosh_index"),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(32),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )
    env.pop("DATABASE_URL", None)  # the embedded set-up, SQLite beside Whoosh, is the one measured
    if args.archive:
        # A kept archive: search and pages measured again, on a quieter machine or newer code.
        row = {"articles": count, "note": f"{count} articles: the archive kept at {work}, measured again"}
        run_checked([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    else:
        corpus_file = work / "articles.jsonl"
        note = write_scaled(corpus_file, count)
        print(f"\n== {note}", flush=True)
        run_checked([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
        run_checked([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        # Extraction on every core while the ingest process stores (manage.py ingest --processes).
        ingest = [PYTHON, "manage.py", "ingest", str(corpus_file), "--processes", str(os.cpu_count() or 1), "-v0"]
        seconds, ingest_peak, _ = measured_child(ingest, env)
        row = {
            "articles": count,
            "note": note,
            "ingest_s": round(seconds, 1),
            "ingest_per_s": round(count / seconds, 1),
            "ingest_peak_mb": ingest_peak,
        }
        print(f"ingest: {row['ingest_per_s']} articles/s", flush=True)

    counts = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from archive.models import Article, Quote; print(Article.objects.count(), Quote.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    row["articles_stored"], row["quotes"] = int(counts[-2]), int(counts[-1])
    if not args.archive:
        seconds, rebuild_peak, _ = measured_child([PYTHON, "manage.py", "rebuild_index", "--noinput", "-v0"], env)
        documents = row["articles_stored"] + row["quotes"]
        row.update(
            rebuild_s=round(seconds, 1),
            rebuild_docs_per_s=round(documents / seconds),
            rebuild_peak_mb=rebuild_peak,
        )
        print(f"rebuild_index: {row['rebuild_docs_per_s']} documents/s", flush=True)
    row.update(
        index_mb=directory_mb(work / "whoosh_index"),
        database_mb=round((work / "redline.sqlite3").stat().st_size / 1e6, 1),
    )

    search_env = dict(
        env,
        BENCH_PASSES=str(args.passes),
        BENCH_NAIVE="1" if args.naive else "0",
        BENCH_NAIVE_SAMPLE=str(args.naive_sample),
    )
    seconds, search_peak, output = measured_child([PYTHON, "-m", "benchmarks.search"], search_env)
    row["search"] = json.loads(output)
    row["search_process_peak_mb"] = search_peak
    if args.pages:
        row["pages"] = {workers: pages(env, args.duration, workers) for workers in args.workers}
        row["cache"] = {workers: cache_sharing(env, workers) for workers in sorted({*args.workers, 2, 4})}
    if not args.keep and not args.archive:
        shutil.rmtree(work, ignore_errors=True)
    return row


def ratio(a, b):
    return f"{a / b:.1f}x" if a and b else "–"


def report(rows):
    lines = []
    for row in rows:
        engines = row["search"]["engines"]
        ours = engines["redline"]
        lines += [f"### {row['note']}", ""]
        if "ingest_per_s" in row:
            lines += [
                f"- Ingest, end to end (clean, quotes, database, index): **{row['ingest_per_s']} articles/s** "
                f"({row['ingest_s']} s; {row['quotes']} quotes; peak {row['ingest_peak_mb']} MB)",
                f"- rebuild_index: {row['rebuild_s']} s, **{row['rebuild_docs_per_s']} documents/s** "
                f"(peak {row['rebuild_peak_mb']} MB)",
            ]
        lines += [
            f"- {row['articles_stored']} articles and {row['quotes']} quotes; index {row['index_mb']} MB on disk, "
            f"database {row['database_mb']} MB",
            f"- Index build, baselines: SQLite FTS5 {row['search'].get('fts5_index_docs_per_s')} documents/s; "
            f"stock haystack update {row['search'].get('naive_update_docs_per_s', '–')} documents/s (on a sample)",
            "",
            f"| search ({row['search']['queries']} queries × {row['search']['passes']}) | p50 ms | p95 ms | highlighted p50 ms | highlighted p95 ms |",
            "|---|---|---|---|---|",
        ]
        for name, figures in engines.items():
            passes = figures.get("passes", row["search"]["passes"])
            label = name if passes == row["search"]["passes"] else f"{name} ({passes} pass)"
            lines.append(
                f"| {label} | {figures['plain']['p50']} | {figures['plain']['p95']} | "
                f"{figures['highlight']['p50']} | {figures['highlight']['p95']} |"
            )
        lines.append("")
        raw, naive = engines["raw_whoosh"], engines.get("haystack_default")
        lines.append(
            f"- Redline p95 vs raw Whoosh: {ratio(ours['plain']['p95'], raw['plain']['p95'])} "
            f"(highlighted {ratio(ours['highlight']['p95'], raw['highlight']['p95'])}); "
            f"vs SQLite FTS5: {ratio(ours['plain']['p95'], engines['fts5']['plain']['p95'])}"
            + (
                f"; stock haystack is {ratio(naive['plain']['p95'], ours['plain']['p95'])} slower than Redline "
                f"(highlighted {ratio(naive['highlight']['p95'], ours['highlight']['p95'])})"
                if naive
                else ""
            )
        )
        lines.append(
            "- Redline p95 by query kind (ms): " + ", ".join(f"{k} {v}" for k, v in ours["p95_by_kind"].items())
        )
        for workers, served in row.get("pages", {}).items():
            lines += [
                "",
                f"| page under gunicorn, {workers} workers, wrk -t2 -c8 | requests/s | p50 ms | p99 ms | errors |",
                "|---|---|---|---|---|",
            ]
            for name, figures in served.items():
                if isinstance(figures, dict) and "rps" in figures:
                    lines.append(
                        f"| {name} | {figures['rps']} | {figures['p50_ms']} | {figures['p99_ms']} | {figures['errors']} |"
                    )
            http = served["search_over_http"]
            raw = engines["raw_whoosh"]["highlight"]
            lines += [
                f"\n- /search/ over HTTP, one request at a time, each page built afresh ({http['requests']} requests): "
                f"p50 {http['p50']} ms, p95 {http['p95']} ms; raw Whoosh query + highlighting p95 {raw['p95']} ms: "
                f"**{ratio(http['p95'], raw['p95'])}**",
                f"- Peak resident memory per gunicorn worker ({workers} workers): {served['worker_peak_mb']} MB; "
                f"search benchmark process {row['search_process_peak_mb']} MB",
            ]
        if row.get("cache"):
            lines += [
                "",
                "| page cache, readers without a session, each page asked for 3 times | workers | hit rate | requests/s | worker peak MB | Redis MB |",
                "|---|---|---|---|---|---|",
            ]
            for workers, modes in row["cache"].items():
                for mode, figures in modes.items():
                    lines.append(
                        f"| {mode}, {figures['pages']} pages, {figures['requests']} requests | {workers} | "
                        f"{figures['hit_rate']:.1%} | {figures['rps']} | {figures['worker_peak_mb']} | {figures['redis_mb'] or '–'} |"
                    )
        lines.append("")
    if len(rows) >= 2 and all("ingest_per_s" in row for row in rows):
        small, large = rows[0], rows[-1]
        growth = large["articles"] / small["articles"]
        lines.append(
            f"Growth {small['articles']:,} → {large['articles']:,} articles ({growth:.0f}x): ingest rate "
            f"{ratio(small['ingest_per_s'], large['ingest_per_s'])} lower, search p95 "
            f"{ratio(large['search']['engines']['redline']['plain']['p95'], small['search']['engines']['redline']['plain']['p95'])} higher.\n"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="10000,100000", help="Comma-separated article counts.")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of wrk load per page.")
    parser.add_argument("--passes", type=int, default=3, help="Passes over the query set.")
    parser.add_argument("--no-pages", dest="pages", action="store_false", help="Skip the gunicorn page load.")
    parser.add_argument(
        "--workers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[2],
        help="Comma-separated gunicorn worker counts to load pages with (default 2).",
    )
    parser.add_argument("--no-naive", dest="naive", action="store_false", help="Skip the stock haystack baseline.")
    parser.add_argument(
        "--naive-sample", type=int, default=300, help="Articles indexed through stock haystack's own update path."
    )
    parser.add_argument("--keep", action="store_true", help="Keep each benchmark archive's directory.")
    parser.add_argument(
        "--archive",
        default=None,
        help="Measure search and pages again on an archive kept with --keep (give one scale: its article count).",
    )
    parser.add_argument(
        "--output", default=str(ROOT / "BENCHMARKS.md"), help="Where to append the results ('-': nowhere)."
    )
    args = parser.parse_args()
    if args.archive and "," in args.scales:
        parser.error("--archive measures one kept archive: give its article count as --scales")
    if not CORPUS.exists():
        print(f"The shared corpus is not at {CORPUS}: nothing to benchmark.")
        return
    rows = [bench_scale(int(count), args) for count in args.scales.split(",")]
    machine = f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()}"
    header = (
        f"## make bench · {datetime.date.today().isoformat()} · commit {git_commit()} · {machine}\n\n"
        f"`python -m benchmarks.run --scales {args.scales} --duration {args.duration} --passes {args.passes} --workers {','.join(map(str, args.workers))}`\n"
    )
    text = header + "\n" + report(rows)
    print("\n" + text)
    if args.output != "-":
        with open(args.output, "a", encoding="utf-8") as out:
            out.write("\n" + text)


if __name__ == "__main__":
    main()
