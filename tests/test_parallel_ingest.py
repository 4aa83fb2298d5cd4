"""manage.py ingest --processes N: workers extract, this process stores in input order, and
the archive made (articles, quotes and their offsets, speakers, roles, codes, groups) is the
same whatever N, including what a run learns about roles along the way."""

import json
from pathlib import Path

import pytest

from .live import environment, manage

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

DUMP = r"""
import json
from archive.models import (Article, ArticleGroup, Quote, QuoteGroup, Source, Speaker, SpeakerAlias,
                            SpeakerRole)
WHEN = {"created", "updated", "captured_at"}  # when a row was written, not what it holds
tables = {}
for model in (Source, Article, Speaker, SpeakerAlias, SpeakerRole, Quote, QuoteGroup, ArticleGroup):
    manager = getattr(model, "all_objects", model.objects)
    tables[model.__name__] = [{k: v for k, v in row.items() if k not in WHEN}
                              for row in manager.order_by("pk").values()]
print(json.dumps(tables, default=str, sort_keys=True))
"""


def ingest_with(processes: int, var: Path, *paths) -> tuple[dict, object]:
    """A fresh archive made by one ingest of `paths` with `processes`; its full dump, and the run."""
    env = environment(var)
    manage(env, "migrate", "--noinput", "-v0")
    run = manage(env, "ingest", *map(str, paths), "--processes", str(processes), "-v2", check=False)
    dump = json.loads(manage(env, "shell", "-c", DUMP).stdout.strip().splitlines()[-1])
    return dump, run


def invented_records(path: Path) -> Path:
    """Articles where a role named early resolves a later article's title alone, one copy of
    an earlier article, and last a record that is no article (a NUL)."""
    texts = []
    for n in range(60):
        if n == 3:
            texts.append("“We will not retreat from the river,” Ruritanian President Marek Vos said on Monday.")
        elif n % 10 == 7:  # well after the role was learned, but sent to a worker before it was
            texts.append(f"“The bridge stays closed for {n} days,” the Ruritanian president said on Tuesday.")
        elif n % 10 == 5:
            texts.append(f"“Talks resume in week {n},” a spokeswoman for the Vellish government, Ana Dal, said.")
        else:
            texts.append(f"“We count {n} drones a night,” said Ivo Tarn, the mayor of Vell. Shelling went on.")
    lines = [
        json.dumps({"id": f"a{n}", "title": f"Dispatch {n}", "text": text, "source": "Wire"})
        for n, text in enumerate(texts)
    ]
    lines.insert(20, lines[4])  # the same record again: already held
    lines.append(json.dumps({"id": "nul", "title": "Binary", "text": "a\x00b"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_same_archive_and_report_from_one_and_two_processes(tmp_path):
    records = invented_records(tmp_path / "records.jsonl")
    missing = tmp_path / "missing.txt"
    one, run_one = ingest_with(1, tmp_path / "one", records, missing)
    two, run_two = ingest_with(2, tmp_path / "two", records, missing)
    assert one == two
    # What was learned in the run reached the articles after it, with two processes as with one.
    by_id = {speaker["id"]: speaker["name"] for speaker in two["Speaker"]}
    titled = [quote for quote in two["Quote"] if "bridge stays closed" in quote["text"]]
    assert len(titled) == 6 and all(by_id.get(quote["speaker_id"]) == "Marek Vos" for quote in titled)
    assert "article(s) extracted again here" in run_two.stdout
    assert int(run_two.stdout.split(" article(s) extracted again here")[0].rsplit("\n", 1)[-1]) >= 1
    # Hostile input: the same bad records reported, the same summary, exit status 1, the copy found.
    assert run_one.returncode == run_two.returncode == 1
    assert run_one.stderr.splitlines() == run_two.stderr.splitlines()
    assert len(run_two.stderr.strip().splitlines()) == 3  # the NUL record, the missing file, the command's error
    summary = [line for line in run_two.stdout.splitlines() if line.startswith("Ingested")]
    assert summary and summary[0].startswith("Ingested 60 new articles, 1 already held, 2 failed")
    assert len(two["Article"]) == 60


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not beside the checkout")
def test_the_same_archive_from_one_and_two_processes_on_real_news(tmp_path):
    sample = tmp_path / "sample.jsonl"
    lines = []
    for name, count in (("conflict-news.jsonl", 40), ("general-news.jsonl", 20)):
        with (CORPUS / name).open(encoding="utf-8") as corpus:
            lines += [next(corpus) for _ in range(count)]
    sample.write_text("".join(lines), encoding="utf-8")
    one, _ = ingest_with(1, tmp_path / "one", ROOT / "seeds", sample)  # seeds/ first: roles the sample may ask about
    two, run = ingest_with(2, tmp_path / "two", ROOT / "seeds", sample)
    assert run.returncode == 0, run.stderr
    assert len(two["Article"]) >= 60 and len(two["Quote"]) > 100
    assert one == two
