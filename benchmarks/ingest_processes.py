"""`python -m benchmarks.ingest_processes [--articles 2000] [--processes 1,2]`: the ingest
with 1 and with N extraction processes, one fresh archive each, on the first articles of
each shared corpus file, back to back in one run (the machine may be shared: compare the
ratios, not the rates of two runs). Wall time, CPU of the ingest and every process it
started (its extraction workers and indexer), articles per second, peak memory; and
whether the archives made are the same (their full dump)."""

import argparse
import json
import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from .corpus import CORPUS
from .run import PYTHON, ROOT, peak_rss_mb, with_children

FILES = ("general-news.jsonl", "conflict-news.jsonl")
DUMP = (
    "import hashlib, json\n"
    "from archive.models import Article, Quote, Source, Speaker, SpeakerAlias, SpeakerRole\n"
    "rows = [[{k: v for k, v in row.items() if k not in ('created', 'updated', 'captured_at')}\n"
    "         for row in getattr(m, 'all_objects', m.objects).order_by('pk').values()]\n"
    "        for m in (Source, Article, Speaker, SpeakerAlias, SpeakerRole, Quote)]\n"
    "print(hashlib.sha256(json.dumps(rows, default=str, sort_keys=True).encode()).hexdigest()[:16])\n"
)


def measure(sample: Path, processes: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"redline-ingest-{processes}-"))
    # DEBUG off as in production: with it on, Django keeps every query and SQLite quotes
    # each one's parameters again (about 4 ms a conflict article)
    env = dict(
        os.environ,
        REDLINE_VAR_DIR=str(work),
        REDLINE_INDEX_DIR=str(work / "whoosh_index"),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or "benchmark",
    )
    env.pop("DATABASE_URL", None)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [PYTHON, "manage.py", "ingest", str(sample), "--processes", str(processes), "-v2"]
    log = (work / "ingest.out").open("w+", encoding="utf-8")  # a file, not a pipe nobody reads while it runs
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.DEVNULL, text=True)
    peak = own = 0.0
    while process.poll() is None:
        peak = max(peak, *(peak_rss_mb(pid) or 0 for pid in with_children(process.pid)))
        own = max(own, own_cpu_s(process.pid))
        time.sleep(0.1)
    process.wait()
    log.seek(0)
    out = log.read()
    log.close()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    again = [line for line in out.splitlines() if "extracted again here" in line]
    digest = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", DUMP], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()[-1]
    count = sum(1 for _ in sample.open(encoding="utf-8"))
    return {
        "processes": processes,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "ingest_process_cpu_s": round(own, 1),  # the storing process alone (sampled; to 0.1 s)
        # What two idle cores would allow: the storing process, or all the CPU over two cores.
        "bound_per_s": round(count / max(own, cpu / 2), 1),
        "per_s": round(count / wall, 1),
        "peak_mb": round(peak),
        "extracted_again": int(again[0].split()[0]) if again else 0,
        "archive": digest,
    }


def own_cpu_s(pid) -> float:
    """CPU seconds of the process itself, not its children."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--processes", default=f"1,{os.cpu_count() or 1}")
    args = parser.parse_args()
    counts = [int(n) for n in args.processes.split(",")]
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    for name in FILES:
        sample = Path(tempfile.mkdtemp(prefix="redline-sample-")) / name
        with (CORPUS / name).open(encoding="utf-8") as corpus, sample.open("w", encoding="utf-8") as out:
            for _, line in zip(range(args.articles), corpus):
                out.write(line)
        rows = [measure(sample, processes) for processes in counts]
        for row in rows:
            print(f"{name} {args.articles}: " + json.dumps(row), flush=True)
        base = rows[0]
        for row in rows[1:]:
            print(
                f"{name}: {row['processes']} vs {base['processes']} processes: "
                f"{row['per_s'] / base['per_s']:.2f}x articles/s, {row['cpu_s'] / base['cpu_s']:.2f}x CPU, "
                f"{row['bound_per_s'] / base['bound_per_s']:.2f}x the two-idle-core bound, "
                f"same archive: {row['archive'] == base['archive']}",
                flush=True,
            )
    print(f"load average {os.getloadavg()[0]:.1f} at the end", flush=True)


if __name__ == "__main__":
    main()
