#!/usr/bin/env bash
# `make bench`: the figures, printed as ratios measured side by side in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python scripts/bench_engine.py
.venv/bin/python scripts/bench_explore.py
.venv/bin/python scripts/bench_throughput.py
.venv/bin/python scripts/bench_web.py
.venv/bin/python scripts/bench_interviews.py
.venv/bin/python scripts/bench_similarity.py
.venv/bin/python scripts/bench_reports.py
