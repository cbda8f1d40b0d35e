"""Module discovery and staging for `check` (graders/modules.py, graders/gomod.py), on the
fixture modules and on made-up trees: what goes into the box, what the box copy of go.mod
says, and what is refused and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from graders import modules
from graders.gomod import (
    ModuleError,
    box_go_mod,
    compare_versions,
    merged_sums,
    module_error,
    parse_go_mod,
)
from graders.gosource import read_header
from graders.judge.build import judge_build
from graders.judge.steps import BuildStep
from graders.modules import find_module_root
from graders.tests.contract import assert_coded
from graders.verdicts import Verdict
from graders.workload import WorkloadError, workload_for_directory
from sandbox import RawRun, Usage

MODULES = Path(__file__).parent / "modules"
GOLEAK = modules.platform_requirement()[1]


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_go_mod_directives_blocks_comments_and_quotes() -> None:
    go_mod = parse_go_mod(
        'module "example.com/m" // quoted\n\ngo 1.22.3\ntoolchain go1.23.1\n\n'
        "require (\n\tgolang.org/x/sync v0.24.0 // indirect\n\texample.com/a v1.0.0\n)\n"
        "require example.com/b v0.1.0\nreplace example.com/a => ../a\n"
        "replace example.com/b v0.1.0 => example.com/c v0.2.0\n"
    )
    assert (go_mod.module, go_mod.go, go_mod.toolchain) == ("example.com/m", "1.22.3", "go1.23.1")
    assert go_mod.requires == {
        "golang.org/x/sync": "v0.24.0", "example.com/a": "v1.0.0", "example.com/b": "v0.1.0",
    }  # fmt: skip
    assert go_mod.replaces == {"example.com/a": "../a", "example.com/b": "example.com/c v0.2.0"}
    with pytest.raises(ModuleError, match="no module line"):
        parse_go_mod("go 1.22\n")


def test_box_copy_requires_goleak_or_raises_an_older_requirement() -> None:
    plain = parse_go_mod("module m\n\ngo 1.21\n")
    assert f"require go.uber.org/goleak {GOLEAK}" in box_go_mod(plain, GOLEAK)
    older = parse_go_mod("module m\n\ngo 1.21\n\nrequire go.uber.org/goleak v1.2.1 // indirect\n")
    edited = box_go_mod(older, GOLEAK)
    assert f"require go.uber.org/goleak {GOLEAK} // indirect" in edited
    assert edited.count("go.uber.org/goleak") == 1
    newer = parse_go_mod("module m\n\ngo 1.21\n\nrequire go.uber.org/goleak v9.0.0\n")
    assert "v9.0.0" in box_go_mod(newer, GOLEAK)


def test_box_copy_raises_a_go_line_older_than_the_harness_needs() -> None:
    assert "go 1.21 // goconcur: raised from 1.17" in box_go_mod(
        parse_go_mod("module m\n\ngo 1.17\n"), GOLEAK
    )
    assert "go 1.21 // goconcur: raised from none" in box_go_mod(parse_go_mod("module m\n"), GOLEAK)
    for kept in ("1.21", "1.22.3", "1.26rc1"):
        assert f"\ngo {kept}\n" in box_go_mod(parse_go_mod(f"module m\n\ngo {kept}\n"), GOLEAK)


def test_sums_are_merged_without_duplicates() -> None:
    merged = merged_sums("a v1 h1:x=\nb v1 h1:y=", "b v1 h1:y=\nc v1 h1:z=\n")
    assert merged.splitlines() == ["a v1 h1:x=", "b v1 h1:y=", "c v1 h1:z="]


def test_versions_order_semantically() -> None:
    assert compare_versions("v1.10.0", "v1.9.9") > 0
    assert compare_versions("v1.3.0-rc.1", "v1.3.0") < 0
    assert compare_versions("v1.3.0", "v1.3.0") == 0


def test_module_root_is_found_above_a_nested_package() -> None:
    assert find_module_root(MODULES / "nested" / "pipeline" / "stage") == MODULES / "nested"
    assert find_module_root(MODULES / "mixed") == MODULES / "mixed"


def test_a_nested_package_brings_only_the_packages_it_imports() -> None:
    work = workload_for_directory(MODULES / "nested" / "pipeline" / "stage")
    assert work.package_dir == "pipeline/stage"
    assert "src/internal/buffer/buffer.go" in work.files
    assert "src/pipeline/stage/zz_goconcur_harness_test.go" in work.files
    # cmd/tool imports a module nobody can download offline; stage does not import it.
    assert not any(name.startswith("src/cmd/") for name in work.files)
    assert f"go.uber.org/goleak {GOLEAK}" in work.files["src/go.mod"].decode()
    assert "go.uber.org/goleak" in work.files["src/go.sum"].decode()


def test_a_folder_of_external_tests_only_is_accepted() -> None:
    work = workload_for_directory(MODULES / "external_only" / "e2e")
    assert work.package.expected_tests == ("TestManyWriters",)
    assert work.package.instrumented == ()  # only internal tests are instrumented
    harness = work.files["src/e2e/zz_goconcur_harness_test.go"].decode()
    assert read_header(harness).package == "e2e"  # the package under test has no other file
    assert "src/counter/counter.go" in work.files


def test_external_tests_only_without_any_go_mod(tmp_path: Path) -> None:
    test = 'package api_test\n\nimport "testing"\n\nfunc TestX(t *testing.T) {}\n'
    _write(tmp_path, {"api_test.go": test})
    work = workload_for_directory(tmp_path)
    assert work.package.expected_tests == ("TestX",)
    assert "go.uber.org/goleak" in work.files["src/go.mod"].decode()  # the platform's module


def test_a_folder_without_go_mod_may_import_only_the_platform_modules(tmp_path: Path) -> None:
    test = 'package a\n\nimport (\n\t"testing"\n\n\t"github.com/stretchr/testify/assert"\n)\n'
    _write(
        tmp_path, {"a.go": 'package a\n\nimport "golang.org/x/sync/errgroup"\n', "a_test.go": test}
    )
    with pytest.raises(WorkloadError) as refused:
        workload_for_directory(tmp_path)
    assert "has no go.mod" in str(refused.value)
    assert "it imports github.com/stretchr/testify/assert: add a go.mod" in str(refused.value)
    assert "errgroup" not in str(refused.value).split("it imports")[1]


def test_mixed_internal_and_external_tests_and_an_ignored_generator() -> None:
    work = workload_for_directory(MODULES / "mixed")
    assert set(work.package.expected_tests) == {"TestMakesOnce", "TestValue"}
    assert work.package.instrumented == ("TestMakesOnce",)
    assert read_header(work.files["src/zz_goconcur_harness_test.go"].decode()).package == "mixed"
    assert work.files["src/gen.go"] == (MODULES / "mixed" / "gen.go").read_bytes()


def test_a_vendored_module_gets_goleak_vendored_in_the_box() -> None:
    work = workload_for_directory(MODULES / "vendored")
    assert work.go_flags == "-mod=vendor"
    assert "src/vendor/example.org/ring/ring.go" in work.files
    txt = work.files["src/vendor/modules.txt"].decode()
    assert f"# go.uber.org/goleak {GOLEAK}\n## explicit; go 1.20\ngo.uber.org/goleak\n" in txt
    assert f"/opt/goconcur/gomod/go.uber.org/goleak@{GOLEAK}" in work.setup
    assert "src/go.sum" not in work.files


def test_a_missing_dependency_is_refused_by_name() -> None:
    with pytest.raises(WorkloadError) as refused:
        workload_for_directory(MODULES / "missing_dependency")
    message = str(refused.value)
    assert "github.com/stretchr/testify v1.9.0 (imported by add_test.go)" in message
    assert "go mod vendor" in message
    # Requirements nothing imports (the indirect ones here) are not blamed.
    assert "go-spew" not in message


def test_imports_nothing_requires_and_local_replacements_are_named(tmp_path: Path) -> None:
    _write(tmp_path, {
        "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\n"
                  "replace example.com/lib => ../lib\n",
        "app.go": 'package app\n\nimport (\n\t"example.com/lib"\n\t"github.com/pkg/errors"\n)\n',
        "app_test.go": "package app\n",
    })  # fmt: skip
    with pytest.raises(WorkloadError) as refused:
        workload_for_directory(tmp_path)
    assert "example.com/lib => ../lib (imported by app.go)" in str(refused.value)
    assert "no requirement in go.mod provides github.com/pkg/errors" in str(refused.value)


def test_a_package_missing_from_vendor_is_named(tmp_path: Path) -> None:
    _write(tmp_path, {
        "go.mod": "module m\n\ngo 1.22\n",
        "vendor/modules.txt": "",
        "a.go": 'package a\n\nimport "golang.org/x/sync/errgroup"\n',
        "a_test.go": "package a\n",
    })  # fmt: skip
    with pytest.raises(WorkloadError, match=r"vendor/ provides golang\.org/x/sync/errgroup"):
        workload_for_directory(tmp_path)


def test_cached_modules_are_allowed(tmp_path: Path) -> None:
    _write(tmp_path, {
        "go.mod": "module m\n\ngo 1.22\n\nrequire golang.org/x/sync v0.24.0\n",
        "a.go": 'package a\n\nimport "golang.org/x/sync/errgroup"\n\nvar _ errgroup.Group\n',
        "a_test.go": "package a\n",
    })  # fmt: skip
    assert "src/go.mod" in workload_for_directory(tmp_path).files


def test_an_import_path_never_reaches_outside_the_module(tmp_path: Path) -> None:
    _write(tmp_path, {
        "secret/s.go": "package s\n",
        "m/go.mod": "module m\n\ngo 1.22\n",
        "m/a.go": 'package a\n\nimport "m/../secret"\n',
        "m/a_test.go": "package a\n",
    })  # fmt: skip
    work = workload_for_directory(tmp_path / "m")
    assert not any("secret" in name for name in work.files)


def test_embedded_folders_come_along_and_symlinks_are_never_followed(tmp_path: Path) -> None:
    embed = 'package {0}\n\nimport (\n\t"embed"\n{1})\n\n//go:embed templates\nvar T embed.FS\n'
    _write(tmp_path, {
        "outside/secret.txt": "secret",
        "m/go.mod": "module m\n\ngo 1.22\n",
        "m/ui/ui.go": embed.format("ui", ""),
        "m/ui/templates/page.html": "<p>",
        "m/web/web.go": embed.format("web", '\t_ "m/ui"\n'),
        "m/web/web_test.go": "package web\n",
        "m/web/templates/index.html": "<html>",
        "m/web/testdata/in.txt": "input",
    })  # fmt: skip
    (tmp_path / "m/web/testdata/link").symlink_to(tmp_path / "outside")
    work = workload_for_directory(tmp_path / "m" / "web")
    assert {"src/web/templates/index.html", "src/web/testdata/in.txt"} <= set(work.files)
    assert "src/ui/templates/page.html" in work.files  # a dependency's embedded folder
    assert not any("secret" in name for name in work.files)


def test_tests_left_out_by_build_tags_are_explained(tmp_path: Path) -> None:
    _write(tmp_path, {"a.go": "package a\n", "a_test.go": "//go:build integration\n\npackage a\n"})
    with pytest.raises(WorkloadError, match=r"build constraints leave out every _test\.go file"):
        workload_for_directory(tmp_path)


def test_too_much_to_copy_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(modules, "MAX_STAGED_BYTES", 1000)
    _write(tmp_path, {
        "go.mod": "module m\n\ngo 1.22\n",
        "big/big.go": "package big\n\nvar Blob = `" + "x" * 2000 + "`\n",
        "a/a.go": 'package a\n\nimport "m/big"\n\nvar _ = big.Blob\n',
        "a/a_test.go": "package a\n",
    })  # fmt: skip
    with pytest.raises(WorkloadError, match="more than 0 MiB or 4000 files"):
        workload_for_directory(tmp_path / "a")


def test_the_users_folder_is_only_read(tmp_path: Path) -> None:
    _write(tmp_path, {"go.mod": "module m\n\ngo 1.21\n", "a.go": "package a\n"})
    _write(tmp_path, {"a_test.go": "package a\n"})
    before = {p: p.read_bytes() for p in tmp_path.rglob("*")}
    workload_for_directory(tmp_path)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*")} == before


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("go: go.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)\n",
         "go.mod asks for Go 1.99, newer than the grader's Go 1.26.8: lower its go line"),
        ("go: updates to go.mod needed; to update it:\n\tgo mod tidy\n", "go mod tidy"),
        ("go: inconsistent vendoring in /work/src:\n", "go mod vendor"),
        ("go: errors parsing go.mod:\n/work/src/go.mod:3: unknown directive: og\n",
         "unknown directive: og"),
        ("go: github.com/stretchr/testify@v1.8.0 requires\n\tgithub.com/stretchr/objx@v0.4.0: "
         "missing go.sum entry for go.mod file; to add it:\n",
         "the module graph needs github.com/stretchr/objx@v0.4.0, which go.sum does not list"),
        ("a.go:3:8: missing go.sum entry for module providing package example.com/x/y "
         "(imported by m); to add:\n", "go.sum lacks the module that provides example.com/x/y"),
        ("a.go:3:8: cannot find module providing package example.com/x/y: import lookup "
         "disabled by -mod=readonly\n", "no module in go.mod provides example.com/x/y"),
        ("go: downloading example.com/x v1.0.0\n# m\na.go:3:8: module lookup disabled by "
         "GOPROXY=off\n", "the build needs example.com/x v1.0.0, which is not available"),
        ("go: github.com/stretchr/objx@v0.4.0: module lookup disabled by GOPROXY=off\n",
         "the build needs github.com/stretchr/objx@v0.4.0, which is not available"),
    ],
)  # fmt: skip
def test_go_command_module_errors_read_as_plain_reasons(output: str, reason: str) -> None:
    assert reason in (module_error(output) or "")


def test_an_ordinary_compile_error_is_not_a_module_error() -> None:
    assert module_error("# m\n./a.go:3:1: syntax error: unexpected }\n") is None


def test_judge_refuses_a_build_that_go_mod_stopped() -> None:
    def run(code: int, output: str) -> RawRun:
        return RawRun(code, None, output.encode(), b"", Usage(1.0, 1.0, 0), None)

    too_new = "go: go.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)\n"
    judged = judge_build(BuildStep({"plain": run(1, too_new), "race": run(1, too_new),
                                    "vet": run(1, too_new)}))  # fmt: skip
    assert (judged.built, judged.verdict) == (False, Verdict.REJECTED_INPUT)
    assert judged.findings[0].code == "rejected_input"
    assert_coded(judged.findings)
    syntax = "# m\n./a.go:3:1: syntax error: unexpected }\n"
    judged = judge_build(BuildStep({"plain": run(1, syntax), "race": run(1, syntax),
                                    "vet": run(1, syntax)}))  # fmt: skip
    assert judged.verdict is Verdict.COMPILE_ERROR
