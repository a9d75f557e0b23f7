# Two commands set up and check newsline on a fresh clone: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
DEMO_DB ?= demo.db

.PHONY: demo test install install-dev bench clean chromium

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

# torch first, alone, so that pip takes the CPU wheel (not a CUDA build) for the semantic extra
$(DEVSTAMP): $(STAMP)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev,semantic]'
	touch $@

install: $(STAMP)
install-dev: $(DEVSTAMP)

# COLUMNS: make's output is no terminal, and Rich would fall back to 80 columns
demo: $(STAMP)
	rm -f $(DEMO_DB)
	COLUMNS=$${COLUMNS:-120} $(BIN)/newsline --db $(DEMO_DB) ingest examples/corpus
	COLUMNS=$${COLUMNS:-120} $(BIN)/newsline --db $(DEMO_DB) articles
	COLUMNS=$${COLUMNS:-120} $(BIN)/newsline --db $(DEMO_DB) timeline --context asserted,claimed
	@echo ""
	@echo "newsline is installed in $(VENV), not on your PATH. Run it either in an activated shell:"
	@echo "  source $(BIN)/activate && newsline --db $(DEMO_DB) timeline --context all"
	@echo "or without activating:"
	@echo "  $(BIN)/newsline --db $(DEMO_DB) timeline --context all"
	@echo "More: newsline --db $(DEMO_DB) show-event ID | report --format html -o report.html | --help"
	@echo "Docs: README.md and docs/index.md"

# The browser tests drive Debian's chromium through Playwright (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

test: $(DEVSTAMP) chromium
	$(BIN)/python -m pytest -q

bench: $(DEVSTAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) $(DEMO_DB) build *.egg-info src/*.egg-info
