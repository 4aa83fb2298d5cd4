"""Security: production settings pass `check --deploy`, every page has a CSP,
admin logins are throttled, CSRF applies everywhere, no secret is in git."""

import re
import secrets
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from .conftest import ROOT
from .live import environment as live_environment

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "redline.example.org",
}


def _manage(tmp_path, *args, **env):
    environment = live_environment(tmp_path, **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_no_warning_with_production_settings(tmp_path):
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "given, debug",
    [
        ({}, "True"),  # a checkout: make run, the tests, manage.py commands
        ({"DJANGO_SECRET_KEY": "k" * 50}, "False"),  # a deployment that did not say
        ({"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_DEBUG": "1"}, "True"),
        ({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "k" * 50}, "False"),
    ],
)
def test_debug_is_off_wherever_a_secret_key_is_given(tmp_path, given, debug):
    environment = live_environment(tmp_path)
    for name in ("DJANGO_DEBUG", "DJANGO_SECRET_KEY"):
        environment.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=ROOT,
        env={**environment, **given},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == debug, result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage(tmp_path, "check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS="x.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required when DJANGO_DEBUG=0" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/search/?q=escalation", "/speakers/", "/quotes/", "/api/quotes/", "/admin/login/"]
)
def test_every_page_carries_a_strict_content_security_policy(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_admin_logins_are_throttled_after_repeated_failures(settings, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "right-horse-battery")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the login form again, with its message
    response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    # Locked out: even the right password is refused until the cool-off ends.
    response = client.post("/admin/login/", {"username": "editor", "password": "right-horse-battery"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another editor at the same address is not locked out by someone guessing this name.
    django_user_model.objects.create_superuser("other", "other@example.org", "another-long-password")
    response = client.post("/admin/login/", {"username": "other", "password": "another-long-password"})
    assert response.status_code == 302


def _callbacks(resolver=None):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _callbacks(pattern)
        elif isinstance(pattern, URLPattern):
            yield str(pattern.pattern), pattern.callback


def test_no_view_is_exempt_from_csrf():
    exempt = [route for route, callback in _callbacks() if getattr(callback, "csrf_exempt", False)]
    assert exempt == []


@pytest.mark.django_db
def test_posts_without_a_csrf_token_are_refused(django_user_model):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 403
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "right-horse-battery")
    client.force_login(editor)
    assert client.post("/admin/archive/article/add/", {"raw_text": "Text."}).status_code == 403
    assert client.post("/admin/logout/").status_code == 403


SECRET_PATTERNS = [
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"AKIA[0-9A-Z]{16}"),  # AWS access key id
    re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"),  # GitHub token
    re.compile(r"xox[baprs]-[A-Za-z0-9-]{10,}"),  # Slack token
    re.compile(r"postgres(?:ql)?://[^:\s/]+:[^@\s]{3,}@(?!host)"),  # a real password in a URL
]
# Assignments of long literal secrets, outside the tests (whose users and passwords are made up).
ASSIGNED_SECRET = re.compile(r"""(?i)(secret_key|password|passwd|api_key|token)\s*[=:]\s*["'][^"'\s]{16,}["']""")
ALLOWED = ["insecure-local-development-key-never-used-in-production"]


def test_no_secrets_are_tracked_in_git():
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    found = []
    for name in filter(None, listed.stdout.decode().split("\0")):
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".jpg", ".sqlite3"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        patterns = SECRET_PATTERNS if name.startswith("tests/") else [*SECRET_PATTERNS, ASSIGNED_SECRET]
        for pattern in patterns:
            for match in pattern.finditer(text):
                if not any(allowed in match.group() for allowed in ALLOWED):
                    found.append(f"{name}: {match.group()[:40]}")
    assert found == []
    for local in ("var/redline.sqlite3", ".env"):
        assert subprocess.run(["git", "check-ignore", "-q", local], cwd=ROOT).returncode == 0, f"{local} is not ignored"
