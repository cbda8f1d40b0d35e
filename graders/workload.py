"""Turns what we were given (a candidate's file and a problem's tests, or a whole package
directory for `check`) into the files of one sandbox job."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graders.prepare import (
    PACKAGE_CLAUSE,
    PreparedPackage,
    module_files,
    prepare_package,
    strip_comments,
)
from graders.request import GradeRequest

MAX_PACKAGE_BYTES = 8 * 1024 * 1024
MODULE_LINE = re.compile(r"^module\s+(\S+)", re.MULTILINE)


class WorkloadError(ValueError):
    pass


@dataclass(frozen=True)
class Workload:
    """A package ready to build: where its files go and how its tests are judged."""

    package: PreparedPackage
    files: dict[str, bytes]  # relative to /work
    reference: bool  # /work/ref holds the reference with the benchmarks
    run_in_source: bool  # check mode: tests may read testdata/, so sources stay
    run_pattern: bool  # grade mode: run exactly the expected tests


def workload_for_request(request: GradeRequest) -> Workload:
    tests = {f.name: f.content for f in request.test_files}
    tests.update({f.name: f.content for f in request.bench_files})
    package = prepare_package("solution", {"solution.go": request.candidate_source}, tests)
    files = {f"src/{k}": v for k, v in {**package.files, **module_files()}.items()}
    reference = bool(request.bench_files and request.reference_source)
    if reference:
        # The reference is built with the very same test files, so benchmarks may use the
        # tests' helpers, and both binaries measure identical benchmark code.
        assert request.reference_source is not None
        files.update({k.replace("src/", "ref/", 1): v for k, v in files.items()})
        files["ref/solution.go"] = request.reference_source
    return Workload(package, files, reference, run_in_source=False, run_pattern=True)


def workload_for_directory(directory: str | Path) -> Workload:
    """Any ordinary Go package with _test.go files (one directory, plus testdata/)."""
    root = Path(directory)
    if not root.is_dir():
        raise WorkloadError(f"{root} is not a directory")
    sources: dict[str, bytes] = {}
    tests: dict[str, bytes] = {}
    for path in sorted(root.glob("*.go")):
        if path.is_symlink() or not path.is_file():
            continue
        (tests if path.name.endswith("_test.go") else sources)[path.name] = path.read_bytes()
    if not tests:
        raise WorkloadError(f"{root} has no _test.go files: nothing to check")
    package = _package_name(sources) or _package_name(tests, internal_only=True)
    if not package:
        raise WorkloadError(f"{root}: cannot find the package clause")
    internal = {n: c for n, c in tests.items() if _clause(c) == package}
    external = {n: c for n, c in tests.items() if n not in internal}
    prepared = prepare_package(package, sources, internal, external_tests=external)
    files = {f"src/{k}": v for k, v in prepared.files.items()}
    files.update(_module(root))
    files.update(_testdata(root))
    total = sum(len(v) for v in files.values())
    if total > MAX_PACKAGE_BYTES:
        raise WorkloadError(f"package is {total} bytes; the limit is {MAX_PACKAGE_BYTES}")
    return Workload(prepared, files, reference=False, run_in_source=True, run_pattern=False)


def _module(root: Path) -> dict[str, bytes]:
    """The package's own go.mod when it has one (its module path may be imported by its
    external tests); otherwise the platform's, which offers goleak and x/sync."""
    own = root / "go.mod"
    if own.is_file():
        files = {"src/go.mod": own.read_bytes()}
        if (root / "go.sum").is_file():
            files["src/go.sum"] = (root / "go.sum").read_bytes()
        return files
    return {f"src/{k}": v for k, v in module_files().items()}


def _testdata(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    base = root / "testdata"
    if base.is_dir() and not base.is_symlink():
        for path in sorted(base.rglob("*")):
            if path.is_file() and not path.is_symlink():
                files[f"src/{path.relative_to(root)}"] = path.read_bytes()
    return files


def _clause(content: bytes) -> str | None:
    match = PACKAGE_CLAUSE.search(strip_comments(content.decode("utf-8", errors="replace")))
    return match.group(1) if match else None


def _package_name(files: dict[str, bytes], *, internal_only: bool = False) -> str | None:
    for content in files.values():
        name = _clause(content)
        if name and not (internal_only and name.endswith("_test")):
            return name
    return None
