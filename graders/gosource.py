"""What `go` itself reads from a file before compiling it: the build constraints, the package
clause and the imports. A small lexer over the file's header, not regexes over the whole file,
so comments, raw strings and grouped or named imports read as Go reads them.

Pure functions: the grader's host may have no Go toolchain (Docker workers), and the sandbox's
toolchain only runs once the files are chosen."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The platform the sandbox builds for (graders/gotool.py: linux_amd64). The plain build has
# cgo off; a file only for cgo, or only for other systems, is not part of the package.
GOOS = "linux"
GOARCH = "amd64"
TRUE_TAGS = frozenset({GOOS, GOARCH, "unix", "gc"})
# cmd/go's lists (go/build/syslist.go), for the *_GOOS / *_GOARCH file name suffixes.
KNOWN_GOOS = frozenset(
    {
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
        "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
    }
)  # fmt: skip
KNOWN_GOARCH = frozenset(
    {
        "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips",
        "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le",
        "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm",
    }
)  # fmt: skip
RELEASE_TAG = re.compile(r"go1\.\d+$")

_TOKEN = re.compile(
    r"""(?P<space>[ \t\r]+)
      | (?P<newline>\n)
      | (?P<line_comment>//[^\n]*)
      | (?P<block_comment>/\*.*?(?:\*/|\Z))
      | (?P<string>"(?:[^"\\\n]|\\.)*"|`[^`]*`)
      | (?P<ident>[^\W\d]\w*)
      | (?P<punct>.)""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class GoHeader:
    package: str | None  # None when the file has no package clause
    imports: tuple[str, ...]
    constraints: tuple[str, ...]  # //go:build expression, or the // +build lines


def read_header(text: str) -> GoHeader:
    """The package clause, imports and build constraints of one Go source file."""
    constraints: list[str] = []
    build_expr: str | None = None
    tokens = _tokens(text)
    package = None
    for kind, value in tokens:
        if kind == "line_comment":
            body = value[2:].strip()
            if value.startswith("//go:build "):
                build_expr = value[len("//go:build ") :].strip()
            elif body.startswith("+build "):
                constraints.append(body)
            continue
        if kind in ("block_comment", "newline"):
            continue
        if kind == "ident" and value == "package":
            package = _next_ident(tokens)
        break
    if build_expr is not None:
        constraints = [build_expr]  # //go:build wins over // +build (cmd/go since 1.17)
    if package is None:
        return GoHeader(None, (), tuple(constraints))
    return GoHeader(package, tuple(_imports(tokens)), tuple(constraints))


def included(filename: str, header: GoHeader) -> bool:
    """Whether `go test` on linux/amd64 (cgo off) compiles this file into the package."""
    if filename.startswith(("_", ".")) or header.package is None:
        return False
    return _filename_matches(filename) and all(
        _plus_build(c) if c.startswith("+build ") else _expression(c) for c in header.constraints
    )


EMBED_LINE = re.compile(r"^[ \t]*//go:embed[ \t]+(?P<patterns>.+)$", re.MULTILINE)
EMBED_PATTERN = re.compile(r'"(?:[^"\\]|\\.)*"|`[^`]*`|\S+')


def embedded_folders(text: str) -> set[str]:
    """The first path element of every //go:embed pattern: the files and folders beside the
    source that the build reads (`all:` prefixes and quotes removed)."""
    roots = set()
    for line in EMBED_LINE.finditer(text):
        for pattern in EMBED_PATTERN.findall(line["patterns"]):
            if pattern[0] in '"`':
                pattern = _unquote(pattern)
            first = pattern.removeprefix("all:").split("/", 1)[0]
            if first and first not in (".", ".."):
                roots.add(first)
    return roots


def is_standard(path: str) -> bool:
    """Standard library paths have no dot in their first element (cmd/go's own rule)."""
    return "." not in path.split("/", 1)[0]


# --- lexing ----------------------------------------------------------------------------------


def _tokens(text: str):
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "space":
            continue
        yield kind, match.group()


def _significant(tokens):
    for kind, value in tokens:
        if kind in ("line_comment", "block_comment"):
            continue
        yield kind, value


def _next_ident(tokens) -> str | None:
    for kind, value in _significant(tokens):
        if kind == "newline":
            continue
        return value if kind == "ident" else None
    return None


def _imports(tokens) -> list[str]:
    """Import paths of the import declarations that follow the package clause."""
    paths: list[str] = []
    significant = _significant(tokens)
    for kind, value in significant:
        if kind == "newline" or (kind == "punct" and value == ";"):
            continue
        if kind != "ident" or value != "import":
            break
        for kind, value in significant:
            if kind == "newline":
                continue
            if kind == "punct" and value == "(":
                paths += _import_block(significant)
            else:
                paths += _import_spec(kind, value, significant)
            break
    return paths


def _import_block(significant) -> list[str]:
    paths: list[str] = []
    for kind, value in significant:
        if kind == "punct" and value == ")":
            break
        if kind == "string":
            paths.append(_unquote(value))
    return paths


def _import_spec(kind: str, value: str, significant) -> list[str]:
    if kind == "string":
        return [_unquote(value)]
    for kind, value in significant:  # a name (`x`, `.`, `_`) comes before the path
        if kind == "string":
            return [_unquote(value)]
        if kind == "newline":
            break
    return []


def _unquote(literal: str) -> str:
    body = literal[1:-1]
    if literal[0] == '"' and "\\" in body:
        body = body.encode("utf-8").decode("unicode_escape")
    return body


# --- build constraints -------------------------------------------------------------------


def _tag(tag: str) -> bool:
    return tag in TRUE_TAGS or bool(RELEASE_TAG.match(tag))


def _filename_matches(filename: str) -> bool:
    """cmd/go's *_GOOS, *_GOARCH and *_GOOS_GOARCH name suffixes."""
    stem = filename.removesuffix(".go").removesuffix("_test")
    parts = stem.split("_")[1:]
    if len(parts) >= 2 and parts[-2] in KNOWN_GOOS and parts[-1] in KNOWN_GOARCH:
        return parts[-2] == GOOS and parts[-1] == GOARCH
    if parts and parts[-1] in KNOWN_GOOS:
        return parts[-1] == GOOS
    if parts and parts[-1] in KNOWN_GOARCH:
        return parts[-1] == GOARCH
    return True


def _plus_build(line: str) -> bool:
    """`// +build a,b c`: spaces are OR, commas AND, `!` negates."""
    options = line.removeprefix("+build").split()
    return any(
        all(not _tag(t[1:]) if t.startswith("!") else _tag(t) for t in option.split(","))
        for option in options
    )


_EXPR_TOKEN = re.compile(r"\s*(\|\||&&|!|\(|\)|[\w.]+)")


def _expression(expr: str) -> bool:
    """A //go:build expression (|| && ! parentheses and tags); a malformed one is false,
    as cmd/go then refuses the file."""
    tokens = _EXPR_TOKEN.findall(expr)
    if "".join(tokens) != "".join(expr.split()):
        return False
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def either() -> bool:
        value = both()
        while peek() == "||":
            take()
            value = both() or value
        return value

    def both() -> bool:
        value = unary()
        while peek() == "&&":
            take()
            value = unary() and value
        return value

    def unary() -> bool:
        token = take() if peek() is not None else ")"
        if token == "!":
            return not unary()
        if token == "(":
            value = either()
            if take() != ")":
                raise ValueError
            return value
        if token in ("||", "&&", ")"):
            raise ValueError
        return _tag(token)

    try:
        value = either()
    except (ValueError, IndexError):
        return False
    return value if position == len(tokens) else False
