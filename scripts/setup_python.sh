#!/usr/bin/env bash
# Creates .venv and installs requirements.txt, only when it changed since the last install
# (hash stamp), and gettext for compilemessages. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v msgfmt >/dev/null 2>&1; then
    echo "setup: installing gettext (for compilemessages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv"
    python3 -m venv .venv
fi

stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    echo "setup: installing requirements.txt"
    .venv/bin/pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
    echo "$want" >"$stamp"
fi

# Compiled catalogues are build outputs: make them from the .po files every time (fast).
(cd platform && ../.venv/bin/python ../manage.py compilemessages --ignore frontend -v 0)
