"""Go modules for `check`: find the module a package folder belongs to, choose what of it
goes into the sandbox, and give the sandbox's copy the harness's own dependency.

The harness imports goleak; an ordinary module does not require it. The box's copy of go.mod
gets `require go.uber.org/goleak` and its go.sum the platform's checksums, so the offline
build (GOPROXY=off, -mod=readonly) finds goleak in the image's module cache. A vendored module
builds with -mod=vendor: modules.txt gets goleak's entry and the box copies goleak from the
cache into vendor/ before building. The user's folder is only read.

Everything here is a pure function of the files read, except `stage`, which reads them."""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graders import gosource
from graders.gomod import (
    HARNESS_MODULE,
    GoMod,
    ModuleError,
    box_go_mod,
    compare_versions,
    merged_sums,
    modules_txt_with_harness,
    parse_go_mod,
    vendored_packages,
)

PLATFORM_MODULE_DIR = Path(__file__).resolve().parent.parent / "sandbox" / "image" / "module"
MODULE_CACHE = "/opt/goconcur/gomod"  # graders/gotool.py GOMODCACHE, filled by build.sh
# What a check may copy into the box (its scratch is a 192 MiB tmpfs shared with the build).
MAX_STAGED_BYTES = 32 * 1024 * 1024
MAX_STAGED_FILES = 4000
# A go.mod farther up than this many folders is not the package's (a stray one in / or /tmp).
MAX_MODULE_DEPTH = 32


@dataclass(frozen=True, slots=True)
class StagedModule:
    """The files of the package's module that the box needs, relative to the module root."""

    files: dict[str, bytes]
    module: str
    package_dir: str  # the package's folder, relative to the module root ("" at the root)
    vendored: bool
    setup: str  # shell command run at the module root before the build ("" for none)


@cache
def platform_requirement() -> tuple[str, str]:
    """goleak's path and the version the image's module cache holds."""
    platform = parse_go_mod((PLATFORM_MODULE_DIR / "go.mod").read_text(encoding="utf-8"))
    return HARNESS_MODULE, platform.requires[HARNESS_MODULE]


@cache
def platform_modules() -> tuple[str, ...]:
    """The modules a folder without go.mod may import (the platform module's requirements)."""
    platform = parse_go_mod((PLATFORM_MODULE_DIR / "go.mod").read_text(encoding="utf-8"))
    return tuple(platform.requires)


def beyond_platform(imports: Iterable[Iterable[str]]) -> list[str]:
    """Import paths that neither the standard library nor the platform's modules provide."""
    allowed = platform_modules()
    return sorted({
        path for paths in imports for path in paths
        if not gosource.is_standard(path)
        and not any(path == m or path.startswith(m + "/") for m in allowed)
    })  # fmt: skip


@cache
def platform_sums() -> str:
    return (PLATFORM_MODULE_DIR / "go.sum").read_text(encoding="utf-8")


def available_modules(go_sum: str) -> set[tuple[str, str]]:
    """Modules whose source is in the image's cache: build.sh downloads the platform module's
    whole build list, whose zips the platform go.sum hashes (lines without /go.mod)."""
    found = set()
    for line in go_sum.splitlines():
        parts = line.split()
        if len(parts) == 3 and not parts[1].endswith("/go.mod"):
            found.add((parts[0], parts[1]))
    return found


# --- finding the module --------------------------------------------------------------------


def find_module_root(directory: Path) -> Path | None:
    """The nearest folder at or above `directory` holding go.mod, as cmd/go looks for it."""
    for depth, folder in enumerate((directory, *directory.parents)):
        if depth > MAX_MODULE_DEPTH:
            return None
        candidate = folder / "go.mod"
        if candidate.is_file() and not candidate.is_symlink():
            return folder
    return None


# --- staging -------------------------------------------------------------------------------


@dataclass
class _Walk:
    root: Path
    go_mod: GoMod
    vendor: dict[str, str] | None
    available: set[tuple[str, str]]
    files: dict[str, bytes] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    missing: dict[str, list[str]] = field(default_factory=dict)  # "module version" -> importers
    unprovided: dict[str, list[str]] = field(default_factory=dict)  # import path -> importers
    size: int = 0


