"""With REDIS_URL, rendered pages and the archive's version live in Redis: every gunicorn
worker serves a page the first one built, and a change to the archive retires them all."""

import secrets
import urllib.request

import pytest

from .conftest import SEEDS
from .live import environment, gunicorn, manage, synthetic_records


def _get(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.headers["X-Page-Cache"], response.read().decode()


@pytest.fixture
def shared_site(tmp_path, redis_url):
    env = environment(tmp_path, REDIS_URL=redis_url, REDLINE_CACHE_PREFIX=f"test-{secrets.token_hex(4)}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "ingest", str(SEEDS))
    with gunicorn(env, workers=3) as url:
        yield env, url


def test_every_worker_serves_the_page_one_worker_built(shared_site):
    env, url = shared_site
    # Thirty requests on new connections land on all three workers: one builds the page.
    answers = [_get(f"{url}/search/?q=escalation")[0] for _ in range(30)]
    assert answers.count("miss") == 1 and answers.count("hit") == 29


def test_a_change_to_the_archive_retires_the_shared_pages(shared_site, tmp_path):
    env, url = shared_site
    assert _get(f"{url}/quotes/?q=answer")[0] == "miss"
    assert _get(f"{url}/quotes/?q=answer")[0] == "hit"
    manage(env, "ingest", str(synthetic_records(tmp_path / "more.jsonl", 1)))
    state, page = _get(f"{url}/quotes/?q=answer")
    assert state == "miss" and "escalation number 0-0 with force" in page
    assert _get(f"{url}/quotes/?q=answer")[0] == "hit"
