"""Web pages as articles: fetch a page safely, then read its main text and metadata.

`fetch_page` refuses private and loopback addresses (unless allowed) on every
redirect hop, and connects to the very address it checked, so a DNS answer that
changes between the check and the connection cannot reach inside. `read_html`
uses trafilatura for the main text, title, byline, date and outlet.
"""

from __future__ import annotations

import contextlib
import datetime
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
from trafilatura import bare_extraction

from .records import PARAGRAPH_SEPARATOR, ArticleInput, UnreadableInput
from .text import decode_text

HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
USER_AGENT = "Redline/0.1 (news-quote archive; editor-requested fetch)"
CHUNK = 64 * 1024
# Fewer words than this is a menu, a cookie notice or an error page, not an article.
MIN_ARTICLE_WORDS = 20

# Bylines trafilatura sometimes reads from comment widgets or placeholders.
NOT_AUTHORS = {"username", "admin", "administrator", "staff", "editor", "anonymous", "none"}
_BYLINE_ELEMENTS = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')"
    " or contains(@class, '-byline') or contains(@class, 'byline__') or @rel='author' or @itemprop='author']"
)
_BY_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


class PageError(UnreadableInput):
    """The page could not be fetched or holds no article. The message says why, for an editor."""


@dataclass(frozen=True, kw_only=True)
class FetchedPage:
    url: str  # the URL asked for
    final_url: str  # where the redirects ended
    html: str
    captured_at: datetime.datetime  # UTC


def fetch_page(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 10.0,
    max_bytes: int = 5 * 1024 * 1024,
) -> FetchedPage:
    """GET an HTML page, following up to MAX_REDIRECTS redirects, each hop checked.

    Raises PageError for a bad URL, a private address (unless allow_private),
    no answer, a timeout, an error status, a body that is not HTML or is over max_bytes.
    `timeout` is one deadline for the whole fetch: connections, redirects, headers and body.
    """
    deadline = time.monotonic() + timeout
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, headers, body = _get(
            current, allow_private=allow_private, timeout=timeout, deadline=deadline, max_bytes=max_bytes
        )
        if status in REDIRECTS and headers.get("location"):
            current = urljoin(current, headers["location"])
            continue
        if status != 200:
            raise PageError(f"{current}: the page answered HTTP {status}, not the page itself.")
        content_type = headers.get("content-type", "")
        media_type = content_type.split(";")[0].strip().lower()
        if media_type not in HTML_TYPES and not (not media_type and body.lstrip()[:1] == b"<"):
            raise PageError(f"{current}: this is not an HTML page (it is {media_type or 'of no stated type'}).")
        html = _decode(body, content_type, label=current)
        return FetchedPage(url=url, final_url=current, html=html, captured_at=datetime.datetime.now(datetime.UTC))
    raise PageError(f"{url}: more than {MAX_REDIRECTS} redirects.")


def check_address(host: str, port: int, *, allow_private: bool) -> str:
    """Resolve host and return the address to connect to; refuse it if any address is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise PageError(f"{host}: no such host (the name does not resolve).") from None
    addresses = [info[4][0] for info in infos]
    if not allow_private:
        for address in addresses:
            if not is_public_address(address):
                raise PageError(
                    f"{host} resolves to {address}, a private, loopback or reserved address: refused "
                    "(set REDLINE_ALLOW_PRIVATE_URLS=1 to allow)."
                )
    return addresses[0]


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_unspecified or ip.is_reserved)


def _get(url, *, allow_private, timeout, deadline, max_bytes):
    connection, path = _connect(url, allow_private=allow_private, timeout=timeout, deadline=deadline)
    # A socket timeout bounds each read, and a server sending a byte every few seconds
    # keeps every read alive: at the deadline the connection is cut, whatever it is doing.
    watchdog = threading.Timer(deadline - time.monotonic(), _hang_up, [connection])
    watchdog.daemon = True
    watchdog.start()
    response = None
    try:
        connection.request(
            "GET",
            path,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml",
                "Accept-Encoding": "identity",
            },
        )
        response = connection.getresponse()
        headers = {key.lower(): value for key, value in response.getheaders()}
        body = _read_body(url, response, headers, max_bytes) if response.status == 200 else b""
        if time.monotonic() >= deadline:
            raise _late(url, timeout, response)  # cut off: what arrived is not the whole page
        return response.status, headers, body
    except (OSError, http.client.HTTPException) as error:
        if isinstance(error, TimeoutError) or time.monotonic() >= deadline:
            raise _late(url, timeout, response) from None
        if isinstance(error, ssl.SSLError):
            raise PageError(f"{url}: the secure connection failed ({error.reason or error}).") from None
        raise PageError(f"{url}: the server does not answer ({error.__class__.__name__}: {error}).") from None
    finally:
        watchdog.cancel()
        connection.close()


def _connect(url, *, allow_private, timeout, deadline):
    """A connection to the checked address of the URL's host, and the path to ask it for."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PageError(f"{url}: only http:// and https:// page URLs can be fetched.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise PageError(f"{url}: the port is not a number.") from None
    address = check_address(parts.hostname, port, allow_private=allow_private)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise PageError(f"{url}: the server did not answer within {timeout:g} seconds.")
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    return connection_class(parts.hostname, port, address=address, timeout=remaining), path


