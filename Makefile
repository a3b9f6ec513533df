PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
KG := $(BIN)/kg
STAMP := $(VENV)/.installed
DEMO_STORE := out/demo-store

.PHONY: demo test bench heldout dev clean

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
	@echo "== top-10 central entities"
	$(KG) central --top 10 --store $(DEMO_STORE)
	@echo "== one explained path"
	$(KG) path "Dan Driscoll" "Valery Gerasimov" --store $(DEMO_STORE)
	@echo "== one explained entity (Russian spelling in, canonical entity out)"
	$(KG) explain Volchansk --store $(DEMO_STORE)
	@echo "== communities"
	$(KG) communities --members 3 --store $(DEMO_STORE)
	@echo "== timeline of Kupiansk"
	$(KG) timeline Kupiansk --store $(DEMO_STORE)
	$(KG) render -o out/graph.html --store $(DEMO_STORE)
	$(KG) export --format trig -o out/graph.trig --store $(DEMO_STORE)
	$(KG) export --format graphml -o out/graph.graphml --store $(DEMO_STORE)
	$(KG) export --format geojson -o out/places.geojson --store $(DEMO_STORE)

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
	$(BIN)/python bench/analysis.py --quads $(BENCH_QUADS)

heldout: $(STAMP)
	$(BIN)/python bench/heldout.py

DEV_LIMIT ?= 500

dev: $(STAMP)
	$(BIN)/python bench/dev.py --limit $(DEV_LIMIT)

bench-render: $(STAMP)
	$(BIN)/python bench/render.py

clean:
	rm -rf $(VENV) out kg-store
