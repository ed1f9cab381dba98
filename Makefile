# Two commands for a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export LANGGRAPH_CLI_NO_ANALYTICS := 1
export LANGGRAPH_NO_VERSION_CHECK := true
export LANGSMITH_TRACING := false
export DEEPEVAL_TELEMETRY_OPT_OUT := YES
export DEEPEVAL_DISABLE_DOTENV := 1

.PHONY: install dev demo test unit lint bench browser serve studio clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

install: $(VENV)/.installed  ## the agent and its CLI
dev: $(VENV)/.dev-installed  ## plus what the tests need

demo: install  ## play one conversation per SOP path, then score the bundled suite
	$(BIN)/dpa demo
	$(BIN)/dpa eval --trials 4 --processes --out runs/demo-$$(date +%Y%m%d-%H%M%S)

test: dev browser  ## the whole suite, offline
	$(BIN)/python -m pytest

unit: dev  ## the fast tests only
	$(BIN)/python -m pytest -p no:deepeval -m "not slow" --ignore=tests/compliance

lint: dev
	$(BIN)/ruff check graph tools evals dpa tests benchmarks notebooks
	$(BIN)/mypy graph tools evals dpa

bench: install  ## the speed figures quoted in the README
	$(BIN)/python benchmarks/turn_latency.py
	$(BIN)/python benchmarks/eval_throughput.py

# Headless Chromium for the browser test, from Debian's packages.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else \
	    echo "chromium is missing: the browser test will be skipped" \
	         "(install it with: sudo apt-get install chromium)"; \
	  fi; }

serve: install
	$(BIN)/dpa serve

studio: dev
	$(BIN)/langgraph dev --no-browser

clean:
	rm -rf $(VENV) runs artifacts .pytest_cache