def _read_body(url, response, headers, max_bytes) -> bytes:
    """The page's bytes, refused as soon as they pass the size limit."""
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise PageError(f"{url}: the page is larger than the {_megabytes(max_bytes)} limit.")
    chunks, size = [], 0
    while chunk := response.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise PageError(f"{url}: the page is larger than the {_megabytes(max_bytes)} limit.")
        chunks.append(chunk)
    return b"".join(chunks)


def _late(url, timeout, response) -> PageError:
    if response is None:
        return PageError(f"{url}: the server did not answer within {timeout:g} seconds.")
    return PageError(f"{url}: the page did not arrive within {timeout:g} seconds.")


def _hang_up(connection) -> None:
    """End a fetch at its deadline: a read blocked on the socket returns at once. The
    connection's own socket, since http.client hands a closing response's socket over."""
    if connection.tcp is not None:
        with contextlib.suppress(OSError):
            connection.tcp.shutdown(socket.SHUT_RDWR)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, not to a fresh DNS answer."""

    tcp = None  # the TCP socket, for the deadline to cut

    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = self.tcp = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    tcp = None

    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        self.tcp = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(self.tcp, server_hostname=self.host)


def _decode(body: bytes, content_type: str, *, label: str) -> str:
    """The header's charset when it names one that reads the bytes; else detection."""
    match = _CHARSET.search(content_type)
    if match:
        try:
            return body.decode(match.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(body, label=label)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def read_html(html: str, *, url: str | None = None, label: str = "page") -> ArticleInput:
    """An HTML page to an article input: the main text as raw text, paragraphs separated
    by blank lines, and the page's title, byline, date and outlet as hints."""
    if not html.strip():
        raise PageError(f"{label}: the page is empty.")
    if "\x00" in html:  # no page holds one, and PostgreSQL cannot store it
        raise PageError(f"{label}: the page holds a NUL character: it is binary data, not an article.")
    document = bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        author_blacklist=NOT_AUTHORS,
    )
    text = (document.text or "").strip() if document else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise PageError(f"{label}: no article text could be found in this page.")
    title = _clean_title(document.title, document.sitename)
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:] or paragraphs
    authors = _authors(document.author) or _byline_from_markup(html)
    return ArticleInput(
        label=label,
        raw_text=PARAGRAPH_SEPARATOR.join(paragraphs),
        title=title,
        authors=authors,
        source=document.sitename or None,
        published=document.date or None,
        url=url,
        raw_html=html,
    )


def _clean_title(title: str | None, sitename: str | None) -> str | None:
    """ "Headline | CNN Politics" -> "Headline": drop a trailing part that names the outlet."""
    if not title:
        return None
    for separator in (" | ", " - ", " — ", " – "):
        head, _, tail = title.rpartition(separator)
        if head and sitename and sitename.casefold() in tail.casefold():
            return head.strip()
    return title.strip()


def _authors(value: str | None) -> tuple[str, ...]:
    names: list[str] = []
    for name in (value or "").split(";"):
        name = _BY_PREFIX.sub("", name).strip()
        if name and name.casefold() not in NOT_AUTHORS and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return tuple(names)


def _byline_from_markup(html: str) -> tuple[str, ...]:
    """A visible byline element, when the metadata names nobody."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ()
    for element in tree.xpath(_BYLINE_ELEMENTS):
        text = " ".join(element.text_content().split())
        if 3 <= len(text) <= 120:
            return _authors(text.replace(" and ", ";").replace(", ", ";"))
    return ()
