# Troubleshooter: `make run` serves the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench screenshots clean

# Debian's own Python needs python3-venv for this; scripts/system_packages.py says so or installs it.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || ($(PYTHON) scripts/system_packages.py venv && rm -rf $(VENV) && $(PYTHON) -m venv $(VENV))

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed
	$(BIN)/python scripts/run.py

test: $(VENV)/.dev-installed
	$(BIN)/python scripts/system_packages.py test
	$(BIN)/ruff check --quiet --exclude .venv .
	TESTING=1 $(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0
	TESTING=1 $(BIN)/python -m pytest -n 2 --dist loadfile

bench: $(VENV)/.dev-installed
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var
