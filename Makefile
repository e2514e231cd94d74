# The two commands of the README. Each creates .venv if needed and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test build bench score clean system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## make run: install, then start the dashboard on the bundled articles (tables are built on first start)
run: $(VENV)/.runtime system-packages
	$(BIN)/streamlit run app.py

## make test: install what the tests need (Python packages, Chromium and CJK fonts), then run every test
test: $(VENV)/.dev system-packages
	$(BIN)/python -m pytest

# Chromium renders the browser tests and PNG exports; without Noto CJK every Chinese glyph is a box.
system-packages:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk; \
	fi

## make build: (re)build the tables from data/articles without starting the app
build: $(VENV)/.runtime
	$(BIN)/python -m newsprep build

## make bench: throughput benchmark on a synthetic corpus (prints figures)
bench: $(VENV)/.runtime
	$(BIN)/python bench/bench_build.py --articles 1000

## make score: extraction on the development corpus (../shared/dev) scored by the team's scorer (prints figures)
score: $(VENV)/.runtime
	$(BIN)/python bench/score_dev.py

clean:
	rm -rf data/tables data/cache artifacts .pytest_cache
