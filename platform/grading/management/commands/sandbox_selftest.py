"""`manage.py sandbox_selftest`: Go builds and runs in the sandbox, with and without -race,
and the memory limit fires. A worker that fails it must take no jobs (scripts/run.sh)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run the sandbox self-test (sandbox.selftest); exit non-zero when it fails."
    requires_system_checks: list[str] = []  # the self-test is the stronger check

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--backend", help="auto, docker or bwrap (default GOCONCUR_SANDBOX)")

    def handle(self, *args: Any, **options: Any) -> None:
        from sandbox import selftest

        status = selftest.main(["--backend", options["backend"]] if options["backend"] else [])
        if status:
            raise CommandError("the sandbox self-test failed", returncode=status)
