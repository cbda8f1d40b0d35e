"""Go modules for `check`: find the module a package folder belongs to, choose what of it
goes into the sandbox, and give the sandbox's copy the harness's own dependency.

The harness imports goleak; an ordinary module does not require it. The box's copy of go.mod
gets `require go.uber.org/goleak` and its go.sum the platform's checksums, so the offline
build (GOPROXY=off, -mod=readonly) finds goleak in the image's module cache. A vendored module
builds with -mod=vendor: modules.txt gets goleak's entry and the box copies goleak from the
cache into vendor/ before building. The user's folder is only read.

Everything here is a pure function of the files read, except `stage`, which reads them."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graders import gosource

PLATFORM_MODULE_DIR = Path(__file__).resolve().parent.parent / "sandbox" / "image" / "module"
MODULE_CACHE = "/opt/goconcur/gomod"  # graders/gotool.py GOMODCACHE, filled by build.sh
HARNESS_MODULE = "go.uber.org/goleak"
HARNESS_PACKAGES = ("go.uber.org/goleak", "go.uber.org/goleak/internal/stack")
HARNESS_MODULE_GO = "1.20"  # the go line of goleak's own go.mod (for vendor/modules.txt)
# What a check may copy into the box (its scratch is a 192 MiB tmpfs shared with the build).
MAX_STAGED_BYTES = 32 * 1024 * 1024
MAX_STAGED_FILES = 4000
# The oldest language version the harness compiles in (it uses `any`, and 1.21 still gives
# each loop one variable for all iterations, as before). An older go line is raised to it in
# the box copy; the go line of 1.21 and later is the module's own.
MIN_GO = "1.21"
# A go.mod farther up than this many folders is not the package's (a stray one in / or /tmp).
MAX_MODULE_DEPTH = 32


class ModuleError(ValueError):
    """The module cannot be graded as it is; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class GoMod:
    module: str
    go: str | None
    toolchain: str | None
    requires: dict[str, str]  # module path -> version
    replaces: dict[str, str]  # module path -> replacement ("path" or "path version")
    lines: tuple[str, ...]
    require_lines: dict[str, int] = field(default_factory=dict)  # path -> index in lines
    go_line: int | None = None  # index of the go directive in lines


@dataclass(frozen=True, slots=True)
class StagedModule:
    """The files of the package's module that the box needs, relative to the module root."""

    files: dict[str, bytes]
    module: str
    package_dir: str  # the package's folder, relative to the module root ("" at the root)
    vendored: bool
    setup: str  # shell command run at the module root before the build ("" for none)


# --- go.mod, go.sum, modules.txt -------------------------------------------------------


def parse_go_mod(text: str) -> GoMod:
    """The directives `check` needs; ModuleError when go.mod names no module."""
    lines = tuple(text.splitlines())
    module = go = toolchain = None
    requires: dict[str, str] = {}
    replaces: dict[str, str] = {}
    require_lines: dict[str, int] = {}
    go_line = None
    block: str | None = None
    for index, line in enumerate(lines):
        words = _words(line)
        if not words:
            continue
        if block is not None:
            if words == [")"]:
                block = None
                continue
            verb, args = block, words
        elif len(words) >= 2 and words[1] == "(" and len(words) == 2:
            block = words[0]
            continue
        else:
            verb, args = words[0], words[1:]
        if verb == "module" and args:
            module = args[0]
        elif verb == "go" and args:
            go, go_line = args[0], index
        elif verb == "toolchain" and args:
            toolchain = args[0]
        elif verb == "require" and len(args) >= 2:
            requires[args[0]] = args[1]
            require_lines[args[0]] = index
        elif verb == "replace" and "=>" in args:
            arrow = args.index("=>")
            replaces[args[0]] = " ".join(args[arrow + 1 :])
    if not module:
        raise ModuleError("go.mod has no module line")
    return GoMod(module, go, toolchain, requires, replaces, lines, require_lines, go_line)


def _words(line: str) -> list[str]:
    """A go.mod line's words, comment dropped, quotes off (paths may be quoted)."""
    return [word.strip('"`') for word in line.split("//", 1)[0].split()]


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


def box_go_mod(go_mod: GoMod, version: str) -> str:
    """The box copy of go.mod: goleak required at `version` at least, and a go line of
    MIN_GO at least (the harness is compiled in the module's language version)."""
    lines = list(go_mod.lines)
    if go_mod.go is None or _go_key(go_mod.go) < _go_key(MIN_GO):
        raised = f"go {MIN_GO} // goconcur: raised from {go_mod.go or 'none'} in the sandbox copy"
        if go_mod.go_line is None:
            lines += ["", raised]
        else:
            lines[go_mod.go_line] = raised
    current = go_mod.requires.get(HARNESS_MODULE)
    if current is None:
        lines += ["", "// Added by goconcur in the sandbox copy: the grader's leak checker.",
                  f"require {HARNESS_MODULE} {version}"]  # fmt: skip
    elif compare_versions(current, version) < 0:
        index = go_mod.require_lines[HARNESS_MODULE]
        lines[index] = lines[index].replace(current, version, 1)
    return "\n".join(lines) + "\n"


