"""Adding articles from web pages and uploaded files: the service, the admin form and the ingest command.

Pages are served on 127.0.0.1 by a local server; loopback is allowed only where a test says so.
"""

import hashlib
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from haystack.query import SearchQuerySet

from archive import services
from archive.ingest.records import UnreadableInput
from archive.models import Article, Quote

from .web_server import CORPUS_HTML, corpus_pages, serving, silent_server

pytestmark = pytest.mark.django_db
allow_loopback = override_settings(REDLINE_ALLOW_PRIVATE_URLS=True)
needs_corpus = pytest.mark.skipif(not (CORPUS_HTML / "index.json").exists(), reason="../shared/corpus is absent")

ADD = "/admin/archive/article/add/"
ARTICLE_TEXT = "Kremlin spokesman Dmitry Peskov spoke on Friday.\n\n“This is a red line,” he said.\n"


@pytest.fixture
def web():
    with serving() as base:
        yield base


def _errors(response):
    assert response.status_code == 200, "expected the form back with an error"
    return response.content.decode()


# -- the service --------------------------------------------------------------


@needs_corpus
@allow_loopback
def test_every_corpus_page_imports_with_its_html_kept(web, search_index, django_capture_on_commit_callbacks):
    for page in corpus_pages():
        url = f"{web}/corpus/{page['file']}"
        with django_capture_on_commit_callbacks(execute=True):
            result = services.ingest_web_page(url)
        article = result.article
        assert result.created and article.url == url and article.body
        html = (CORPUS_HTML / page["file"]).read_bytes().decode("utf-8")
        assert article.raw_html == html
        assert article.raw_html_sha256 == hashlib.sha256(html.encode()).hexdigest()
        assert article.captured_at is not None
        expected = page["expected"]
        if expected.get("published"):
            assert article.published.isoformat() == expected["published"][:10]
        assert (
            article.title.split(":")[0].casefold() in expected["title"].casefold()
            or expected["title"].split(":")[-1].strip().casefold() in article.title.casefold()
        )
    assert Article.objects.count() == len(corpus_pages())
    # The same URL again is the same article, and is not fetched again.
    again = services.ingest_web_page(f"{web}/corpus/{corpus_pages()[0]['file']}")
    assert not again.created and Article.objects.count() == len(corpus_pages())
    assert SearchQuerySet().models(Article).count() == len(corpus_pages())


def test_private_addresses_are_refused_by_default(web):
    with pytest.raises(UnreadableInput, match="REDLINE_ALLOW_PRIVATE_URLS=1"):
        services.ingest_web_page(web + "/article.html")
    assert not Article.objects.exists()


# -- the admin form: paste, upload, or a URL ------------------------------------


