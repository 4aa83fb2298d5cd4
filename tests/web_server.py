"""A local HTTP server on 127.0.0.1 for web-import tests: the saved corpus pages, and pages that misbehave."""

import contextlib
import http.server
import json
import threading
from pathlib import Path

from .conftest import SHARED

CORPUS_HTML = SHARED / "corpus" / "html"


def corpus_pages() -> list[dict]:
    """index.json's entries: file, page_url and the title/byline/date other extractors expect."""
    return json.loads((CORPUS_HTML / "index.json").read_text(encoding="utf-8"))


# Pages the tests ask for by path, besides the corpus files under /corpus/.
EXTRA_PAGES = {
    "/article.html": (
        200,
        "text/html; charset=utf-8",
        (
            "<html><head><title>Kremlin draws a line</title>"
            '<meta name="author" content="Ann Writer"><meta property="og:site_name" content="Test Wire">'
            '<meta property="article:published_time" content="2024-09-13"></head><body><article>'
            "<h1>Kremlin draws a line</h1><p>Kremlin spokesman Dmitry Peskov spoke to reporters in Moscow on Friday "
            "about the decision taken by the allies this week.</p>"
            "<p>“This is a red line that must not be crossed by anyone,” he said.</p>"
            "<p>Officials in Washington declined to comment on the remarks, which came after a week of talks.</p>"
            "</article></body></html>"
        ).encode(),
    ),
    "/data.json": (200, "application/json", b'{"not": "a page"}'),
    "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
    "/missing.html": (404, "text/html", b"<html><body>Not found</body></html>"),
    "/empty.html": (200, "text/html", b"<html><body><nav>Home</nav></body></html>"),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/redirect"):  # /redirect?to=URL
            self.send_response(302)
            self.send_header("Location", self.path.split("to=", 1)[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path.startswith("/corpus/"):
            file = CORPUS_HTML / Path(path).name
            status, content_type, body = (
                (200, "text/html", file.read_bytes()) if file.is_file() else EXTRA_PAGES["/missing.html"]
            )
        else:
            status, content_type, body = EXTRA_PAGES.get(path, EXTRA_PAGES["/missing.html"])
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving():
    """Serve on 127.0.0.1 on a free port; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def silent_server():
    """A socket that accepts connections and never answers: for timeouts. Yields the base URL."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


class _Drip:
    def __init__(self):
        self.bytes_sent = 0
        self.hung_up = threading.Event()
        self.stop = threading.Event()


@contextlib.contextmanager
def dripping_server(*, stage: str, seconds: float, interval: float):
    """A server that sends one byte every `interval` seconds, for `seconds` at most: a
    header line that never ends (stage="headers"), or, after whole headers, the body.
    Yields (base URL, drip): drip.bytes_sent counts the dripped bytes, and drip.hung_up
    is set once the client has closed the connection."""
    import select
    import socket
    import time

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    drip = _Drip()

    def serve():
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        with connection:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = connection.recv(4096)
                if not chunk:
                    drip.hung_up.set()
                    return
                request += chunk
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
            connection.sendall(head + (b"X-Slow: " if stage == "headers" else b"\r\n<html><body>"))
            ends = time.monotonic() + seconds
            while time.monotonic() < ends and not drip.stop.is_set():
                readable, _, _ = select.select([connection], [], [], interval)
                try:
                    if readable and not connection.recv(4096):
                        break  # the client closed its side
                    connection.sendall(b"a")
                except OSError:
                    break
                drip.bytes_sent += 1
            else:
                return  # the drip ran its course: the client never hung up
            drip.hung_up.set()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", drip
    finally:
        drip.stop.set()
        listener.close()
        thread.join(timeout=seconds + 5)
