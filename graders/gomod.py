"""go.mod, go.sum and vendor/modules.txt as `check` reads and edits them (the box's copy only),
and what the go command says when go.mod, not the code, stops a build. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HARNESS_MODULE = "go.uber.org/goleak"
HARNESS_PACKAGES = ("go.uber.org/goleak", "go.uber.org/goleak/internal/stack")
HARNESS_MODULE_GO = "1.20"  # the go line of goleak's own go.mod (for vendor/modules.txt)
# The oldest language version the harness compiles in (it uses `any`, and 1.21 still gives
# each loop one variable for all iterations, as before). An older go line is raised to it in
# the box copy; the go line of 1.21 and later is the module's own.
MIN_GO = "1.21"


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
