"""Refusing hostile source, finding tests, instrumenting them, rendering the harness."""

import pytest

from graders.prepare import (
    HARNESS_FILE,
    RejectedInput,
    check_candidate_source,
    find_test_names,
    imports,
    instrument_tests,
    prepare_package,
)

GOOD = b'package solution\n\nimport (\n\t"fmt"\n\t"sync"\n)\n\nfunc F() string { return "C" }\n'


def test_accepts_ordinary_source_even_with_C_in_a_string() -> None:
    assert check_candidate_source(GOOD, 1000).startswith("package solution")


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (b'package solution\nimport "C"\n', "cgo"),
        (b'package solution\nimport (\n\t"fmt"\n\tc "C"\n)\n', "cgo"),
        (b"package solution\n//go:linkname now runtime.nanotime\n", "linkname"),
        (b'package solution\nimport _ "embed"\n//go:embed hidden_test.go\nvar s string\n', "embed"),
        (b"package solution\nfunc init() { os.Stdout = nil }\n", "os.Stdout"),
        (b"package solution\nfunc TestMain(m *testing.M) {}\n", "TestMain"),
        (b"package solution\nvar goconcurNonce = 1\n", "goconcur"),
        (b"package main\nfunc main() {}\n", "package solution"),
        (b"package solution\n\xff\xfe\n", "UTF-8"),
        (b"package solution\x00\n", "NUL"),
        (b"   \n", "empty"),
    ],
)
def test_rejects_hostile_or_malformed_source(source: bytes, reason: str) -> None:
    with pytest.raises(RejectedInput, match=reason):
        check_candidate_source(source, 10_000)


def test_rejects_oversized_source() -> None:
    with pytest.raises(RejectedInput, match="limit"):
        check_candidate_source(b"package solution\n" + b"//" * 40_000, 64 * 1024)


def test_commented_out_cgo_is_not_rejected() -> None:
    source = b'package solution\n// import "C" was here\n/* import "C" */\nfunc F() {}\n'
    assert check_candidate_source(source, 1000)


def test_imports_reads_single_and_grouped_specs() -> None:
    code = 'package x\nimport "fmt"\nimport (\n\t"sync"\n\tfoo "net/http"\n)\n'
    assert imports(code) == ["fmt", "sync", "net/http"]


def test_test_names_follow_go_rules() -> None:
    source = (
        "func TestA(t *testing.T) {\n}\nfunc Testlower(t *testing.T) {\n}\n"
        "func Test_x(t *testing.T) {\n}\nfunc TestB(t *testing.T) {\n}\n"
    )
    assert find_test_names([source, "func TestA(t *testing.T) {\n"]) == ("TestA", "Test_x", "TestB")


def test_instrumentation_keeps_line_numbers() -> None:
    source = "package solution\n\nfunc TestA(t *testing.T) {\n\tt.Log(1)\n}\n"
    out = instrument_tests(source)
    assert out.count("\n") == source.count("\n")
    assert "func TestA(t *testing.T) { goconcurTrack(t);" in out


def test_prepare_package_adds_harness_with_nonce() -> None:
    tests = {"hidden_test.go": b"package solution\n\nfunc TestA(t *testing.T) {\n}\n"}
    prepared = prepare_package("solution", {"solution.go": GOOD}, tests)
    harness = prepared.files[HARNESS_FILE].decode()
    assert prepared.nonce in harness and len(prepared.nonce) == 32
    assert "m.Run()" in harness
    assert prepared.expected_tests == ("TestA",) == prepared.instrumented
    other = prepare_package("solution", {"solution.go": GOOD}, tests)
    assert other.nonce != prepared.nonce


def test_user_test_main_is_wrapped() -> None:
    tests = {"main_test.go": b"package foo\n\nfunc TestMain(m *testing.M) {\n\tm.Run()\n}\n"}
    prepared = prepare_package("foo", {}, tests)
    assert b"func goconcurUserTestMain(m *testing.M)" in prepared.files["main_test.go"]
    assert "goconcurUserTestMain(m)" in prepared.files[HARNESS_FILE].decode()


def test_external_test_main_moves_the_harness_to_the_external_package() -> None:
    external = {"x_test.go": b"package foo_test\n\nfunc TestMain(m *testing.M) {\n}\n"}
    internal = {"in_test.go": b"package foo\n\nfunc TestIn(t *testing.T) {\n}\n"}
    prepared = prepare_package("foo", {}, internal, external_tests=external)
    assert prepared.files[HARNESS_FILE].startswith(b"package foo_test")
    assert b"goconcurTrack" not in prepared.files["in_test.go"]
    assert prepared.instrumented == ()
    assert prepared.expected_tests == ("TestIn",)


def test_strings_may_mention_reserved_words() -> None:
    source = b'package solution\n\nvar path = "/opt/goconcur/x" // goconcur in a comment\n'
    assert check_candidate_source(source, 1000)
    tricky = b'package solution\n\nvar s = "a\\"b"\nvar goconcurX = 1\n'
    with pytest.raises(RejectedInput, match="goconcur"):
        check_candidate_source(tricky, 1000)
