# AIDE Academy — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install install-test setup serve lint i18n content bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip >/dev/null

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make run: install, migrate the SQLite database, load content/, print demo accounts, serve
run: install
	$(BIN)/aide setup
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	$(BIN)/aide serve --host $(HOST) --port $(PORT)

## make test: install test extras (and Debian's chromium when missing), run the whole suite
test: install-test
	@bash tools/ensure-chromium.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check app tests tools
	$(BIN)/mypy app

i18n:
	$(BIN)/python -m tools.i18n

bench: install-test
	$(BIN)/python bench/scoring/run.py

clean:
	rm -rf $(VENV) aide.db aide.db-wal aide.db-shm test-artifacts
