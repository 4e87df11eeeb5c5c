# corpusbot — everyday commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck unit bench wheel-check clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The bot's main job: Slack or Discord when their tokens are set, else the terminal chat
# over the seed corpus.
run: install
	$(BIN)/corpusbot run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

unit: install
	HF_HUB_OFFLINE=1 $(BIN)/pytest

# Everything CI runs: lint, format check, type check, the whole test suite.
test: lint typecheck unit

# The wheel as users install it: a fresh virtualenv outside the checkout builds and answers.
wheel-check:
	bash .ci/wheel-check

bench: install
	HF_HUB_OFFLINE=1 $(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
