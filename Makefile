# Uptake: `make demo` and `make test` bootstrap everything they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo lint test bench browser axe ui clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Debian's Chromium for the browser tests; the tests skip with a message when it cannot be had.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "Chromium could not be installed: the browser tests will be skipped."; }

# axe-core for the browser test's accessibility audit, from npm into .tools (git-ignored); offline once there.
AXE_VERSION := 4.14.1
axe: .tools/node_modules/axe-core/axe.min.js

.tools/node_modules/axe-core/axe.min.js:
	@command -v npm >/dev/null 2>&1 && npm install --silent --no-audit --no-fund --prefix .tools axe-core@$(AXE_VERSION) \
	  || echo "axe-core could not be installed: the accessibility audit will be skipped."

demo: install
	$(BIN)/uptake demo

# ruff (with import sorting) and sqlfluff (DuckDB dialect), configured in pyproject.toml.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint pipelines

test: install browser axe lint
	$(BIN)/pytest -n auto  # pytest-xdist: one worker per core

bench: install
	$(BIN)/python -m bench.run

ui: install
	$(BIN)/uptake ui

clean:
	rm -rf $(VENV) .tools data/warehouse reports
