# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test test-fast lint bench clean chromium datapackage axe screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address 0.0.0.0

# The curated data as a Frictionless Data Package: build/datapackage/nea-data-package-<hash>.zip
datapackage: $(VENV)/.runtime
	$(BIN)/python -m components.datapackage build/datapackage

chromium:
	@test -x $(CHROMIUM) || { echo "Chromium not found at $(CHROMIUM); installing Debian's package"; \
	  (apt-get update -q && apt-get install -y -q chromium) >/dev/null || { echo "apt-get install chromium failed: install it or set CHROMIUM=/path"; exit 1; }; }

# axe-core for the accessibility browser test, pinned in package-lock.json (npm registry only).
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

axe: node_modules/axe-core/axe.min.js

# docs/screenshots/<page>.png at 1400x900, taken from a live `streamlit run` (README shows them).
screenshots: $(VENV)/.dev chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m scripts.screenshots docs/screenshots

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.dev chromium axe lint
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

test-fast: $(VENV)/.dev
	$(BIN)/python -m pytest -m "not e2e"

bench: $(VENV)/.dev chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache bench/results node_modules
