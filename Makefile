# Two commands for a new machine with only Python 3:
#   make run   — set up, migrate, load the demo data and serve on http://127.0.0.1:5000
#   make test  — set up and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi

.PHONY: run test lint setup node-tools messages translations clean lock bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt constraints.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

setup: $(VENV)/.installed translations

translations: $(VENV)/.installed
	@if ls app/translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel compile --statistics -d app/translations; \
	else echo "No message catalogues in app/translations yet: nothing to compile."; fi

run: setup
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo
	$(BIN)/flask run --host 127.0.0.1 --port 5000

# Test-only tools from npm (package.json: axe-core for the accessibility tests), installed again
# when node_modules/axe-core is missing or package-lock.json changed. Optional: without npm the
# accessibility tests skip (under CI they fail instead).
node-tools:
	@if [ -f node_modules/axe-core/axe.min.js ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "npm is not installed: the accessibility tests (axe-core) will skip. Install it with: apt-get install -y npm"; fi

# Every core: one pytest-xdist worker per core, each with its own database (tests/conftest.py).
test: setup node-tools
	$(BIN)/python -m pytest -n auto --durations=15 $(PYTEST_ARGS)

# The benchmark (bench/run.py): make bench, or make bench DB=postgres.
DB ?= sqlite
bench: setup
	$(BIN)/python -m bench.run --db $(DB) $(ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .

# How strings are found (tests/unit/test_catalogues.py extracts with these same options): the lazy
# and plural and context forms as well as _(); folders starting with "_" (templates/_macros) are
# read too, which pybabel skips by default.
EXTRACT_OPTIONS := --ignore-dirs='.* __pycache__ node_modules' -k _l -k lazy_gettext -k lazy_ngettext:1,2 \
	-k lazy_pgettext:1c,2 -k lazy_npgettext:1c,2,3

# Refresh the message catalogues after adding strings (then translate the new entries).
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg $(EXTRACT_OPTIONS) -o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching

lock: $(VENV)/.installed
	$(BIN)/pip freeze --exclude-editable | grep -v '^pip=' > constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache node_modules
