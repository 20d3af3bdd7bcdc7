# The two set-up commands of the README. Both work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test bench bench-pdf bench-pages load install install-test install-bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

install-bench: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,bench]'

run: install
	$(BIN)/bouwstenenwijzer db upgrade
	$(BIN)/bouwstenenwijzer kb load
	$(BIN)/bouwstenenwijzer run --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/python -m pytest

bench: install-test
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/pdf.py --count 200

# 1,000 PDFs in a row: the renderer's memory over its renewals
bench-pdf: install-test
	$(BIN)/python benchmarks/pdf.py

# throughput of the main pages as a share of bare Flask (gunicorn + PostgreSQL started by the script)
bench-pages: install-bench
	$(BIN)/python benchmarks/pages.py

# LOAD_USERS simulated users through the whole flow for LOAD_SECONDS (gunicorn + PostgreSQL started by the script)
LOAD_USERS ?= 50
LOAD_SECONDS ?= 60
load: install-bench
	$(BIN)/python benchmarks/load.py --users $(LOAD_USERS) --seconds $(LOAD_SECONDS)
