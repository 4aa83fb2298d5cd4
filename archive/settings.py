"""Redline's one settings module, driven by the environment.

Local defaults make `make run` work on a fresh machine; production sets
DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS, and DEBUG is then off.
"""

import datetime
import os
from pathlib import Path

import csp.constants
import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# Local state (the SQLite database, the search index, collected static files).
VAR_DIR = Path(os.environ.get("REDLINE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# Unset, DJANGO_DEBUG is on only where no secret key is given: a checkout (`make run`,
# the tests, manage.py commands). A deployment gives a secret key, so it runs with DEBUG
# off unless it asks for DJANGO_DEBUG=1. DEBUG off without a secret key refuses to start.
DEBUG = os.environ.get("DJANGO_DEBUG", "0" if SECRET_KEY else "1") == "1"

if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG=0.")
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"

ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "archive.apps.RedlineAdminConfig",  # django.contrib.admin with labelled autocompletes
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # archive before haystack: its rebuild_index, update_index and clear_index
    # wrap haystack's to report an unwritable index plainly.
    "archive",
    "haystack",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "archive.middleware.IndexUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

# Public pages in Jinja2 (archive/templating.py); the admin and haystack's index
# templates in Django's engine, which takes whatever the Jinja2 loader leaves.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "archive.templating.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'redline.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while an ingest writes; the timeout makes writers
    # queue for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Search. The default is the embedded Whoosh index, written through Redline's
# backend, which serialises writers (see archive/search/writes.py). To scale
# out, set REDLINE_SEARCH_URL to a Solr core or an Elasticsearch 7 node.
REDLINE_INDEX_DIR = Path(os.environ.get("REDLINE_INDEX_DIR", VAR_DIR / "whoosh_index"))
_search_url = os.environ.get("REDLINE_SEARCH_URL", "")
if _search_url.startswith("solr"):
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "archive.search.servers.RedlineSolrEngine",
            "URL": _search_url.replace("solr+", "", 1),
        }
    }
elif _search_url.startswith("elasticsearch"):
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "archive.search.servers.RedlineElasticsearchEngine",
            "URL": _search_url.replace("elasticsearch+", "", 1),
            "INDEX_NAME": os.environ.get("REDLINE_SEARCH_INDEX", "redline"),
        }
    }
else:
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "archive.search.whoosh.RedlineWhooshEngine",
            "PATH": str(REDLINE_INDEX_DIR),
        }
    }
# Every document in the index is a Redline model: the per-query model filter
# only costs time (it scans every document).
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20
# Index writes go through archive.services, after the transaction commits.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads: the largest article file an editor may send.
REDLINE_MAX_UPLOAD_BYTES = int(os.environ.get("REDLINE_MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = REDLINE_MAX_UPLOAD_BYTES + 1024 * 1024
REDLINE_ALLOW_PRIVATE_URLS = os.environ.get("REDLINE_ALLOW_PRIVATE_URLS", "") == "1"  # fetch pages on private hosts
# Quotes stored per article: the densest live blog of the shared war-reporting corpus holds
# 378; a text beyond this (a pasted transcript) keeps its first quotes and the editor is told.
REDLINE_MAX_QUOTES_PER_ARTICLE = int(os.environ.get("REDLINE_MAX_QUOTES_PER_ARTICLE", 1000))

LOGIN_URL = "admin:login"

# Rendered public pages (archive/caching.py). By default each worker keeps its own, at most
# REDLINE_PAGE_CACHE_MB of them; a page over an eighth of that (8 MB: an article at the 5 MB
# upload limit fits) is not kept. With REDIS_URL, pages and the archive's version live in
# Redis (Django's own cache backend), shared by every worker and machine: each page is built
# once, not once per worker. Give Redis a `maxmemory` and `maxmemory-policy allkeys-lru`.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("REDLINE_CACHE_PREFIX", "redline"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDLINE_PAGE_CACHE = "shared" if REDIS_URL else "local"
REDLINE_PAGE_CACHE_BYTES = int(os.environ.get("REDLINE_PAGE_CACHE_MB", 64)) * 1024 * 1024
# A search's time budget: past it, a search answers with what it found and says so.
REDLINE_SEARCH_SECONDS = float(os.environ.get("REDLINE_SEARCH_SECONDS", 1.0))

# Admin logins: django-axes counts failures per (username, client address) and
# locks that pair out for REDLINE_LOGIN_COOLOFF_MINUTES after
# REDLINE_LOGIN_FAILURE_LIMIT failures. Pairing with the username keeps one
# guesser from locking a whole newsroom that shares an address; the client address
# is the one the REDLINE_TRUSTED_PROXIES proxies in front report. Past
# REDLINE_LOGIN_USERNAME_LIMIT failures from any addresses, a username is locked
# out too, except at addresses it has logged in from (archive/logins.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
REDLINE_TRUSTED_PROXIES = int(os.environ.get("REDLINE_TRUSTED_PROXIES", 0))
REDLINE_LOGIN_USERNAME_LIMIT = int(os.environ.get("REDLINE_LOGIN_USERNAME_LIMIT", 20))
AXES_HANDLER = "archive.logins.RedlineAxesHandler"
AXES_CLIENT_IP_CALLABLE = "archive.logins.client_address"
AXES_FAILURE_LIMIT = int(os.environ.get("REDLINE_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("REDLINE_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

# Content-Security-Policy on every response (django-csp). Redline's pages and
# Django's admin use no inline script or style, so nothing but our own origin
# is allowed; data: images are the admin's icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.constants.SELF],
        "script-src": [csp.constants.SELF],
        "style-src": [csp.constants.SELF],
        "img-src": [csp.constants.SELF, "data:"],
        "object-src": [csp.constants.NONE],
        "base-uri": [csp.constants.NONE],
        "frame-ancestors": [csp.constants.NONE],
        "form-action": [csp.constants.SELF],
    }
}

# Production: HTTPS only, secure cookies, HSTS. Behind a proxy that ends TLS,
# the proxy must set X-Forwarded-Proto (and strip it from clients).
if not DEBUG:
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
