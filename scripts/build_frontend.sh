#!/usr/bin/env bash
# Builds platform/practice/static/practice/editor.js,
# platform/interviews/static/interviews/interview.js and
# platform/assessments/static/assessments/editor.js from platform/frontend/ with esbuild,
# only when the inputs changed since the committed stamp (so a fresh clone needs no npm to
# serve pages), and installs node_modules for the browser test's axe-core when npm is there.
set -euo pipefail
cd "$(dirname "$0")/../platform/frontend"

out=../practice/static/practice/editor.js
out2=../interviews/static/interviews/interview.js
out3=../assessments/static/assessments/editor.js
stamp=.build-stamp
want=$(cat package.json package-lock.json $(find src -type f | sort) | sha256sum | cut -d' ' -f1)
if [ -f "$out" ] && [ -f "$out2" ] && [ -f "$out3" ] && [ "$(cat "$stamp" 2>/dev/null || true)" = "$want" ]; then
    # The bundle is current; the browser test still reads axe-core from node_modules.
    if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null 2>&1; then
        npm ci --no-audit --no-fund --loglevel=error
    fi
    exit 0
fi
echo "frontend: building $out, $out2 and $out3"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
echo "$want" >"$stamp"
