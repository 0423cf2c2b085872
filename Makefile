# Two commands set everything up: `make site` and `make test`. `make help` lists every target.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help site test serve readme validate lint links benchmarks clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

site: $(STAMP) ## set up, validate data/, write README.md and build the website into site/
	$(BIN)/awesome-approx build
	@echo "The site is in site/: open file://$(CURDIR)/site/index.html in a browser, or run 'make serve'."

serve: $(STAMP) ## serve the website on http://127.0.0.1:8000 and rebuild it when data/, templates/ or docs/ change
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP) ## set up, then run ruff and the tests
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP) ## run ruff only
	$(BIN)/ruff check src tests benchmarks

links: $(STAMP) ## check every link of the list (needs the network; results cached in .cache/)
	$(BIN)/awesome-approx links

readme: $(STAMP) ## write README.md from data/
	$(BIN)/awesome-approx readme

validate: $(STAMP) ## check data/ and report every problem
	$(BIN)/awesome-approx validate

benchmarks: $(STAMP) ## print the benchmark figures
	$(BIN)/python benchmarks/build.py
	$(BIN)/python benchmarks/site.py
	$(BIN)/python benchmarks/links.py
	$(BIN)/python benchmarks/contribute.py
	$(BIN)/python benchmarks/import_markdown.py

clean: ## remove the virtual environment, caches and build output
	rm -rf $(VENV) site .cache .pytest_cache .ruff_cache .hypothesis
