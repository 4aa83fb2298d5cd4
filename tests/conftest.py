"""Shared fixtures: every test that touches search gets its own Whoosh index on disk."""

from pathlib import Path

import pytest
from haystack import connections

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


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
def seeded(db, search_index, django_capture_on_commit_callbacks):
    """The archive after ingesting the two seed articles, indexed."""
    from archive import services
    from archive.ingest.records import ArticleInput

    with django_capture_on_commit_callbacks(execute=True):
        for path in sorted(SEEDS.glob("*.txt")):
            services.ingest_article(ArticleInput(raw_text=path.read_text(encoding="utf-8"), label=path.name))
    return search_index
