"""Nothing lost: concurrent editors during a bulk ingest, kill -9 mid-write,
a full disk or read-only index, and a backup that restores exactly."""

import errno
import http.cookiejar
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from .conftest import ROOT
from .live import environment, gunicorn, manage, synthetic_records

PASSWORD = "a-long-editor-password-1"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a save answers 302: record it rather than follow it


class Editor:
    """An editor in a browser session of their own: log in, then save through the admin."""

    def __init__(self, url, username):
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        self.statuses, self.slowest = [], 0.0
        self.post("/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"})

    def post(self, path, data):
        page = self.opener.open(self.url + path, timeout=120).read().decode()  # for the CSRF token
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.url + path, data=body, headers={"Referer": self.url + path})
        started = time.monotonic()
        try:
            response = self.opener.open(request, timeout=120)
            status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        self.slowest = max(self.slowest, time.monotonic() - started)
        self.statuses.append((path, status, "LockError" in text))
        return status


def test_editors_saving_during_a_bulk_ingest_lose_nothing(tmp_path):
    """3 gunicorn workers, 3 editors deleting and adding articles while a bulk
    ingest runs: no error reaches an editor, and the index agrees with the database."""
    env = environment(tmp_path)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "ingest", str(synthetic_records(tmp_path / "first.jsonl", 30)))
    for n in range(3):
        manage(
            env,
            "shell",
            "-c",
            f"from django.contrib.auth.models import User; "
            f"User.objects.create_superuser('editor{n}', '', '{PASSWORD}')",
        )
    bulk = synthetic_records(tmp_path / "bulk.jsonl", 120, start=1000)
    with gunicorn(env, workers=3) as url:
        editors = [Editor(url, f"editor{n}") for n in range(3)]
        ingest = subprocess.Popen(
            [*manage_command(), "ingest", str(bulk)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

        def work(n, editor):
            for pk in range(n + 1, 31, 3):  # 10 deletes each
                editor.post(f"/admin/archive/article/{pk}/delete/", {"post": "yes"})
            for k in range(3):  # and 3 pasted articles each
                editor.post(
                    "/admin/archive/article/add/",
                    {
                        "raw_text": f"Pasted {n}-{k}\n\n“Nothing will be lost,” Dmitry Peskov said of paste {n}-{k}.",
                        "title": "",
                        "url": "",
                        "published": "",
                        "source_name": "",
                        "authors_text": "",
                        "_save": "Save",
                    },
                )

        threads = [threading.Thread(target=work, args=(n, editor)) for n, editor in enumerate(editors)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        out, err = ingest.communicate(timeout=300)
        assert ingest.returncode == 0, err
    saves = [status for editor in editors for status in editor.statuses[1:]]
    assert len(saves) == 3 * (10 + 3)
    assert all(status == 302 and not lock_error for _, status, lock_error in saves), saves
    print(
        f"\n{len(saves)} admin saves during a 120-article ingest; slowest "
        f"{max(e.slowest for e in editors):.2f} s; {out.strip()}"
    )
    result = manage(env, "check_index", check=False)
    assert result.returncode == 0 and "agrees" in result.stdout, result.stdout + result.stderr
    counts = _counts(env)
    assert counts == {"articles": 120 + 9, "unindexed": 0}, counts


def manage_command():
    import sys

    return [sys.executable, "manage.py"]


CHECK = r"""
import json
from archive.ingest.pipeline import extract_article
from archive.ingest.records import ArticleInput
from archive.models import Article
from archive import services
half = []
for article in Article.objects.prefetch_related("quotes"):
    record = extract_article(ArticleInput(raw_text=article.raw_text,
                             title=article.title if not article.title_derived else None,
                             url=article.url or None, source=article.source.name if article.source else None))
    if len(record.quotes) != len(article.quotes.all()) or record.body != article.body:
        half.append(article.pk)
print(json.dumps({"articles": Article.objects.count(), "half_written": half,
                  "unindexed": len(services.unindexed_articles(list(Article.objects.values_list("pk", flat=True))))}))
"""


def _counts(env, *, half_written=False):
    data = json.loads(manage(env, "shell", "-c", CHECK).stdout.strip().splitlines()[-1])
    if not half_written:
        assert data.pop("half_written") == []
    return data


def _children(pid, timeout=60, count=1):
    """The processes `pid` has started, once it has started `count` of them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []  # it has ended
        if len(children) >= count:
            return children
        time.sleep(0.02)
    return []


def _running(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; whoever reaps orphans here may be slow to


def _kill_when(process, condition, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if condition():
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            return True
        time.sleep(0.05)
    process.kill()
    process.wait(timeout=30)
    return False


def test_kill_9_during_ingest_and_index_update_then_rerun_completes_without_duplicates(tmp_path):
    # The embedded set-up, SQLite beside Whoosh, is the one a kill -9 can hurt: it reads the file itself.
    env = environment(tmp_path)
    env.pop("DATABASE_URL", None)
    manage(env, "migrate", "--noinput", "-v0")
    records = synthetic_records(tmp_path / "records.jsonl", 240)
    database = tmp_path / "redline.sqlite3"

    def stored():
        with sqlite3.connect(database, timeout=30) as connection:
            return connection.execute("select count(*) from archive_article").fetchone()[0]

    ingest = subprocess.Popen(
        [*manage_command(), "ingest", str(records), "--processes", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Two extraction workers, then the background indexer (services.BatchIndexer): none may outlive it.
    indexer = _children(ingest.pid, count=3)
    assert len(indexer) == 3, "the ingest started no indexer process"
    assert _kill_when(ingest, lambda: stored() >= 80), "the ingest finished before it could be killed"
    deadline = time.monotonic() + 10
    while any(map(_running, indexer)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_running, indexer)), "the indexer outlived a killed ingest"
    with sqlite3.connect(database) as connection:
        assert connection.execute("pragma integrity_check").fetchone()[0] == "ok"
    first = _counts(env)  # no article without all its quotes
    assert 80 <= first["articles"] < 240 and first["unindexed"] == first["articles"]

    # Now kill an index rebuild while it writes.
    rebuild = subprocess.Popen(
        [*manage_command(), "rebuild_index", "--noinput"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    index = tmp_path / "index"
    _kill_when(rebuild, lambda: any(index.glob("*.seg")) or any(index.glob("_MAIN_*.toc")) and time.sleep(0.3) is None)
    check = manage(env, "check_index", "--ids-only", check=False)  # the index opens and can be read
    assert "Traceback" not in check.stderr, check.stderr

    # Re-running the same ingest finishes the work: every record once, all indexed.
    again = manage(env, "ingest", str(records))
    assert "0 failed" in again.stdout, again.stdout
    assert _counts(env) == {"articles": 240, "unindexed": 0}
    assert "Ingested 0 new articles, 240 already held" in manage(env, "ingest", str(records)).stdout
    result = manage(env, "check_index", check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_ingest_indexes_what_its_background_indexer_did_not(tmp_path):
    """kill -9 the indexer process in the middle of its batch: the ingest notices, indexes the
    batch itself and ends well, with every article searchable."""
    env = environment(tmp_path)
    env.pop("DATABASE_URL", None)
    manage(env, "migrate", "--noinput", "-v0")
    records = synthetic_records(tmp_path / "records.jsonl", 120)
    database = tmp_path / "redline.sqlite3"
    ingest = subprocess.Popen(  # one process: its one child is the indexer
        [*manage_command(), "ingest", str(records), "--processes", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    (indexer,) = _children(ingest.pid)
    deadline = time.monotonic() + 120
    with sqlite3.connect(database, timeout=30) as connection:
        while connection.execute("select count(*) from archive_article").fetchone()[0] < 120:
            assert time.monotonic() < deadline and ingest.poll() is None
            time.sleep(0.05)
    time.sleep(0.2)  # the batch is handed over once the last article is stored
    assert _running(indexer), "the indexer ended before it could be killed"
    os.kill(int(indexer), signal.SIGKILL)
    out, err = ingest.communicate(timeout=300)
    assert ingest.returncode == 0, err
    assert "Ingested 120 new articles" in out.decode() and "Traceback" not in err.decode()
    assert _counts(env) == {"articles": 120, "unindexed": 0}


def _unshare_works():
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=16k tmpfs /mnt"], capture_output=True)
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(not _unshare_works(), reason="needs root to mount a small tmpfs (unshare -m)")


def _in_small_filesystem(env, mount, script, *, size="96k"):
    """Run shell `script` with a fresh tmpfs of `size` at `mount`, in a mount namespace of its own."""
    import sys

    mount.mkdir(exist_ok=True)
    command = f'mount -t tmpfs -o size={size} tmpfs "{mount}" && {script}'
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", command],
        cwd=ROOT,
        env=dict(env, PY=sys.executable),
        capture_output=True,
        text=True,
        timeout=300,
    )


@needs_mounts
def test_a_full_disk_under_the_index_gives_a_clear_error(tmp_path):
    env = environment(tmp_path, REDLINE_INDEX_DIR=str(tmp_path / "small" / "index"))
    manage(env, "migrate", "--noinput", "-v0")
    records = synthetic_records(tmp_path / "records.jsonl", 150)
    result = _in_small_filesystem(env, tmp_path / "small", f'exec "$PY" manage.py ingest "{records}"')
    assert result.returncode == 1
    assert "No space left on device" in result.stderr and "check_index --repair" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert _counts(dict(env, REDLINE_INDEX_DIR=str(tmp_path / "index")))["articles"] == 150  # the database is whole


@needs_mounts
def test_a_read_only_index_directory_gives_a_clear_error(tmp_path):
    env = environment(tmp_path, REDLINE_INDEX_DIR=str(tmp_path / "ro" / "index"))
    manage(env, "migrate", "--noinput", "-v0")
    records = synthetic_records(tmp_path / "records.jsonl", 5)
    mount = tmp_path / "ro"
    for command in (
        f'"$PY" manage.py ingest "{records}"',
        '"$PY" manage.py rebuild_index --noinput',
        '"$PY" manage.py check_index --repair',
    ):
        result = _in_small_filesystem(
            env, mount, f'mkdir "{mount}/index" && mount -o remount,ro "{mount}" && {command}'
        )
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        assert "Read-only file system" in result.stderr, (command, result.stderr)
        assert "Traceback" not in result.stderr, (command, result.stderr)


@pytest.mark.django_db(transaction=True)
def test_an_editor_whose_save_cannot_reach_the_index_gets_a_clear_page(seeded, admin_client, monkeypatch):
    from archive.models import Article

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(type(seeded), "replace_articles", full_disk)
    article = Article.objects.first()
    response = admin_client.post(f"/admin/archive/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 503
    content = response.content.decode()
    assert "No space left on device" in content and "check_index --repair" in content
    assert not Article.objects.filter(pk=article.pk).exists()  # the editor's change is kept


# -- backup and restore ---------------------------------------------------------

BACKUP_ARGS = ["archive", "--natural-foreign", "--natural-primary", "--indent", "1"]


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_the_archive_exactly(seeded, tmp_path):
    from archive import services
    from archive.models import Article, Quote, Speaker, SpeakerAlias

    # Editor corrections: a speaker changed by hand, an alias added, two speakers merged.
    quote = Quote.objects.filter(speaker__isnull=False).first()
    other = Speaker.objects.exclude(pk=quote.speaker_id).first()
    Quote.objects.filter(pk=quote.pk).update(speaker=other, attribution="named")
    SpeakerAlias.objects.create(speaker=other, name="Another Name", key="another name")
    first, second = Speaker.objects.order_by("pk")[:2]
    services.merge_speakers(first, [second])
    Article.objects.filter(pk=Article.objects.first().pk).update(raw_text="Raw\r\n\t text\u2028 kept as received")

    backup = tmp_path / "archive.json.gz"
    call_command("dumpdata", *BACKUP_ARGS, output=str(backup), verbosity=0)
    before = _dump()
    call_command("flush", interactive=False, verbosity=0)
    assert Article.objects.count() == 0
    call_command("loaddata", str(backup), verbosity=0)
    assert _dump() == before
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert services.index_difference().agrees


def _dump():
    from io import StringIO

    out = StringIO()
    call_command("dumpdata", *BACKUP_ARGS, stdout=out)
    return out.getvalue()