def stage(package_dir: Path, module_root: Path, imports: dict[str, Iterable[str]]) -> StagedModule:
    """go.mod, go.sum (or vendor/modules.txt) and every package of the module or of vendor/
    that the package imports, directly or not. `imports` maps each of the package's files to
    its imports; the package's own files are the caller's to copy."""
    go_mod = parse_go_mod(_read_text(module_root / "go.mod"))
    harness_path, harness_version = platform_requirement()
    if go_mod.module == harness_path:
        raise ModuleError(f"check cannot grade {harness_path} itself: its harness imports it")
    modules_txt = module_root / "vendor" / "modules.txt"
    vendor = vendored_packages(_read_text(modules_txt)) if modules_txt.is_file() else None
    walk = _Walk(module_root, go_mod, vendor, available_modules(platform_sums()))
    package_rel = package_dir.relative_to(module_root).as_posix()
    walk.seen.add(_join(go_mod.module, package_rel))
    for filename, paths in imports.items():
        for path in paths:
            _visit(walk, path, filename if package_rel == "." else f"{package_rel}/{filename}")
    _refuse_what_is_missing(walk)

    files = dict(walk.files)
    files["go.mod"] = box_go_mod(go_mod, harness_version).encode()
    setup = ""
    if vendor is not None:
        txt = _read_text(modules_txt)
        if HARNESS_MODULE not in vendor.values():
            txt = modules_txt_with_harness(txt, harness_version)
            cached = f"{MODULE_CACHE}/{harness_path}@{harness_version}"
            target = f"vendor/{harness_path}"
            setup = (f"mkdir -p {shlex.quote(str(Path(target).parent))} && "
                     f"cp -R {shlex.quote(cached)} {shlex.quote(target)} && "
                     f"chmod -R u+w {shlex.quote(target)}")  # fmt: skip
        files["vendor/modules.txt"] = txt.encode()
    else:
        own = module_root / "go.sum"
        files["go.sum"] = merged_sums(
            _read_text(own) if own.is_file() else "", platform_sums()
        ).encode()
    return StagedModule(files, go_mod.module, package_rel if package_rel != "." else "",
                        vendored=vendor is not None, setup=setup)  # fmt: skip


def _visit(walk: _Walk, path: str, importer: str) -> None:
    if path in walk.seen or path == "C" or not _valid_import(path):
        return  # go refuses a malformed path itself; it must never reach outside the module
    walk.seen.add(path)
    module = walk.go_mod.module
    if walk.vendor is not None and path in walk.vendor:
        _copy_package(walk, walk.root / "vendor" / path, f"vendor/{path}")
    elif path == module or path.startswith(module + "/"):
        rel = path[len(module) :].lstrip("/")
        folder = walk.root / rel
        if _inside_module(walk.root, folder):
            _copy_package(walk, folder, rel)
        elif folder.is_dir() and walk.vendor is None:
            _check_available(walk, path, importer)  # a nested module of its own
        # else: a folder that is not there; the build says so, with the importing line
    elif gosource.is_standard(path):
        return
    elif walk.vendor is not None:
        if not (path == HARNESS_MODULE or path.startswith(HARNESS_MODULE + "/")):
            walk.unprovided.setdefault(path, []).append(importer)
    else:
        _check_available(walk, path, importer)


def _valid_import(path: str) -> bool:
    return "\\" not in path and all(part not in ("", ".", "..") for part in path.split("/"))


def _inside_module(root: Path, folder: Path) -> bool:
    """A folder of the module itself: no go.mod of its own between it and the root."""
    if not folder.is_dir() or folder.is_symlink():
        return False
    rel = folder.relative_to(root)
    return not any(
        (root / step / "go.mod").exists() for step in (rel, *rel.parents) if step != Path(".")
    )


