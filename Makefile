# The two commands of the README: `make demo` and `make test`.
# Each creates .venv when it is missing and installs the project into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test lint typecheck e2e-tools clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-demo: $(BIN)/python pyproject.toml
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml $(wildcard plugins/*/pyproject.toml)
	$(PIP) install -e '.[test]'
	for p in plugins/*/; do $(PIP) install -e "$$p" || exit 1; done
	touch $@

demo: $(VENV)/.installed-demo
	$(BIN)/formatkern demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# tmux and Chromium for the end-to-end tests of the control desk and the browser view, from
# Debian's packages (CI runs as root; elsewhere the tests that need them say why they skip).
e2e-tools:
	@command -v tmux >/dev/null && command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends tmux chromium >/dev/null; \
	  else echo "tmux or chromium missing (not root): their end-to-end tests will skip"; fi; }

test: $(VENV)/.installed-test lint typecheck e2e-tools
	$(BIN)/python -m pytest -q -p no:cacheprovider

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
