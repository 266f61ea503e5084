# Skills Hub. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
REGION ?= 08
PG_URL ?= postgres://skillshub:skillshub@127.0.0.1:5432/skillshub
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install run migrate reference coder seed seed-scale test test-pg lint typecheck bench messages screenshots e2e a11y fuzz clean deploy-check load accessibility-statement

help: ## List the targets
	@grep -E '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-12s\033[0m %s\n", $$1, $$2}'

$(STAMP): requirements/lock.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/lock.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies

migrate: install ## Apply migrations (and create the cache table)
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

reference: migrate ## Load the region's TERYT data and the ZSU 2030 reference data
	$(MANAGE) load_region $(REGION)
	$(MANAGE) load_reference
	$(MANAGE) load_occupations

coder: migrate ## Train the job-ad occupation coder once (var/models; again: manage.py train_occupation_coder)
	$(MANAGE) train_occupation_coder --if-missing

seed: reference coder ## Load the demo data (into an empty database only)
	$(MANAGE) seed_demo --if-empty

seed-scale: reference ## Make 20,000 institutions and 60,000 contacts for benchmarks
	$(MANAGE) seed_scale

run: seed ## Install, migrate, load reference and demo data, serve on http://127.0.0.1:8000
	$(MANAGE) schedule_digests
	$(MANAGE) task_worker & trap "kill $$!" EXIT; DEBUG=$${DEBUG:-1} $(MANAGE) runserver 127.0.0.1:8000

test: install ## The full suite on SQLite
	@mkdir -p var
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-pg: install ## The full suite on PostgreSQL (DATABASE_URL, default $(PG_URL))
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(BIN)/pytest -n 2 $(PYTEST_ARGS)

# e2e and a11y are also part of `make test` (the full suite); these run one slice on its own.
e2e: install ## The browser journeys (Playwright on Debian's Chromium)
	@mkdir -p var
	$(BIN)/pytest -n 2 -m browser -k "not accessib" $(PYTEST_ARGS) tests/browser

a11y: install ## The axe-core and keyboard checks in the browser
	@mkdir -p var
	$(BIN)/pytest -n 2 -m browser -k "accessib or keyboard or skip_link" $(PYTEST_ARGS) tests/browser

fuzz: install ## Hypothesis fuzz of the public forms and schemathesis on /api/v1/ (bounded)
	@mkdir -p var
	$(BIN)/pytest -n 2 -m fuzz $(PYTEST_ARGS) tests/fuzz

accessibility-statement: install ## Regenerate docs/accessibility.md from tests/browser/coverage.py
	$(BIN)/python scripts/accessibility_statement.py

screenshots: install ## Regenerate docs/screenshots/*.png from the demo data (Chromium)
	@mkdir -p var
	$(BIN)/python scripts/screenshots.py

lint: install ## ruff, manage.py check, makemigrations --check, import-linter
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	SKILLSHUB_PROFILE=production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=example.org $(MANAGE) check --deploy --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/lint-imports

typecheck: install ## mypy with django-stubs
	$(BIN)/mypy config skillshub

bench: install ## Benchmarks against a seeded database (see docs/benchmarks.md)
	bash bench/run.sh

load: install ## Load and soak: 10 min of mixed traffic + 1,000 submissions on the production stack (LOAD_DURATION)
	$(BIN)/python bench/load/run.py --duration $${LOAD_DURATION:-10m}

deploy-check: install ## nginx + 2 gunicorn + a task worker + PostgreSQL on loopback (docs/deployment.md)
	bash deploy/try-locally.sh

messages: install ## Refresh and compile the .po files
	$(MANAGE) makemessages -l pl -l en --ignore=.venv --ignore=var --ignore=bench --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv
	$(BIN)/python scripts/check_translations.py

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
