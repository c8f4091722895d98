# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium
NGINX ?= /usr/sbin/nginx
REPLICAS ?= 3
SERVE_PORT ?= 8500

# uv compiles the lock files; pinned here, installed into the venv only by `make lock`.
UV_VERSION ?= 0.13.9

.PHONY: static i18n run serve test test-fast lint bench bench-js bench-replicas bench-soak bench-uploads bench-briefing clean chromium nginx fonts poppler datapackage npm axe screenshots lock audit briefing-sample

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs come from the lock files: every package of the tree pinned with its hashes, so `make run`, `make
# test` and CI install exactly what was tested. Edit requirements*.txt, then `make lock`.
$(VENV)/.runtime: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# Rebuild both lock files from requirements*.txt; safe to re-run at any time (e.g. after a merge adds a
# dependency). Versions already installed in the venv are kept (they are the ones the tests ran on); new
# packages resolve to their newest release. Needs PyPI.
lock: | $(BIN)/python
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	mkdir -p build
	$(BIN)/pip freeze --exclude-editable | grep -v ' @ ' > build/installed-constraints.txt
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 --universal --no-header \
	  -c build/installed-constraints.txt requirements.txt -o requirements.lock
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 --universal --no-header \
	  -c build/installed-constraints.txt requirements-dev.txt -o requirements-dev.lock
	@echo "requirements.lock and requirements-dev.lock rebuilt; commit them with requirements*.txt"

# Known vulnerabilities in the locked versions (pip-audit). Says "COULD NOT RUN" and exits 2 when no
# vulnerability service is reachable: that is not a pass.
audit: $(VENV)/.dev
	$(BIN)/python -m tools.dependency_audit

# static/ beside app.py, served at /app/static/: plotly.js's basic bundle from the locked npm package and the
# live chart's own module (components/ui/live_chart.js), for the live chart (components/ui/live_chart.py).
# Never committed; the test and bench servers put it in place too.
static: $(VENV)/.runtime node_modules/.package-lock.json
	$(BIN)/python -m tools.static_files

run: $(VENV)/.runtime static chromium fonts
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address 0.0.0.0

# N replicas behind nginx on PORT (default 8500): see deploy/README.md. Ctrl-C stops all of it.
# TLS=1 serves HTTPS (TLS_CERT and TLS_KEY, else a self-signed certificate); HTTP_PORT redirects to it.
serve: $(VENV)/.runtime static nginx chromium fonts
	NGINX=$(NGINX) $(BIN)/python -m deploy.serve --replicas $(REPLICAS) --port $(if $(filter command line,$(origin PORT)),$(PORT),$(SERVE_PORT)) \
	  $(if $(TLS),--tls $(if $(TLS_CERT),--cert $(TLS_CERT) --key $(TLS_KEY)) $(if $(HTTP_PORT),--http-port $(HTTP_PORT)))

# The curated data as a Frictionless Data Package: build/datapackage/nea-data-package-<hash>.zip
datapackage: $(VENV)/.runtime
	$(BIN)/python -m components.data.datapackage build/datapackage

chromium:
	@test -x $(CHROMIUM) || { echo "Chromium not found at $(CHROMIUM); installing Debian's package"; \
	  (apt-get update -q && apt-get install -y -q chromium) >/dev/null || { echo "apt-get install chromium failed: install it or set CHROMIUM=/path"; exit 1; }; }

# The briefing (PDF) embeds DejaVu Sans (Latin, Greek, Cyrillic) and Noto Sans CJK (Hangul, Kana, Han), found
# by path (components/charts/chart_style.py BRIEFING_FONT_FILES); its chart image is rendered by kaleido in
# the Chromium above.
FONT_FILES := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf \
  /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
fonts:
	@for font in $(FONT_FILES); do test -f $$font || missing=1; done; \
	if [ -n "$$missing" ]; then echo "Briefing fonts missing; installing fonts-dejavu-core and fonts-noto-cjk"; \
	  (apt-get update -q && apt-get install -y -q --no-install-recommends fonts-dejavu-core fonts-noto-cjk) >/dev/null \
	  || { echo "apt-get install fonts-dejavu-core fonts-noto-cjk failed"; exit 1; }; fi

# pdftotext, pdffonts and pdftoppm: the briefing tests read the PDFs with them; briefing-sample renders one.
poppler:
	@command -v pdftotext >/dev/null && command -v pdffonts >/dev/null && command -v pdftoppm >/dev/null || \
	  { echo "poppler-utils not found; installing Debian's package"; \
	  (apt-get update -q && apt-get install -y -q --no-install-recommends poppler-utils) >/dev/null \
	  || { echo "apt-get install poppler-utils failed"; exit 1; }; }

# nginx runs as our own foreground process (deploy/cluster.py), never as the system service.
nginx:
	@test -x $(NGINX) || { echo "nginx not found at $(NGINX); installing Debian's package"; \
	  (apt-get update -q && apt-get install -y -q --no-install-recommends nginx) >/dev/null || { echo "apt-get install nginx failed: install it or set NGINX=/path"; exit 1; }; }

