"""`bank load` copies problems/bank into the database; `bank validate` proves the bank in the
real sandbox (the engine's problems.validation)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Question bank: `bank load [--bank DIR]` or `bank validate [SLUG...]`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="load the bank folders into the database")
        load.add_argument("--bank", type=Path, default=None, help="bank folder")
        load.add_argument("--strict", action="store_true", help="fail when an item does not load")
        load.add_argument(
            "--keep-missing",
            action="store_true",
            help="do not retire items that are no longer in the folder",
        )
        validate = sub.add_parser("validate", help="run references and mutants in the sandbox")
        validate.add_argument("rest", nargs="*")

    def run_from_argv(self, argv: list[str]) -> None:
        # `validate` has options of its own (--jobs, --strict, --explore-seconds...): hand
        # everything after it to problems.validation, which Django's parser would refuse.
        if argv[2:3] == ["validate"]:
            self._validate(argv[3:])
            return
        super().run_from_argv(argv)

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "validate":
            self._validate(list(options["rest"]))  # type: ignore[arg-type]
        else:
            self._load(options)

    def _validate(self, argv: list[str]) -> None:
        try:
            from problems.validation import main
        except ImportError as error:
            raise CommandError(f"bank validate is not available yet: {error}") from error
        status = main(argv)
        if status:
            sys.exit(status)

    def _load(self, options: dict) -> None:
        from problems.sync import load_bank

        root = options["bank"] or settings.GOCONCUR_BANK_DIR
        if not Path(root).is_dir():
            raise CommandError(f"no bank folder at {root}")
        report = load_bank(Path(root), retire_missing=not options["keep_missing"])
        for error in report.errors:
            self.stderr.write(self.style.WARNING(f"skipped: {error}"))
        self.stdout.write(
            f"bank load: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.retired)} retired, "
            f"{len(report.errors)} skipped"
        )
        if report.errors and options["strict"]:
            raise CommandError(f"{len(report.errors)} item(s) did not load")
