"""Turns what we were given (a candidate's file and a problem's tests, or a whole package
directory for `check`) into the files of one sandbox job."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graders import gosource, modules
from graders.prepare import PreparedPackage, module_files, prepare_package
from graders.request import GradeRequest

MAX_PACKAGE_BYTES = 8 * 1024 * 1024


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
    package_dir: str = ""  # the package's folder under src/, where go commands run
    setup: str = ""  # shell command run in src/ before the build (vendoring the harness)
    go_flags: str = "-mod=readonly"  # -mod=vendor for a vendored module


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
    """Any ordinary Go package with _test.go files: its folder (files and testdata/), and,
    when a go.mod sits in it or above it, what the box needs of its module."""
    root = Path(directory).resolve()
    if not root.is_dir():
        raise WorkloadError(f"{directory} is not a directory")
    go_files = _go_files(root)
    headers = {name: gosource.read_header(_text(content)) for name, content in go_files.items()}
    part = {n for n, h in headers.items() if gosource.included(n, h)}
    tests = {n: go_files[n] for n in sorted(part) if n.endswith("_test.go")}
    if not tests:
        if any(name.endswith("_test.go") for name in go_files):
            raise WorkloadError(
                f"{directory}: build constraints leave out every _test.go file "
                "(tags such as `integration` are not set, and the sandbox is linux/amd64)"
            )
        raise WorkloadError(f"{directory} has no _test.go files: nothing to check")
    package = _package_name(headers, part)
    if not package:
        raise WorkloadError(f"{directory}: cannot find the package clause")
    # Files the build leaves out (other systems, `//go:build ignore`) are copied as they are.
    sources = {n: c for n, c in go_files.items() if n not in tests}
    internal = {n: c for n, c in tests.items() if headers[n].package == package}
    external = {n: c for n, c in tests.items() if n not in internal}
    prepared = prepare_package(package, sources, internal, external_tests=external)

    module_root = modules.find_module_root(root)
    if module_root is None:  # a bare folder: the platform's module, with goleak and x/sync
        unknown = modules.beyond_platform(headers[n].imports for n in part)
        if unknown:
            raise WorkloadError(
                f"{directory} has no go.mod, and without one only the standard library and "
                f"{', '.join(modules.platform_modules())} are available; it imports "
                f"{', '.join(unknown)}: add a go.mod (go mod init, go mod tidy, go mod vendor)"
            )
        staged = modules.StagedModule(module_files(), "goconcur/solution", "", False, "")
    else:
        imports = {n: headers[n].imports for n in part}
        try:
            staged = modules.stage(root, module_root, imports)
        except modules.ModuleError as error:
            raise WorkloadError(str(error)) from error
    here = f"src/{staged.package_dir}/" if staged.package_dir else "src/"
    embedded = set().union(*(gosource.embedded_folders(_text(go_files[n])) for n in part))
    try:
        package_files = {**_other_files(root, embedded), **prepared.files}
    except modules.ModuleError as error:
        raise WorkloadError(str(error)) from error
    total = sum(len(v) for v in package_files.values())
    if total > MAX_PACKAGE_BYTES:
        raise WorkloadError(f"package is {total} bytes; the limit is {MAX_PACKAGE_BYTES}")
    files = {f"src/{k}": v for k, v in staged.files.items()}
    files.update({here + k: v for k, v in package_files.items()})
    return Workload(
        prepared,
        files,
        reference=False,
        run_in_source=True,
        run_pattern=False,
        package_dir=staged.package_dir,
        setup=staged.setup,
        go_flags="-mod=vendor" if staged.vendored else "-mod=readonly",
    )


def _go_files(root: Path) -> dict[str, bytes]:
    return {
        path.name: path.read_bytes()
        for path in sorted(root.glob("*.go"))
        if path.is_file() and not path.is_symlink()
    }


def _other_files(root: Path, embedded: set[str]) -> dict[str, bytes]:
    """Files the build and the tests may read: the folder's own (go test runs in it),
    testdata/ and what //go:embed names."""
    files = {
        path.name: path.read_bytes()
        for path in sorted(root.iterdir())
        if path.is_file() and not path.is_symlink() and path.name not in ("go.mod", "go.sum")
    }
    for folder in ("testdata", *sorted(embedded)):
        files.update({n: p.read_bytes() for n, p in modules.tree(root / folder, root).items()})
    return files


def _text(content: bytes) -> str:
    return content.decode("utf-8", errors="replace")


def _package_name(headers: dict[str, gosource.GoHeader], part: set[str]) -> str | None:
    """The package's name: from its non-test files, else its internal tests, else its
    external tests (`foo_test` tests package `foo`, which may have no other file)."""
    names = [headers[n].package for n in sorted(part)]
    sources = [headers[n].package for n in sorted(part) if not n.endswith("_test.go")]
    for name in sources or [n for n in names if n and not n.endswith("_test")]:
        if name:
            return name
    return next((n.removesuffix("_test") for n in names if n), None)
