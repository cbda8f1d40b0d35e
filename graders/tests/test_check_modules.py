"""End to end: `check` on Go modules of real-world shapes (graders/tests/modules/, each with
its own go.mod and no goleak in it), graded by real `go test` in the real sandbox."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from graders import GradeOptions, Verdict, check, modules, results
from graders.gomod import parse_go_mod
from graders.request import EngineSettings
from graders.results import FindingKind, GradeResult
from graders.tests.contract import assert_contract

MODULES = Path(__file__).parent / "modules"

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]


@pytest.fixture(scope="module")
def bwrap(engine: EngineSettings) -> EngineSettings:
    """Staging a module is the same whatever the backend: one backend is enough for most
    cases (test_docker_builds_a_vendored_module_and_a_nested_package runs on Docker)."""
    if engine.backend != "bwrap":
        pytest.skip("covered on bwrap")
    return engine


def _check(folder: str, engine: EngineSettings) -> GradeResult:
    return assert_contract(check(str(MODULES / folder), GradeOptions(run_benchmarks=False), engine))


def _tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    ("folder", "tests"),
    [
        ("nested/pipeline/stage", {"TestSquares"}),  # go.mod two folders up
        ("external_only/e2e", {"TestManyWriters"}),  # only `package e2e_test` files
        ("mixed", {"TestMakesOnce", "TestValue"}),  # package mixed + mixed_test
        ("vendored", {"TestConcurrentAdds"}),  # vendor/ and -mod=vendor
        ("loopvar_go122", {"TestSum"}),  # per-iteration loop variables
        ("toolchain_line", {"TestAfter"}),  # toolchain go1.99.1: ignored (GOTOOLCHAIN=local)
    ],
)
def test_correct_modules_are_accepted(bwrap: EngineSettings, folder: str, tests: set) -> None:
    module = MODULES / folder.split("/")[0]
    before = _tree(module)
    result = _check(folder, bwrap)
    assert result.verdict is Verdict.ACCEPTED, result.to_dict()
    assert {t.name for t in result.tests} == tests
    assert all(t.status is results.TestStatus.PASS for t in result.tests)
    assert result.scores.race_free == 100 and result.scores.leak_free == 100
    assert _tree(module) == before  # the user's folder is only read


def test_go_1_21_keeps_one_loop_variable_for_all_iterations(bwrap: EngineSettings) -> None:
    # Same code as loopvar_go122, which is accepted: the go line decides the semantics.
    result = _check("loopvar_go121", bwrap)
    assert result.verdict is Verdict.RACE, result.to_dict()
    race = next(f for f in result.findings if f.kind is FindingKind.RACE)
    # total += x (line 16) reads the x the loop (line 11) writes next.
    assert race.file == "sum.go" and {race.line, *(r["line"] for r in race.related)} >= {11, 16}


def test_a_racy_module_gets_race(bwrap: EngineSettings) -> None:
    result = _check("racy", bwrap)
    assert result.verdict is Verdict.RACE, result.to_dict()
    race = next(f for f in result.findings if f.kind is FindingKind.RACE)
    assert race.file == "stats.go" and {race.line, *(r["line"] for r in race.related)} >= {13, 16}


def test_a_leaky_module_gets_leak(bwrap: EngineSettings) -> None:
    result = _check("leaky", bwrap)
    assert result.verdict is Verdict.LEAK, result.to_dict()
    leak = next(f for f in result.findings if f.kind is FindingKind.LEAK)
    assert (leak.file, leak.line) == ("fetch.go", 7)
    assert "TestFirst" in leak.message


def test_a_go_line_newer_than_the_toolchain_is_refused_plainly(bwrap: EngineSettings) -> None:
    result = _check("future_go", bwrap)
    assert result.verdict is Verdict.REJECTED_INPUT, result.to_dict()
    assert result.message.startswith("rejected_input"), result.message
    assert "go.mod asks for Go 1.99, newer than the grader's Go 1." in result.message


def test_docker_builds_a_vendored_module_and_a_nested_package(engine: EngineSettings) -> None:
    # The vendored module copies goleak from the image's module cache inside the box; the
    # bwrap backend runs both in test_correct_modules_are_accepted.
    if engine.backend != "docker":
        pytest.skip("covered on bwrap by test_correct_modules_are_accepted")
    for folder in ("vendored", "nested/pipeline/stage"):
        result = _check(folder, engine)
        assert result.verdict is Verdict.ACCEPTED, (folder, result.to_dict())


def test_a_published_module_from_the_image_cache_is_graded(bwrap: EngineSettings) -> None:
    # golang.org/x/sync's errgroup as published (go 1.26 line, external tests and examples,
    # a read-only folder): the module cache the image build downloaded, nobody here wrote it.
    assert bwrap.rootfs, "the bwrap backend runs from a root filesystem"
    platform = parse_go_mod((modules.PLATFORM_MODULE_DIR / "go.mod").read_text())
    version = platform.requires["golang.org/x/sync"]
    errgroup = Path(bwrap.rootfs, f"opt/goconcur/gomod/golang.org/x/sync@{version}/errgroup")
    result = assert_contract(check(str(errgroup), GradeOptions(run_benchmarks=False), bwrap))
    assert result.verdict is Verdict.ACCEPTED, result.to_dict()
    assert {"TestZeroGroup", "TestWithContext", "TestGoLimit"} <= {t.name for t in result.tests}


def test_a_nested_package_names_its_files_from_the_module_root(
    bwrap: EngineSettings, tmp_path: Path
) -> None:
    module = shutil.copytree(MODULES / "nested", tmp_path / "nested")
    stage = module / "pipeline" / "stage" / "stage.go"
    stage.write_text(stage.read_text().replace("total += v * v", "total += v * w"))
    result = assert_contract(
        check(str(module / "pipeline" / "stage"), GradeOptions(run_benchmarks=False), bwrap)
    )
    assert result.verdict is Verdict.COMPILE_ERROR, result.to_dict()
    error = next(f for f in result.findings if f.kind is FindingKind.COMPILE)
    assert (error.file, error.line) == ("pipeline/stage/stage.go", 20)  # as races and leaks do
