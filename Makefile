# Alliances: every routine task. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
SITE    = _build/html

.PHONY: help setup system-deps book html pdf lms citation-check lint test test-fast bench sweeps freeze clean lab

help:
	@echo "make book        set up and build the book into $(SITE): the HTML pages and the PDFs they offer (make html + make pdf)"
	@echo "make html        the HTML pages only (quicker while editing; the PDF download links wait for make pdf)"
	@echo "make pdf         print the built HTML book to _build/pdf/alliances.pdf and alliances-no-solutions.pdf (copied into $(SITE)/pdf)"
	@echo "make lms         export the chapter quizzes for learning platforms into _build/lms (QTI 1.2, Moodle XML)"
	@echo "make citation-check  validate CITATION.cff with cffconvert"
	@echo "make lint        ruff over the whole tree (the rules are in pyproject.toml)"
	@echo "make test        set up, lint and run every test (unit, properties, notebooks, build, browser)"
	@echo "make test-fast   model, data and notebook tests only (no build, no browser)"
	@echo "make bench       print benchmark figures (latency, build time, page weight)"
	@echo "make lab         open the chapters in JupyterLab (CHAPTER=05_schweller opens one)"
	@echo "make sweeps      recompute the simulation's cached Monte Carlo sweeps (data/sweeps/)"
	@echo "make freeze      re-pin binder/requirements.txt and requirements.txt from .venv"
	@echo "make clean       remove the build and the environment"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# requirements.txt includes binder/requirements.txt (what Binder installs); the JupyterLab
# settings Binder ships (binder/overrides.json, binder/lab_config.json) go where JupyterLab
# reads them, as binder/postBuild does.
LAB_SETTINGS = $(VENV)/share/jupyter/lab/settings
LAB_CONFIG = $(VENV)/etc/jupyter
$(VENV)/.installed: requirements.txt binder/requirements.txt binder/overrides.json binder/lab_config.json pyproject.toml tools/test_kernels/pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip install --quiet --no-deps -e tools/test_kernels
	mkdir -p $(LAB_SETTINGS) && cp binder/overrides.json $(LAB_SETTINGS)/overrides.json
	mkdir -p $(LAB_CONFIG) && cp binder/lab_config.json $(LAB_CONFIG)/jupyter_lab_config.json
	touch $@

# JavaScript pinned in tools/js-assets.json (plotly.js cartesian bundle, axe-core for the tests),
# fetched with npm pack and checked against its sha256; kept in .cache/js, never in git.
JS_STAMP = .cache/js/.fetched
$(JS_STAMP): tools/js-assets.json tools/js_assets.py
	@command -v npm >/dev/null 2>&1 || { $(APT_INSTALL) npm >/dev/null; }
	$(PYTHON) tools/js_assets.py
	@touch $@

# cffconvert (CITATION.cff's validator) pins jsonschema<4, which JupyterLab cannot use: it gets a venv of its own.
CFF_VENV = $(VENV)/cffconvert
$(CFF_VENV)/.installed: tools/requirements-cffconvert.txt | $(BIN)/python
	$(BIN)/python -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/pip install --quiet -r tools/requirements-cffconvert.txt
	touch $@

setup: $(VENV)/.installed $(JS_STAMP) $(CFF_VENV)/.installed

# Headless Chromium for the browser tests, from Debian's packages (never a downloaded browser).
APT_INSTALL = SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq
system-deps:
	@command -v chromium >/dev/null 2>&1 || { $(APT_INSTALL) chromium >/dev/null; }

book: html pdf

html: setup
	rm -rf _build
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "Open $(CURDIR)/$(SITE)/index.html in a browser."

# The self-check quizzes as QTI 1.2 zips (text2qti) and Moodle XML; guide/instructors.md says how to import them.
lms: setup
	$(BIN)/python tools/lms_export.py --out _build/lms

# Prints the site in $(SITE) (built first if there is none; after editing, run make book).
pdf: setup system-deps
	@test -f $(SITE)/index.html || $(MAKE) html
	$(BIN)/python tools/print_book.py --html $(SITE)

citation-check: setup
	$(CFF_VENV)/bin/cffconvert --validate -i CITATION.cff

lint: setup
	$(BIN)/ruff check .

# Two pytest-xdist workers (the CI machine has 2 cores; one process leaves one idle while it waits on
# Chromium, JupyterLab or a kernel). --dist loadscope runs each work unit of tests/work_units.py
# whole on one worker (a module, or one page's tests for the browser modules that allow it), so
# module fixtures (JupyterLab server) and page loads shared by two tests are made once;
# --no-loadscope-reorder keeps its order (the tests that need no site first, while the one book
# build for both workers runs; the site's tests last).
TEST_WORKERS ?= 2
test: setup system-deps lint
	$(BIN)/python -m pytest tests chapters guide --nbval-lax --nbval-current-env -p no:cacheprovider \
		-n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder

test-fast: setup
	$(BIN)/python -m pytest tests chapters guide --nbval-lax --nbval-current-env -p no:cacheprovider -m "not browser and not build"

bench: setup system-deps
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.simulation

sweeps: setup
	$(BIN)/python -m widgets.model.simulation --write

# make lab opens the chapters folder; make lab CHAPTER=05_schweller opens that chapter, as Binder does
# binder/custom.css (citations as quiet keys) goes to your Jupyter config folder unless one is there
lab: setup
	@css="$$($(BIN)/jupyter --config-dir)/custom/custom.css"; [ -e "$$css" ] || \
	  { mkdir -p "$$(dirname "$$css")" && cp binder/custom.css "$$css" && echo "installed $$css"; }
	$(BIN)/jupyter lab $(if $(CHAPTER),chapters/$(notdir $(basename $(CHAPTER))).ipynb,chapters/)

freeze: setup
	$(BIN)/python tools/freeze_requirements.py

clean:
	rm -rf _build $(VENV)
