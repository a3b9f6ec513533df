PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q uv==0.13.8
	$(BIN)/uv pip install -q --python $(BIN)/python -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	rm -rf out/demo-store
	$(BIN)/kg --store out/demo-store ingest examples/articles
	$(BIN)/kg --store out/demo-store demo
	$(BIN)/kg --store out/demo-store render -o out/graph.html
	$(BIN)/kg --store out/demo-store export -o out/graph.trig

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/extraction.py

clean:
	rm -rf $(VENV) out kg-store
