"""Shared fixtures: every test that touches search gets its own Whoosh index on disk."""

from pathlib import Path

import pytest
from haystack import connections

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _fresh_worker_memory():
    """Each test starts with an empty page cache and no remembered reads (archive/caching.py):
    a test's data is rolled back without moving the archive's version."""
    from archive.caching import forget_everything

    forget_everything()
    yield


@pytest.fixture
def search_index(tmp_path):
    """A fresh, real Whoosh index in a temporary directory for this test."""
    info = connections.connections_info["default"]
    saved = dict(info)
    info["PATH"] = str(tmp_path / "whoosh_index")
    connections.reload("default")
    yield connections["default"].get_backend()
    info.clear()
    info.update(saved)
    connections.reload("default")


@pytest.fixture
def editor(db):
    """A member of the Editors group, as README's "Editors" says to make one."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", password="pw-for-tests", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def ingest(search_index, django_capture_on_commit_callbacks):
    """ingest(raw_text, **hints): one article through the service, indexed as on commit."""
    from archive import services
    from archive.ingest.records import ArticleInput

    def _ingest(raw_text, **hints):
        with django_capture_on_commit_callbacks(execute=True):
            return services.ingest_article(ArticleInput(raw_text=raw_text, **hints))

    return _ingest


@pytest.fixture
def seeded(db, search_index, django_capture_on_commit_callbacks):
    """The archive after ingesting the two seed articles, indexed."""
    from archive import services
    from archive.ingest.records import ArticleInput

    with django_capture_on_commit_callbacks(execute=True):
        for path in sorted(SEEDS.glob("*.txt")):
            services.ingest_article(ArticleInput(raw_text=path.read_text(encoding="utf-8"), label=path.name))
    return search_index


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A Redis server for the shared page cache: the one REDIS_URL names (make test-redis),
    else Debian's redis-server started here on 127.0.0.1, with nothing saved to disk."""
    import os
    import shutil
    import socket
    import subprocess
    import time

    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (make test installs it)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    directory = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
