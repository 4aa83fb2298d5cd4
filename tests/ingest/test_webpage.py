"""Fetching web pages safely and reading their articles: no database, a local server on 127.0.0.1."""

import datetime
import difflib
import hashlib
import socket

import pytest

from archive.ingest import webpage
from archive.ingest.text import decode_text
from archive.ingest.webpage import PageError, fetch_page, is_public_address, read_html

from ..web_server import CORPUS_HTML, corpus_pages, serving, silent_server

needs_corpus = pytest.mark.skipif(not (CORPUS_HTML / "index.json").exists(), reason="../shared/corpus is absent")


@pytest.mark.parametrize(
    "address, public",
    [
        ("93.184.215.14", True),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
    ],
)
def test_only_public_addresses_count_as_public(address, public):
    assert is_public_address(address) is public


def _lenient(text):
    return " ".join(text.replace("By ", "", 1).casefold().split()) if text else ""


def _same_title(found, expected):
    # Outlets re-headline pages: the same story keeps its lead-in, or most of its words.
    found, expected = _lenient(found), _lenient(expected)
    return (
        found.split(":")[0] == expected.split(":")[0] or difflib.SequenceMatcher(None, found, expected).ratio() >= 0.8
    )


@needs_corpus
@pytest.mark.parametrize(
    "page", corpus_pages() if (CORPUS_HTML / "index.json").exists() else [], ids=lambda p: p["file"]
)
def test_corpus_pages_give_title_byline_and_date(page):
    item = read_html(decode_text((CORPUS_HTML / page["file"]).read_bytes()), url=page["page_url"])
    expected = page["expected"]
    assert len(item.raw_text) > 1000 and "\n\n" in item.raw_text
    assert "<" not in item.raw_text[:200]
    assert _same_title(item.title, expected["title"]), (item.title, expected["title"])
    bylines = expected.get("authors") or ([expected["byline"]] if expected.get("byline") else [])
    for name in bylines:
        # A byline that is the outlet ("BBC News") is read as the source.
        assert _lenient(name) in {_lenient(a) for a in item.authors} | {_lenient(item.source)}, (name, item)
    if expected.get("published"):
        assert item.published == expected["published"][:10]  # their dates are midnight or zoned timestamps
    assert item.raw_html and item.url == page["page_url"]


def test_fetch_refuses_loopback_unless_allowed():
    with serving() as base:
        with pytest.raises(PageError, match="private, loopback or reserved address"):
            fetch_page(base + "/article.html")
        page = fetch_page(base + "/article.html", allow_private=True)
    assert "Dmitry Peskov" in page.html and page.final_url == base + "/article.html"
    assert page.captured_at.tzinfo is not None
    assert abs(page.captured_at - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=1)


def test_every_redirect_hop_is_checked(monkeypatch):
    """A public host that redirects to a loopback address is refused at the second hop."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection

    def resolve(host, port, *args, **kwargs):
        if host == "public.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    def connect(address, *args, **kwargs):  # the "public" host is our local server
        if address[0] == "93.184.215.14":
            address = ("127.0.0.1", address[1])
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(webpage.socket, "getaddrinfo", resolve)
    monkeypatch.setattr(webpage.socket, "create_connection", connect)
    with serving() as base:
        port = base.rsplit(":", 1)[1]
        public = f"http://public.example:{port}"
        assert "Dmitry Peskov" in fetch_page(public + "/article.html").html  # the first hop alone is fine
        with pytest.raises(PageError, match="127.0.0.1, a private, loopback"):
            fetch_page(f"{public}/redirect?to={base}/article.html")
        followed = fetch_page(f"{public}/redirect?to={public}/article.html")
    assert followed.final_url == public + "/article.html"


@pytest.mark.parametrize(
    "path, message",
    [
        ("/data.json", "not an HTML page"),
        ("/image.png", "not an HTML page"),
        ("/missing.html", "HTTP 404"),
    ],
)
def test_pages_that_are_not_articles_are_refused(path, message):
    with serving() as base, pytest.raises(PageError, match=message):
        fetch_page(base + path, allow_private=True)


def test_a_page_over_the_limit_is_refused():
    with serving() as base, pytest.raises(PageError, match="larger than"):
        fetch_page(base + "/article.html", allow_private=True, max_bytes=100)


def test_a_server_that_never_answers_times_out():
    with silent_server() as base, pytest.raises(PageError, match="did not answer within 0.5 seconds"):
        fetch_page(base + "/", allow_private=True, timeout=0.5)


def test_a_closed_port_and_an_unknown_host_are_reported():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(PageError, match="does not answer"):
        fetch_page(f"http://127.0.0.1:{port}/", allow_private=True, timeout=2)
    with pytest.raises(PageError, match="does not resolve"):
        fetch_page("http://no-such-host.invalid/", timeout=2)
    with pytest.raises(PageError, match="only http"):
        fetch_page("file:///etc/passwd")


def test_a_page_without_article_text_is_refused():
    with pytest.raises(PageError, match="no article text"):
        read_html("<html><body><nav>Home</nav></body></html>")


def test_read_html_takes_metadata_and_drops_the_repeated_headline():
    with serving() as base:
        page = fetch_page(base + "/article.html", allow_private=True)
    item = read_html(page.html, url=page.final_url)
    assert item.title == "Kremlin draws a line" and item.authors == ("Ann Writer",)
    assert item.source == "Test Wire" and item.published == "2024-09-13"
    assert item.raw_text.startswith("Kremlin spokesman Dmitry Peskov")
    assert hashlib.sha256(item.raw_html.encode()).hexdigest()