def _go_key(version: str) -> tuple[int, ...]:
    """1.21, 1.21.3, 1.21rc1 -> comparable numbers (the release candidate counts as its release)."""
    return tuple(int(part) for part in re.findall(r"\d+", version.split("rc")[0])[:3])


def merged_sums(own: str, platform: str) -> str:
    """The module's go.sum plus the platform's lines it lacks (extra lines are harmless)."""
    have = set(own.splitlines())
    extra = [line for line in platform.splitlines() if line.strip() and line not in have]
    joined = own if not own or own.endswith("\n") else own + "\n"
    return joined + "".join(line + "\n" for line in extra)


def vendored_packages(modules_txt: str) -> dict[str, str]:
    """Package path -> module path, from vendor/modules.txt."""
    packages: dict[str, str] = {}
    module = ""
    for line in modules_txt.splitlines():
        if line.startswith("# "):
            module = line[2:].split()[0]
        elif line and not line.startswith("#"):
            packages[line.strip()] = module
    return packages


def modules_txt_with_harness(modules_txt: str, version: str) -> str:
    entry = [f"# {HARNESS_MODULE} {version}", f"## explicit; go {HARNESS_MODULE_GO}",
             *HARNESS_PACKAGES]  # fmt: skip
    text = modules_txt if not modules_txt or modules_txt.endswith("\n") else modules_txt + "\n"
    return text + "\n".join(entry) + "\n"


def compare_versions(a: str, b: str) -> int:
    """Semantic version order of vX.Y.Z[-pre] (pre-releases before their release)."""

    def key(version: str) -> tuple:
        core, _, pre = version.removeprefix("v").partition("+")[0].partition("-")
        numbers = tuple(int(p) if p.isdigit() else 0 for p in core.split("."))
        return (*numbers, 0 if pre else 1, pre)

    return (key(a) > key(b)) - (key(a) < key(b))


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


# --- what the go command says about modules -----------------------------------------------

TOO_NEW = re.compile(
    r"go: (?P<file>\S+) requires go >= (?P<need>[^\s;)]+) \(running go (?P<have>[^\s;)]+)"
)
NOT_TIDY = re.compile(r"go: updates to go\.mod needed")
INCONSISTENT_VENDOR = re.compile(r"inconsistent vendoring")
GO_MOD_SYNTAX = re.compile(r"go: errors parsing go\.mod:\s*\n?(?P<detail>[^\n]*)")
MISSING_MODULE_SUM = re.compile(r"(?P<module>[^\s:]+@v[^\s:]+): missing go\.sum entry")
MISSING_PACKAGE_SUM = re.compile(r"missing go\.sum entry for module providing package (?P<pkg>\S+)")
NO_PROVIDER = re.compile(
    r"cannot find module providing package (?P<pkg>\S+): import lookup disabled"
)
DOWNLOADING = re.compile(r"^go: downloading (?P<module>\S+ \S+)$", re.MULTILINE)
LOOKUP_DISABLED = "module lookup disabled by GOPROXY=off"
LOOKUP_OF = re.compile(r"(?P<module>[^\s:]+@v[^\s:]+): module lookup disabled by GOPROXY=off")
OFFLINE_HINT = "grading is offline: run `go mod tidy`, then `go mod vendor`, and check again"


def module_error(build_output: str) -> str | None:
    """A build failure that is about go.mod rather than the code, in plain words."""
    if match := TOO_NEW.search(build_output):
        return (
            f"{match['file']} asks for Go {match['need']}, newer than the grader's Go "
            f"{match['have']}: lower its go line to {match['have']} or older"
        )
    if NOT_TIDY.search(build_output):
        return "go.mod does not list what the code needs: run `go mod tidy` and check again"
    if INCONSISTENT_VENDOR.search(build_output):
        return "vendor/modules.txt does not match go.mod: run `go mod vendor` and check again"
    if match := GO_MOD_SYNTAX.search(build_output):
        return f"go.mod does not parse: {match['detail'].strip()}"
    # What the checks before the build cannot see: the module graph of the dependencies.
    if match := MISSING_MODULE_SUM.search(build_output):
        return (
            f"the module graph needs {match['module']}, which go.sum does not list; {OFFLINE_HINT}"
        )
    if match := MISSING_PACKAGE_SUM.search(build_output):
        return f"go.sum lacks the module that provides {match['pkg']}; {OFFLINE_HINT}"
    if match := NO_PROVIDER.search(build_output):
        return f"no module in go.mod provides {match['pkg']}; {OFFLINE_HINT}"
    if LOOKUP_DISABLED in build_output:
        named = LOOKUP_OF.findall(build_output) + DOWNLOADING.findall(build_output)
        wanted = ", ".join(dict.fromkeys(named)) or "a module"
        return f"the build needs {wanted}, which is not available; {OFFLINE_HINT}"
    return None
