"""CPU per page built afresh, by kind of page, in one process: where `make bench`'s page rates
come from, without the HTTP server or the load generator's noise.

    python -m benchmarks.pages DIR [KIND ...]     (DIR: an archive kept by `benchmarks.run --keep`)

Pages are asked for through Django's test client with a session cookie, which bypasses the page
cache as it does for editors, so each one is rendered. Kinds: search and quotes (the first 40
queries of benchmarks/queries.py), article and quote (the latest 50), speaker (the 40 most quoted).
Prints the median and 90th percentile of CPU time (time.process_time) per page, each page
asked for once and then once again.
"""

import os
import statistics
import sys
import time
import urllib.parse
from pathlib import Path


def main():
    if len(sys.argv) < 2 or not Path(sys.argv[1]).is_dir():
        raise SystemExit(__doc__)
    archive = Path(sys.argv[1])
    os.environ.update(
        REDLINE_VAR_DIR=str(archive),
        REDLINE_INDEX_DIR=str(archive / "whoosh_index"),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "benchmark"),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    from django.db.models import Count
    from django.test import Client

    from archive.models import Article, Quote, Speaker

    from .queries import SEARCH_QUERIES

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = "benchmark"
    queries = SEARCH_QUERIES[:40]
    kinds = {
        "search": [f"/search/?{urllib.parse.urlencode({'q': q})}" for q in queries],
        "quotes": [f"/quotes/?{urllib.parse.urlencode({'q': q})}" for q in queries],
        "article": [f"/articles/{pk}/" for pk in Article.objects.order_by("-pk").values_list("pk", flat=True)[:50]],
        "quote": [f"/quotes/{pk}/" for pk in Quote.objects.order_by("-pk").values_list("pk", flat=True)[:50]],
        "speaker": [
            f"/speakers/{slug}/"
            for slug in Speaker.objects.annotate(n=Count("quotes")).order_by("-n").values_list("slug", flat=True)[:40]
        ],
    }
    for kind in sys.argv[2:] or list(kinds):
        paths = kinds[kind]
        client.get(paths[0])  # the index opened, the remembered lists read
        passes = []
        # The first pass asks each page once; the second again, as a worker serving make bench's
        # rotations does: what a process remembers (a search's hits, drawn fields) is used.
        for _ in range(2):
            times = []
            for path in paths:
                started = time.process_time()
                response = client.get(path)
                times.append(time.process_time() - started)
                if response.status_code != 200:
                    raise SystemExit(f"{path} answered {response.status_code}")
            times.sort()
            passes.append(
                f"median {statistics.median(times) * 1000:6.1f} ms  p90 {times[int(0.9 * (len(times) - 1))] * 1000:6.1f} ms"
            )
        print(f"{kind:8} first: {passes[0]}   again: {passes[1]}   ({len(paths)} pages)")


if __name__ == "__main__":
    main()