@allow_loopback
def test_admin_adds_a_web_page_from_its_url(editor_client, web, search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(ADD, {"url": web + "/article.html"})
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.title == "Kremlin draws a line" and article.authors == ["Ann Writer"]
    assert article.source.name == "Test Wire" and article.published.isoformat() == "2024-09-13"
    assert article.raw_html.startswith("<html>") and article.captured_at
    assert article.quotes.get().speaker.name == "Dmitry Peskov"
    assert SearchQuerySet().models(Quote).filter(speaker="dmitry-peskov").count() == 1
    assert LogEntry.objects.filter(user__username="editor", object_id=str(article.pk)).exists()
    # The same URL again: the editor is shown the article already held.
    duplicate = _errors(editor_client.post(ADD, {"url": web + "/article.html"}))
    assert "already in the archive" in duplicate and f"/admin/archive/article/{article.pk}/change/" in duplicate
    assert Article.objects.count() == 1


@allow_loopback
def test_editor_hints_override_what_the_page_says(editor_client, web, search_index):
    response = editor_client.post(ADD, {"url": web + "/article.html", "title": "My title", "source_name": "Other"})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.title == "My title" and article.source.name == "Other"


@allow_loopback
@pytest.mark.parametrize(
    "path, message",
    [
        ("/data.json", "not an HTML page"),
        ("/missing.html", "HTTP 404"),
        ("/empty.html", "no article text"),
    ],
)
def test_admin_reports_pages_that_cannot_be_imported(editor_client, web, path, message):
    assert message in _errors(editor_client.post(ADD, {"url": web + path}))
    assert not Article.objects.exists()


def test_admin_refuses_loopback_without_the_setting(editor_client, web):
    assert "private, loopback or reserved address" in _errors(editor_client.post(ADD, {"url": web + "/article.html"}))
    assert not Article.objects.exists()


@allow_loopback
@override_settings(REDLINE_FETCH_TIMEOUT=0.5)
def test_admin_reports_a_page_that_times_out(editor_client):
    with silent_server() as base:
        assert "did not answer within 0.5 seconds" in _errors(editor_client.post(ADD, {"url": base + "/"}))
    assert not Article.objects.exists()


def test_admin_uploads_a_text_file_in_a_legacy_charset(editor_client, search_index):
    text = "Paris talks resume\n\n“Nous ne céderons pas,” said Emmanuel Macron, the French président.\n"
    upload = SimpleUploadedFile("article.txt", text.encode("cp1252"), content_type="text/plain")
    response = editor_client.post(ADD, {"upload": upload, "url": "https://example.org/paris"})
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert "céderons" in article.body and article.url == "https://example.org/paris" and not article.raw_html


@needs_corpus
def test_admin_uploads_a_saved_web_page(editor_client, search_index):
    page = corpus_pages()[0]
    data = (CORPUS_HTML / page["file"]).read_bytes()
    response = editor_client.post(ADD, {"upload": SimpleUploadedFile(page["file"], data, content_type="text/html")})
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.title == page["expected"]["title"]
    assert article.raw_html_sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary file"),
        ("article.pdf", b"%PDF-1.4 some text", "upload a .txt or .html file"),
        ("empty.txt", b"   \n", "empty"),
    ],
)
def test_admin_refuses_bad_uploads(editor_client, name, data, message):
    assert message in _errors(editor_client.post(ADD, {"upload": SimpleUploadedFile(name, data)}))
    assert not Article.objects.exists()


@override_settings(REDLINE_MAX_UPLOAD_BYTES=1000)
def test_admin_refuses_an_upload_over_the_limit(editor_client):
    upload = SimpleUploadedFile("long.txt", ("“A red line,” he said. " * 100).encode())
    assert "larger than the" in _errors(editor_client.post(ADD, {"upload": upload}))
    assert not Article.objects.exists()


def test_admin_asks_for_one_input(editor_client):
    assert "The text is empty" in _errors(editor_client.post(ADD, {"raw_text": "  "}))
    both = editor_client.post(ADD, {"raw_text": ARTICLE_TEXT, "upload": SimpleUploadedFile("a.txt", b"Other text")})
    assert "not both" in _errors(both)
    assert not Article.objects.exists()


def test_the_same_text_uploaded_after_pasting_is_a_duplicate(editor_client, search_index):
    assert editor_client.post(ADD, {"raw_text": ARTICLE_TEXT}).status_code == 302
    upload = SimpleUploadedFile("same.txt", ARTICLE_TEXT.encode())
    assert "already in the archive" in _errors(editor_client.post(ADD, {"upload": upload}))
    assert Article.objects.count() == 1


# -- the command ----------------------------------------------------------------


def _ingest(*args):
    out, err = StringIO(), StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@allow_loopback
def test_ingest_command_takes_urls_and_reports_bad_ones(web, search_index):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 input failed"):  # exit status 1
        call_command("ingest", web + "/article.html", web + "/data.json", stdout=out, stderr=err)
    out, err = out.getvalue(), err.getvalue()
    assert "Ingested 1 new article, 0 already held, 1 failed" in out
    assert "data.json: this is not an HTML page" in err
    article = Article.objects.get()
    assert article.raw_html and article.url == web + "/article.html"
    out, _ = _ingest(web + "/article.html")
    assert "0 new articles, 1 already held" in out


def test_ingest_command_refuses_loopback_by_default(web):
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing could be ingested"):
        call_command("ingest", web + "/article.html", "--no-index", stdout=StringIO(), stderr=err)
    assert "REDLINE_ALLOW_PRIVATE_URLS=1" in err.getvalue()
    assert not Article.objects.exists()


@needs_corpus
def test_ingest_command_reads_saved_html_files(search_index):
    page = corpus_pages()[0]
    out, _ = _ingest(str(CORPUS_HTML / page["file"]))
    assert "Ingested 1 new article" in out
    assert Article.objects.get().raw_html
