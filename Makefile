# Every target sets up .venv itself: on a fresh machine `make book` and `make test` are all you need.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: book build serve test test-fast exercises doctor clean benchmark

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[book,test,handbook]"
	@touch $(STAMP)

## book: set up, build both editions, then serve them (learner :8000, instructor :8001)
book: build serve

## build: build the learner and instructor editions into _build/
build: $(STAMP)
	$(PY) -m embargo_kit.book build --edition both

## serve: serve the last complete build on 127.0.0.1
serve: $(STAMP)
	$(PY) -m embargo_kit.serve --port 8000

## test: set up and run every test (builds each edition once per session)
test: $(STAMP)
	$(PY) -m pytest

## exercises: regenerate the learner notebooks from the solutions
exercises: $(STAMP)
	$(VENV)/bin/embargo-kit exercises build

## doctor: list which optional system tools are present
doctor: $(STAMP)
	$(PY) -m embargo_kit.doctor

## benchmark: measure build times, page weight and grading speed (not part of make test)
benchmark: $(STAMP)
	$(PY) -m pytest benchmarks -p no:cacheprovider -s

clean:
	rm -rf _build .pytest_cache
