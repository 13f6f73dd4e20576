# Two entry points for a fresh machine with Python 3.11, pip and make:
#   make run    install into ./.venv and ingest seeds/ into ./warehouse (Prefect serverless)
#   make test   install into ./.venv with test extras and run lint + the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test install lint bench clean score

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/bulletins ingest

lint: install
	$(BIN)/ruff check --no-cache .

test: install
	$(BIN)/ruff check --no-cache .
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) warehouse

# Extraction score on the seed gold (needs ../shared beside the repo)
score: install
	$(BIN)/bulletins extract seeds/*.txt --format jsonl > /tmp/bulletins-pred.jsonl
	$(BIN)/python ../shared/gold/score.py ../shared/gold/seeds.jsonl seeds /tmp/bulletins-pred.jsonl