def _check_available(walk: _Walk, path: str, importer: str) -> None:
    harness, version = platform_requirement()
    provider = _provider(walk.go_mod.requires, path)
    if provider is None:
        if path == harness or path.startswith(harness + "/"):
            return  # the harness's requirement is added in the box
        walk.unprovided.setdefault(path, []).append(importer)
        return
    required = walk.go_mod.requires[provider]
    if provider == harness and compare_versions(required, version) <= 0:
        return  # raised to the cached version in the box
    replacement = walk.go_mod.replaces.get(provider)
    if replacement is not None:
        target = replacement.split()
        if len(target) == 1:  # a local directory
            walk.missing.setdefault(f"{provider} => {target[0]}", []).append(importer)
            return
        provider, required = target
    if (provider, required) not in walk.available:
        walk.missing.setdefault(f"{provider} {required}", []).append(importer)


def _provider(requires: dict[str, str], path: str) -> str | None:
    """The required module whose path is the longest prefix of the import path."""
    candidates = [m for m in requires if path == m or path.startswith(m + "/")]
    return max(candidates, key=len) if candidates else None


def _copy_package(walk: _Walk, folder: Path, rel: str) -> None:
    """A dependency's non-test files (embedded files included), then its own imports."""
    if not folder.is_dir() or folder.is_symlink():
        return  # the build names the import that has no folder
    embedded: set[str] = set()
    for file in sorted(folder.iterdir()):
        if file.is_symlink() or not file.is_file() or file.name.endswith("_test.go"):
            continue
        content = _add(walk, f"{rel}/{file.name}", file)
        if file.suffix == ".go":
            text = content.decode("utf-8", errors="replace")
            header = gosource.read_header(text)
            if gosource.included(file.name, header):
                embedded |= gosource.embedded_folders(text)
                for imported in header.imports:
                    _visit(walk, imported, f"{rel}/{file.name}")
    for name in sorted(embedded):
        for path, file in tree(folder / name, folder).items():
            _add(walk, f"{rel}/{path}", file)


def _add(walk: _Walk, name: str, file: Path) -> bytes:
    content = file.read_bytes()
    walk.size += len(content)
    if walk.size > MAX_STAGED_BYTES or len(walk.files) >= MAX_STAGED_FILES:
        raise ModuleError(
            f"the package and what it imports from its module come to more than "
            f"{MAX_STAGED_BYTES // (1024 * 1024)} MiB or {MAX_STAGED_FILES} files "
            f"(at {name}): check a smaller package"
        )
    walk.files[name] = content
    return content


def tree(base: Path, root: Path, limit: int = MAX_STAGED_FILES) -> dict[str, Path]:
    """Regular files in `base` (a folder, or a single file), named relative to `root`;
    symlinks are never followed. At most `limit` files, then ModuleError."""
    if base.is_symlink():
        return {}
    if base.is_file():
        return {base.relative_to(root).as_posix(): base}
    found: dict[str, Path] = {}
    for path in sorted(base.rglob("*")) if base.is_dir() else ():
        # `**` never descends into a symlinked folder; a symlinked file is skipped here.
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(root).as_posix()] = path
            if len(found) > limit:
                raise ModuleError(
                    f"{base.name}/ holds more than {limit} files: check a smaller package"
                )
    return found


def _refuse_what_is_missing(walk: _Walk) -> None:
    problems = []
    if walk.missing:
        listed = "; ".join(
            f"{module} (imported by {', '.join(sorted(set(by))[:3])})"
            for module, by in sorted(walk.missing.items())
        )
        problems.append(
            f"grading is offline, and these modules are not available: {listed}. "
            "Vendor them (`go mod vendor`) and check again"
        )
    if walk.unprovided:
        where = "vendor/" if walk.vendor is not None else "no requirement in go.mod"
        listed = ", ".join(sorted(walk.unprovided))
        hint = "`go mod vendor`" if walk.vendor is not None else "`go mod tidy`"
        problems.append(f"{where} provides {listed}: run {hint} and check again")
    if problems:
        raise ModuleError("; ".join(problems))


def _join(module: str, rel: str) -> str:
    return module if rel in ("", ".") else f"{module}/{rel}"


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")
