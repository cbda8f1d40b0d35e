"""parse_compiler_output over real `go build`, `go test -c` and `go vet` output.

Fixtures: testdata/compiler.
"""

from __future__ import annotations

import random
from pathlib import Path

from graders.parsers.compiler import Diagnostic, parse_compiler_output, parse_compiler_report

TESTDATA = Path(__file__).parent / "testdata" / "compiler"


def read(case: str) -> str:
    return (TESTDATA / f"{case}.txt").read_text(encoding="utf-8", errors="replace")


def located(diagnostics: tuple[Diagnostic, ...]) -> list[tuple[str, int, int | None]]:
    return [(d.file, d.line, d.column) for d in diagnostics]


def test_build_errors() -> None:
    report = parse_compiler_report(read("build_errors"))
    assert report.packages == ("goconcur/solution",)
    assert report.unparsed == ()
    diagnostics = report.diagnostics
    assert located(diagnostics) == [
        ("./solution.go", 5, 2),
        ("./solution.go", 19, 9),
        ("./solution.go", 25, 2),
        ("./solution.go", 26, 6),
        ("./solution.go", 26, 17),
        ("./solution.go", 27, 14),
        ("./solution.go", 28, 9),
        ("./solution.go", 28, 13),
    ]
    assert diagnostics[0].message == '"os" imported and not used'
    assert diagnostics[5].message == "undefined: missing"
    assert "missing method Value" in diagnostics[1].message
    assert all(d.package == "goconcur/solution" for d in diagnostics)


def test_continuation_lines_join_the_previous_diagnostic() -> None:
    last = parse_compiler_output(read("build_errors"))[-1]
    assert last.message == "not enough arguments in call to add\nhave (number)\nwant (int, int)"
    assert last.raw.splitlines() == [
        "./solution.go:28:13: not enough arguments in call to add",
        "\thave (number)",
        "\twant (int, int)",
    ]


def test_too_many_errors() -> None:
    diagnostics = parse_compiler_output(read("too_many"))
    assert len(diagnostics) == 11
    assert [d.message for d in diagnostics[:10]] == [f"undefined: missing{i}" for i in range(1, 11)]
    assert (diagnostics[-1].line, diagnostics[-1].message) == (15, "too many errors")


def test_test_binary_build() -> None:
    report = parse_compiler_report(read("test_c"))
    assert report.packages == ("goconcur/solution [goconcur/solution.test]",)
    assert located(report.diagnostics) == [
        ("./solution_test.go", 6, 12),
        ("./solution_test.go", 7, 11),
    ]
    assert report.diagnostics[1].message == "undefined: Tripple"


def test_vet_analyzers() -> None:
    report = parse_compiler_report(read("vet"))
    # Go 1.26's go vet prints findings without a "# pkg" header and without "./".
    assert report.packages == ()
    by_line = {d.line: d for d in report.diagnostics}
    assert all(d.file == "solution.go" and d.package is None for d in report.diagnostics)
    assert set(by_line) == {17, 19, 23, 29, 34, 43}
    assert by_line[17].message.startswith("Snapshot passes lock by value")  # copylocks
    assert by_line[19].message.startswith("call of Snapshot copies lock value")  # copylocks
    assert by_line[19].column == 42
    assert "cancel function returned by context.WithTimeout" in by_line[23].message  # lostcancel
    assert by_line[29].message == "fmt.Sprintf format %s has arg n of wrong type int"  # printf
    assert by_line[34].message == "result of fmt.Sprintf call not used"  # unusedresult
    assert by_line[43].message == "WaitGroup.Add called from inside new goroutine"  # waitgroup
    assert by_line[43].column == 10


def test_vet_on_code_that_does_not_type_check() -> None:
    report = parse_compiler_report(read("vet_typecheck"))
    (diagnostic,) = report.diagnostics
    assert (diagnostic.file, diagnostic.line, diagnostic.column) == ("./solution.go", 7, 9)
    assert diagnostic.message == "undefined: undefinedName"
    assert diagnostic.raw.startswith("vet: ")


# ---- hostile input -------------------------------------------------------------------------


def test_forged_diagnostics() -> None:
    report = parse_compiler_report(read("forged_diagnostics"))
    assert located(report.diagnostics) == [
        # A column too long to be one is read as the start of the message instead.
        ("./solution.go", 12, None),
        ("solution.go", 3, None),
        ("solution.go", 4, 1),
        ("/work/src/solution.go", 5, 2),
    ]
    assert report.diagnostics[1].message == "no column here\ncontinued once\ncontinued twice"
    assert report.diagnostics[2].message == "vet-prefixed finding"
    unparsed = "\n".join(report.unparsed)
    for line in (
        "99999999999999999999999999",  # more digits than a line number has
        "12:30:45 a log timestamp",
        "note: module requires Go 1.99",
        "\ta continuation line with nothing before it",
        "go: downloading",
        "file with spaces.go:1:1",
        ":1:1: empty file name",
        "FAIL\tgoconcur/solution [build failed]",
    ):
        assert line in unparsed, line


def test_truncated_build_errors() -> None:
    diagnostics = parse_compiler_output(read("truncated_build_errors"))
    assert len(diagnostics) == 8
    assert diagnostics[-1].message == "not enough arguments in call to add\nhave (num"


def test_binary_junk_and_pathological_lines() -> None:
    data = (TESTDATA.parent / "goroutines" / "forged_binary.txt").read_bytes()
    parse_compiler_output(data.decode("utf-8", "replace"))
    parse_compiler_output(data.decode("latin-1"))
    rng = random.Random(5)
    for _ in range(200):
        parse_compiler_output("".join(rng.choice("./go:1 \t\n#vet") for _ in range(300)))
    for line in ("." * 200_000, "a:" * 100_000, "./x.go:1:" + "1" * 100_000, "\t" * 100_000):
        parse_compiler_output(line)


def test_every_prefix_parses() -> None:
    text = read("build_errors")
    for end in range(len(text)):
        parse_compiler_output(text[:end])
