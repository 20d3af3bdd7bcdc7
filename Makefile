# The two set-up commands of the README. Both work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test bench bench-pdf install install-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

run: install
	$(BIN)/bouwstenenwijzer db upgrade
	$(BIN)/bouwstenenwijzer kb load
	$(BIN)/bouwstenenwijzer run --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/python -m pytest

bench: install-test
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/pdf.py --count 200

bench-pdf: install-test
	$(BIN)/python benchmarks/pdf.py