# Browser-side files from the npm registry, pinned in package-lock.json: plotly.js's basic bundle (static/,
# the live chart) and axe-core (the accessibility browser test). npm itself from Debian when it is missing.
node_modules/.package-lock.json: package.json package-lock.json | npm
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

npm:
	@command -v npm >/dev/null || { echo "npm not found; installing Debian's package"; \
	  (apt-get update -q && apt-get install -y -q --no-install-recommends npm) >/dev/null \
	  || { echo "apt-get install npm failed: install Node.js and npm"; exit 1; }; }

axe: node_modules/.package-lock.json

# docs/briefing-sample.png: the first page of a sample briefing (Trade, default view), rendered by pdftoppm.
briefing-sample: $(VENV)/.runtime chromium fonts poppler
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m scripts.briefing_sample docs/briefing-sample.png

# docs/screenshots/<page>.png at 1400x900, taken from a live `streamlit run` (README shows them).
screenshots: $(VENV)/.dev static chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m scripts.screenshots docs/screenshots

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Every test: those without a browser on every core (pytest-xdist), then the browser tests, by default in
# one process (one server per kind, one Chromium, one opened page per path). E2E_WORKERS=2 runs them in two
# processes, a test file each at a time, each with its own servers and Chromium: about 30% faster on a
# busy 2-core machine in one measurement, not yet proven stable.
E2E_WORKERS ?= 0
# --dist worksteal: an idle worker takes tests queued on a busy one (the AppTests take a second each, most
# unit tests a millisecond). --durations prints the slowest tests, so every run's log says where time goes.
test: $(VENV)/.dev static chromium nginx fonts poppler axe lint
	$(BIN)/python -m pytest -m "not e2e" -n auto --dist worksteal --durations=15
	CHROMIUM=$(CHROMIUM) NGINX=$(NGINX) $(BIN)/python -m pytest -m e2e -n $(E2E_WORKERS) --dist loadfile --durations=15

# Unit, data and AppTest page tests, no browser: a minute or so.
test-fast: $(VENV)/.dev chromium fonts poppler
	$(BIN)/python -m pytest -m "not e2e" -n auto --dist worksteal

bench: $(VENV)/.dev static chromium fonts
	CHROMIUM=$(CHROMIUM) $(BIN)/python bench/run.py

# plotly's JavaScript per slider move on Trade, Debt and Timeline, st.plotly_chart against the live chart: a
# CDP CPU profile of each move, self time by script (bench/js_profile.py). MOVES per page and mode.
MOVES ?= 20
bench-js: $(VENV)/.dev static chromium fonts
	CHROMIUM=$(CHROMIUM) $(BIN)/python bench/js_profile.py --moves $(MOVES)

# Load test through nginx against 1, 2 and 3 replicas (bench/replicas.py).
bench-replicas: $(VENV)/.dev static chromium nginx
	CHROMIUM=$(CHROMIUM) NGINX=$(NGINX) $(BIN)/python -m bench.replicas

# 10 minutes of websocket load on 2 replicas behind nginx: RSS at the end against after warm-up (README).
bench-soak: $(VENV)/.dev static nginx
	$(BIN)/python -m bench.soak

# Uploads and memory (README "Uploads and memory"): what one file at the caps costs a process (tracemalloc,
# RSS) against the budget's charge, then SESSIONS analysts each uploading one at the caps on one replica.
# Run it on an idle machine: the reads are one at a time, so the load stretches every wait.
SESSIONS ?= 20
BUDGET_MB ?= 1024
# Briefing (PDF) build times per page and language, then one briefing beside another analyst's slider moves.
bench-briefing: $(VENV)/.dev static chromium fonts poppler
	CHROMIUM=$(CHROMIUM) $(BIN)/python bench/briefing.py --languages en,ko,ru,ja
	CHROMIUM=$(CHROMIUM) $(BIN)/python bench/briefing_alongside.py

bench-uploads: $(VENV)/.dev static
	$(BIN)/python bench/upload_memory.py
	$(BIN)/python bench/upload_budget.py --sessions $(SESSIONS) --budget-mb $(BUDGET_MB)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache bench/results node_modules static

# Translation catalogs: extract every marked string into messages.pot, then add new ones to each
# language's .po (empty, never a fuzzy guess) and drop the ones no code uses. Translate the empty entries
# and commit the .po files; tests/unit/test_catalogs.py fails on a missing or fuzzy one.
LANGS := ko ru ja
LOCALES := components/i18n/locales
i18n: $(VENV)/.dev
	$(BIN)/pybabel -q extract -F components/i18n/babel.cfg --no-location --no-wrap --sort-output \
	  --project "NEA Cooperation Dashboard" --copyright-holder "NEA Cooperation Dashboard contributors" \
	  -o $(LOCALES)/messages.pot .
	@for lang in $(LANGS); do \
	  if [ -f $(LOCALES)/$$lang/LC_MESSAGES/messages.po ]; then \
	    $(BIN)/pybabel -q update -i $(LOCALES)/messages.pot -d $(LOCALES) -l $$lang \
	      --no-fuzzy-matching --ignore-obsolete --no-wrap; \
	  else $(BIN)/pybabel -q init -i $(LOCALES)/messages.pot -d $(LOCALES) -l $$lang --no-wrap; fi; \
	done
