# Two commands set everything up: `make site` and `make test`. `make help` lists every target.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help site test serve readme validate lint benchmarks clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

site: $(STAMP) ## set up, validate data/, write README.md and build the website into site/
	$(BIN)/awesome-approx validate
	$(BIN)/awesome-approx readme

test: $(STAMP) ## set up, then run ruff and the tests
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

readme: $(STAMP) ## write README.md from data/
	$(BIN)/awesome-approx readme

validate: $(STAMP) ## check data/ and report every problem
	$(BIN)/awesome-approx validate

benchmarks: $(STAMP) ## print the benchmark figures
	$(BIN)/python benchmarks/build.py

clean: ## remove the virtual environment, caches and build output
	rm -rf $(VENV) site .cache .pytest_cache .ruff_cache .hypothesis
