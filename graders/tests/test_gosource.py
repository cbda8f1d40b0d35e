"""Reading a Go file's header as cmd/go does: package clause, imports, build constraints."""

import pytest

from graders.gosource import embedded_folders, included, is_standard, read_header

HEADER = """// Copyright 2026 someone.
//go:build linux && !cgo

/* a block comment */ package foo // trailing

import "fmt"
import (
	. "strings" // dot import
	_ `embed`
	x "example.com/a/b"
)
import y "os"

var s = "import z"

func f() { import_ := 1; _ = import_ }
"""


def test_reads_clause_imports_and_constraint_past_comments() -> None:
    header = read_header(HEADER)
    assert header.package == "foo"
    assert header.imports == ("fmt", "strings", "embed", "example.com/a/b", "os")
    assert header.constraints == ("linux && !cgo",)


def test_an_external_test_package_and_a_file_without_clause() -> None:
    assert read_header('package foo_test\n\nimport "testing"\n').package == "foo_test"
    assert read_header("// only a comment\n").package is None
    assert read_header("/* package fake */\npackage real\n").package == "real"


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("gen.go", "//go:build ignore\n\npackage main\n", False),
        ("gen.go", "// +build ignore\n\npackage main\n", False),
        ("a.go", "//go:build linux || windows\n\npackage a\n", True),
        ("a.go", "//go:build (linux && amd64) || ignore\n\npackage a\n", True),
        ("a.go", "//go:build go1.21 && !race\n\npackage a\n", True),
        ("a.go", "//go:build cgo\n\npackage a\n", False),  # the plain build has cgo off
        ("a.go", "//go:build linux &&\n\npackage a\n", False),  # malformed: go refuses it
        ("a.go", "// +build !windows\n//go:build windows\n\npackage a\n", False),
        ("a_windows.go", "package a\n", False),
        ("a_linux_amd64_test.go", "package a\n", True),
        ("a_arm64.go", "package a\n", False),
        ("some_name.go", "package a\n", True),
        ("_scratch.go", "package a\n", False),
        ("doc.go", "// no clause\n", False),
    ],
)
def test_build_constraints_decide_membership(name: str, source: str, expected: bool) -> None:
    assert included(name, read_header(source)) is expected


def test_standard_library_paths_have_no_dot_in_their_first_element() -> None:
    assert is_standard("net/http") and is_standard("sync")
    assert not is_standard("golang.org/x/sync/errgroup")


def test_embed_patterns_name_the_files_and_folders_the_build_reads() -> None:
    source = (
        'package web\n\nimport "embed"\n\n//go:embed templates/*.html "static files" all:assets\n'
        "var files embed.FS\n\n//go:embed `version.txt`\nvar version string\n"
        '\nvar s = "//go:embed not/a/directive"\n'
    )
    assert embedded_folders(source) == {"templates", "static files", "assets", "version.txt"}
