# kkik-xl — two commands for a new user: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest templates images schemas docs bench clean serve screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m kkik_xl.demo

serve: $(STAMP)
	$(BIN)/kkik-xl synthetic --out demo-output/tjanst/nationellt_syntetiskt.csv --year 2025
	$(BIN)/kkik-xl serve --host 127.0.0.1 --port 8000 --data demo-output/tjanst --exempel \
		--reference demo-output/tjanst/nationellt_syntetiskt.csv

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check kkik_xl tests benchmarks
	$(BIN)/ruff format --check kkik_xl tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/bench_validate.py

docs: $(STAMP)
	$(BIN)/python -m kkik_xl.docgen docs/matt.md

templates: $(STAMP)
	$(BIN)/kkik-xl template --all --out workbook_templates

schemas: $(STAMP)
	$(BIN)/python -m kkik_xl.submission.schema_file

images: $(STAMP)
	$(BIN)/python -m kkik_xl.excel.render_images docs/images
	$(BIN)/python -m kkik_xl.demo.pictures docs/images

screenshots: $(STAMP)
	KKIK_WRITE_SCREENSHOTS=1 $(BIN)/pytest -q tests/test_server_page.py

clean:
	rm -rf $(VENV) demo-output .mypy_cache .ruff_cache .pytest_cache
