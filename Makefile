# Alliances: every routine task. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
SITE    = _build/html

.PHONY: help setup system-deps book lint test test-fast bench sweeps freeze clean lab

help:
	@echo "make book        set up and build the HTML book into $(SITE)"
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
# settings Binder ships (binder/overrides.json) go where JupyterLab reads them, as binder/postBuild does.
LAB_SETTINGS = $(VENV)/share/jupyter/lab/settings
$(VENV)/.installed: requirements.txt binder/requirements.txt binder/overrides.json pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	mkdir -p $(LAB_SETTINGS) && cp binder/overrides.json $(LAB_SETTINGS)/overrides.json
	touch $@

# JavaScript pinned in tools/js-assets.json (plotly.js cartesian bundle, axe-core for the tests),
# fetched with npm pack and checked against its sha256; kept in .cache/js, never in git.
JS_STAMP = .cache/js/.fetched
$(JS_STAMP): tools/js-assets.json tools/js_assets.py
	@command -v npm >/dev/null 2>&1 || { $(APT_INSTALL) npm >/dev/null; }
	$(PYTHON) tools/js_assets.py
	@touch $@

setup: $(VENV)/.installed $(JS_STAMP)

# Headless Chromium for the browser tests, from Debian's packages (never a downloaded browser).
APT_INSTALL = SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq
system-deps:
	@command -v chromium >/dev/null 2>&1 || { $(APT_INSTALL) chromium >/dev/null; }

book: setup
	rm -rf _build
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "Open $(CURDIR)/$(SITE)/index.html in a browser."

lint: setup
	$(BIN)/ruff check .

test: setup system-deps lint
	$(BIN)/python -m pytest tests chapters --nbval-lax --nbval-current-env -p no:cacheprovider

test-fast: setup
	$(BIN)/python -m pytest tests chapters --nbval-lax --nbval-current-env -p no:cacheprovider -m "not browser and not build"

bench: setup system-deps
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.simulation

sweeps: setup
	$(BIN)/python -m widgets.model.simulation --write

# make lab opens the chapters folder; make lab CHAPTER=05_schweller opens that chapter, as Binder does
lab: setup
	$(BIN)/jupyter lab $(if $(CHAPTER),chapters/$(notdir $(basename $(CHAPTER))).ipynb,chapters/)

freeze: setup
	$(BIN)/python tools/freeze_requirements.py

clean:
	rm -rf _build $(VENV)
