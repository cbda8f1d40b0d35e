# goconcur: two commands do everything on a fresh Debian machine.
#   make run    set up what is missing, then start web + worker (+ Redis) on embedded defaults
#   make test   set up what is missing, then run every test (lint, engine, attacks, web, browser)
# Heavy artefacts (root filesystem, Docker image, Go caches) live outside the repo in
# $(GOCONCUR_CACHE_DIR) and are rebuilt only when their inputs change.

SHELL := /bin/bash
export GOCONCUR_CACHE_DIR ?= /var/cache/goconcur
PY := .venv/bin/python

.PHONY: run test setup system python frontend image docker lint bench validate clean

run: setup
	scripts/run.sh

test: setup
	scripts/test.sh

setup: system python frontend image

system:
	scripts/install_system.sh

python:
	scripts/setup_python.sh

frontend:
	scripts/build_frontend.sh

# The sandbox: root filesystem for bubblewrap, and the Docker image when an engine runs.
image: system
	-scripts/ensure_dockerd.sh
	sandbox/image/build.sh

lint: python
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

validate: setup
	$(PY) manage.py bank validate

bench: setup
	scripts/bench.sh

clean:
	rm -rf .venv .pytest_cache .ruff_cache
