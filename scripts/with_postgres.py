"""Runs a command with DATABASE_URL pointing at a private PostgreSQL started for it (a fresh
cluster in a temporary directory, on a free loopback port), then stops it.

    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python -m pytest platform
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

from practice.tests.live import PostgresServer  # noqa: E402


def main(argv: list[str]) -> int:
    command = argv[1:] if argv[:1] == ["--"] else argv
    if not command:
        print(__doc__, file=sys.stderr)
        return 2
    server = PostgresServer(Path(tempfile.mkdtemp(prefix="goconcur-pg-")))
    server.start()
    print(f"with_postgres: PostgreSQL on 127.0.0.1:{server.port}", file=sys.stderr)
    try:
        return subprocess.call(command, env={**os.environ, "DATABASE_URL": server.url})
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
