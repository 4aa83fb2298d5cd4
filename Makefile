# Redline: `make run` serves the archive, `make test` runs every test. Both set up first.
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export REDLINE_VAR_DIR ?= $(CURDIR)/var
export REDLINE_INDEX_DIR ?= $(REDLINE_VAR_DIR)/whoosh_index

.PHONY: setup run test test-postgres test-redis lint bench browser loadtools redis loadtest clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Virtualenv, requirements, database, seeds, search index. Safe to run again.
setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py ingest seeds/
	ls $(REDLINE_INDEX_DIR)/*.toc >/dev/null 2>&1 || $(PY) manage.py rebuild_index --noinput --verbosity 0
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: setup
	$(VENV)/bin/gunicorn archive.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

# Debian's redis-server: the shared page cache's tests start one (REDIS_URL, README).
redis:
	command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server; }

# Debian's wrk, the load generator for `make loadtest` and the short load test in `make test`.
loadtools:
	command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

# 60 s of mixed traffic on 127.0.0.1 against gunicorn with production settings (BENCHMARKS.md).
loadtest: $(VENV)/.installed loadtools
	$(PY) scripts/loadtest.py --seconds 60

# Tests use their own database and index directories, never the ones `make run` serves.
test: setup browser loadtools redis
	scratch=$$(mktemp -d) && REDLINE_VAR_DIR=$$scratch REDLINE_INDEX_DIR=$$scratch/whoosh_index $(PY) -m pytest

# The same suite with the pages and the archive's version shared in Redis (REDIS_URL).
test-redis: setup browser loadtools redis
	scratch=$$(mktemp -d) && REDLINE_VAR_DIR=$$scratch REDLINE_INDEX_DIR=$$scratch/whoosh_index scripts/with-redis.sh $(PY) -m pytest

# The same suite as deployments that outgrow one machine run it: a real PostgreSQL server
# (a throwaway Debian cluster on 127.0.0.1) and the shared cache in Redis.
test-postgres: setup browser redis
	scripts/with-redis.sh scripts/test-postgres.sh

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

# Pages, search and ingest, with the page cache measured per worker and shared in Redis.
bench: setup redis
	scripts/with-redis.sh $(PY) -m benchmarks.run
	$(PY) -m benchmarks.speakers
	$(PY) -m benchmarks.escalation

clean:
	rm -rf $(VENV) var
