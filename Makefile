# Næstved LUP: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SETUP_STAMP := $(VENV)/.installed
EN_PO := locale/en/LC_MESSAGES/django.po
# Det Fælles Designsystem's stylesheet pruned to the rules the templates and Python use: built
# again when one of them changes (frontend/build-css.mjs).
CSS := frontend/build/css/dkfds.min.css
CSS_SOURCES := frontend/build-css.mjs $(shell find . \( -name node_modules -o -name .venv -o -name .git -o -name static -o -name tests -o -name migrations \) -prune -o \( -name '*.html' -o -name '*.py' \) -print)
# Debian's text layout and fonts, which WeasyPrint needs to write the annual reports as PDF.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

.DEFAULT_GOAL := help
.PHONY: help install css run test test-fast lint check messages compilemessages browser system-packages services lighthouse

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(SETUP_STAMP): pyproject.toml frontend/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	npm ci --prefix frontend --no-audit --no-fund --loglevel=error
	touch $@

install: $(SETUP_STAMP) compilemessages $(CSS) ## Create .venv, install the dependencies, compile translations, build the CSS

css: $(CSS) ## Build the design system's CSS, pruned to the rules the templates use

$(CSS): $(SETUP_STAMP) $(CSS_SOURCES)
	npm run build --prefix frontend --silent

compilemessages: $(SETUP_STAMP)
	$(BIN)/python manage.py compilemessages --ignore=".venv/*" --verbosity 0

messages: install ## Extract new strings into locale/*/django.po (then translate the Danish ones)
	$(BIN)/python manage.py makemessages -l da -l en --ignore=".venv/*" --ignore="static/*" --add-location=file
	@# English msgids are the English text: the English catalogue is rebuilt as msgstr = msgid.
	msgfilter --keep-header -i $(EN_PO) -o $(EN_PO) sh -c 'cat > /dev/null'
	msgen $(EN_PO) | msgattrib --clear-fuzzy -o $(EN_PO)

run: install system-packages ## Set up the demo site on SQLite and serve it on http://127.0.0.1:$(PORT)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

system-packages: ## Install Debian's Pango and fonts for the PDF reports, where they are missing (needs root)
	@dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq $(PDF_PACKAGES))

browser: ## Install Debian's Chromium for the browser tests, where it is missing (needs root)
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

services: ## Install Debian's nginx, Redis and wrk where missing and start Redis: the tests and benchmarks run real servers (needs root)
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || (apt-get update -qq && apt-get install -y -qq nginx-light)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	@command -v redis-server >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-server)
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --save "" >/dev/null

test: install system-packages browser services ## Run the tests (SQLite, or the database in DATABASE_URL), one process per core
	$(BIN)/python -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

test-fast: install system-packages ## Run the tests not marked slow or browser (under a minute): no demo site, no browser
	$(BIN)/python -m pytest -m "not slow and not browser"

lint: install ## Check the code style, and that the apps depend one way (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

lighthouse: install browser ## Lighthouse (mobile) on the demo served as in production; fails under its targets
	$(BIN)/python -m benchmarks.lighthouse

check: install ## Django's checks and a check for missing migrations
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
