"""Diagnostics printed by `go build`, `go test -c` and `go vet`.

Shapes seen with Go 1.26:

    # goconcur/solution                               <- package header (build, test -c)
    # goconcur/solution [goconcur/solution.test]      <- header when building the test variant
    ./solution.go:28:13: not enough arguments in call to add
    \thave (number)                                   <- continuation lines, tab-indented
    \twant (int, int)
    solution.go:17:17: Snapshot passes lock by value  <- go vet findings: no "./", no header
    vet: ./solution.go:7:9: undefined: undefinedName  <- go vet on code that does not type-check
    ./solution.go:40:2: too many errors               <- the compiler stops after 10

File names are kept as printed. `parse_compiler_output` returns only the diagnostics;
`parse_compiler_report` also returns package headers and the lines it could not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CompilerReport",
    "Diagnostic",
    "parse_compiler_output",
    "parse_compiler_report",
]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    file: str  # as printed: "./solution.go", "solution.go", "/work/src/solution.go"
    line: int
    column: int | None  # None when the tool printed only file:line
    message: str  # continuation lines joined with "\n", their leading tabs removed
    raw: str  # the line(s) as printed
    package: str | None = None  # from the last "# pkg" header before it, if any


@dataclass(frozen=True, slots=True)
class CompilerReport:
    diagnostics: tuple[Diagnostic, ...]
    packages: tuple[str, ...]  # "# ..." headers, without the "# "
    unparsed: tuple[str, ...]  # other non-blank lines ("go: ...", "FAIL ... [build failed]")


# The file part has no blanks or colons, so "note: x" or "panic: 1: y" are not diagnostics, and
# numbers are bounded so int() never meets Python's digit limit on forged input.
_DIAGNOSTIC = re.compile(r"^(?:vet: )?([^\s:]+):(\d{1,9})(?::(\d{1,9}))?: ?(.*)$")
_HEADER = re.compile(r"^# (\S.*)$")


def parse_compiler_report(text: str) -> CompilerReport:
    diagnostics: list[Diagnostic] = []
    packages: list[str] = []
    unparsed: list[str] = []
    package: str | None = None
    # The diagnostic being read: file, line, column, message lines, raw lines.
    current: tuple[str, int, int | None, list[str], list[str]] | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            file, line, column, message, raw = current
            diagnostics.append(
                Diagnostic(file, line, column, "\n".join(message), "\n".join(raw), package)
            )
            current = None

    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith("\t") and current is not None:
            current[3].append(line.lstrip("\t"))
            current[4].append(line)
            continue
        match = _DIAGNOSTIC.match(line)
        # A file name has a dot ("solution.go", "go.mod"): "12:30:45 message" is not a diagnostic.
        if match and "." in match.group(1):
            close()
            column = int(match.group(3)) if match.group(3) else None
            current = (match.group(1), int(match.group(2)), column, [match.group(4)], [line])
            continue
        close()
        header = _HEADER.match(line)
        if header:
            package = header.group(1).strip()
            packages.append(package)
        elif line.strip():
            unparsed.append(line)
    close()
    return CompilerReport(tuple(diagnostics), tuple(packages), tuple(unparsed))


def parse_compiler_output(text: str) -> tuple[Diagnostic, ...]:
    return parse_compiler_report(text).diagnostics
