# mro-explain: set-up, demo and tests. Everything installs what it needs.
#   make demo   set up a virtualenv and run mro-explain on a sample
#   make test   set up (incl. Graphviz) and run linters and the whole test suite

PYTHON   ?= python3
VENV     ?= .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
# Interpreters for the C3-agreement matrix (found under pyenv or on PATH).
MATRIX   ?= 3.10 3.12 3.13

.PHONY: help venv dot demo test lint typecheck unit matrix bench clean

help:
	@echo "make demo   - set up and run mro-explain on a sample"
	@echo "make test   - set up and run the whole test suite (lint, types, tests, version matrix)"
	@echo "make bench  - run the benchmarks"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# Graphviz's `dot` renders the diagrams; install Debian's package when it is missing.
dot:
	@if command -v dot >/dev/null 2>&1; then \
		echo "graphviz: $$(dot -V 2>&1)"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "graphviz: installing Debian's package"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then \
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	else \
		echo "graphviz: 'dot' not found and cannot be installed here (brew/choco/conda install graphviz)"; \
	fi

demo: venv
	@echo '$$ mro-explain sample_modules.diamond:D'
	@$(BIN)/mro-explain sample_modules.diamond:D
	@echo
	@echo '$$ mro-explain what-if sample_modules.diamond:A sample_modules.diamond:B'
	@$(BIN)/mro-explain what-if sample_modules.diamond:A sample_modules.diamond:B || true

lint: venv
	$(BIN)/ruff check pyinspect_cli tests sample_modules benchmarks
	$(BIN)/lint-imports

typecheck: venv
	$(BIN)/mypy

unit: venv dot
	$(BIN)/python -m pytest -n 2 -q

# The C3 agreement tests on every supported interpreter found on this machine.
matrix: venv
	@for v in $(MATRIX); do \
		py=$$(ls -d $$HOME/.pyenv/versions/$$v*/bin/python 2>/dev/null | head -1); \
		[ -n "$$py" ] || py=$$(command -v python$$v || true); \
		if [ -z "$$py" ]; then echo "matrix: python$$v not found, skipped"; continue; fi; \
		echo "matrix: $$($$py --version)"; \
		test -x $(VENV)-$$v/bin/python || $$py -m venv $(VENV)-$$v; \
		$(VENV)-$$v/bin/python -m pip install --quiet pytest hypothesis || exit 1; \
		PYTHONPATH=$(CURDIR) $(VENV)-$$v/bin/python -m pytest -q -p no:cacheprovider -m agreement tests/agreement || exit 1; \
	done

test: lint typecheck unit matrix

bench: venv dot
	$(BIN)/python benchmarks/bench_c3.py
	$(BIN)/python benchmarks/bench_startup.py
	$(BIN)/python benchmarks/bench_graph.py
	$(BIN)/python benchmarks/bench_audit.py
	$(BIN)/python benchmarks/bench_precision.py
	$(BIN)/python benchmarks/bench_diff.py

clean:
	rm -rf $(VENV) $(VENV)-* .pytest_cache .mypy_cache .ruff_cache .hypothesis *.egg-info
