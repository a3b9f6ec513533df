PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
KG := $(BIN)/kg
STAMP := $(VENV)/.installed
DEMO_STORE := out/demo-store

.PHONY: demo test bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q uv==0.13.8
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	rm -rf out && mkdir -p out
	$(KG) ingest examples/articles --store $(DEMO_STORE)
	grep -h '^# example: kg query' queries/*.rq | sed 's/^# example: kg //' | while read -r args; do \
		echo "== kg $$args"; eval "$(KG) $$args --store $(DEMO_STORE)" || exit 1; done
	@echo "== top-10 central actors"
	$(KG) central --top 10 --store $(DEMO_STORE)
	@echo "== one explained path"
	$(KG) path "Dan Driscoll" "Valery Gerasimov" --store $(DEMO_STORE)
	$(KG) render -o out/graph.html --store $(DEMO_STORE)
	$(KG) export --format trig -o out/graph.trig --store $(DEMO_STORE)

test: $(STAMP)
	$(BIN)/python -m pytest

BENCH_N ?= 10000
BENCH_QUADS ?= 1000000

bench: $(STAMP)
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/ingest.py --n $(BENCH_N) --jobs 2
	$(BIN)/python bench/query.py --quads $(BENCH_QUADS)
	$(BIN)/python bench/incremental.py --quads $(BENCH_QUADS)
	$(BIN)/python bench/export.py --quads $(BENCH_QUADS)

clean:
	rm -rf $(VENV) out kg-store
