"""Pure source handling before anything runs: refuse hostile input, find the expected
tests, instrument trusted test files, and render the grader-owned harness."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path

HARNESS_TEMPLATE = Path(__file__).parent / "harness" / "harness_test.go.tmpl"
MODULE_DIR = Path(__file__).resolve().parent.parent / "sandbox" / "image" / "module"
HARNESS_FILE = "zz_goconcur_harness_test.go"

# A Go test function: TestXxx where Xxx does not start with a lower-case letter.
TEST_FUNC = re.compile(
    r"^func (?P<name>Test(?![a-z])\w*)\((?P<param>\w+) \*testing\.T\) \{", re.MULTILINE
)
USER_TEST_MAIN = re.compile(r"^func TestMain\((?P<param>\w+) \*testing\.M\)", re.MULTILINE)
PACKAGE_CLAUSE = re.compile(r"^\s*package\s+(\w+)", re.MULTILINE)

# Imports and directives that reach outside the language's safety or read the grader's files.
FORBIDDEN_IMPORTS = {
    "C": 'import "C" (cgo)',
    "embed": 'import "embed"',
    "plugin": 'import "plugin"',
}
FORBIDDEN_CODE = (
    (re.compile(r"//go:linkname"), "//go:linkname"),
    (re.compile(r"//go:embed"), "//go:embed"),
    (re.compile(r"//go:cgo_"), "a //go:cgo_ directive"),
    (re.compile(r"\bsyscall\.Dup[23]?\b|\bunix\.Dup[23]?\b"), "redirecting file descriptors"),
    (re.compile(r"\bos\.(Stdout|Stderr)\s*=[^=]"), "replacing os.Stdout or os.Stderr"),
    (re.compile(r"\bgoconcur\w*"), "the reserved goconcur prefix"),
    (re.compile(r"^func\s+TestMain\b", re.MULTILINE), "declaring TestMain"),
)
IMPORT_SPEC = re.compile(
    r'^\s*import\s*(?:\((?P<block>[^)]*)\)|(?:[\w.]+\s+)?"(?P<one>[^"]*)")', re.MULTILINE
)
IMPORT_PATH = re.compile(r'"([^"]*)"')


class RejectedInput(ValueError):
    """The source is refused before it runs; the message says why, for the candidate."""


@dataclass(frozen=True, slots=True)
class PreparedPackage:
    files: dict[str, bytes]  # relative to the package directory
    expected_tests: tuple[str, ...]
    nonce: str
    instrumented: tuple[str, ...]  # tests whose outcome the harness records itself


def check_candidate_source(source: bytes, max_bytes: int) -> str:
    """The candidate's solution.go as text, or RejectedInput with a clear reason."""
    if len(source) > max_bytes:
        raise RejectedInput(f"source is {len(source)} bytes; the limit is {max_bytes} bytes")
    if not source.strip():
        raise RejectedInput("source is empty")
    if b"\x00" in source:
        raise RejectedInput("source contains a NUL byte")
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RejectedInput(f"source is not valid UTF-8 (byte {error.start})") from error
    package = PACKAGE_CLAUSE.search(strip_comments(text))
    if not package or package.group(1) != "solution":
        raise RejectedInput("solution.go must start with `package solution`")
    code = strip_comments(text, keep_directives=True)
    for path in imports(code):
        if path in FORBIDDEN_IMPORTS:
            raise RejectedInput(f"{FORBIDDEN_IMPORTS[path]} is not allowed in solutions")
    # Identifiers and directives only: a string may mention anything.
    bare = _blank_strings(code)
    for pattern, what in FORBIDDEN_CODE:
        if pattern.search(bare):
            raise RejectedInput(f"{what} is not allowed in solutions")
    return text


def imports(code: str) -> list[str]:
    """Import paths of comment-free Go source."""
    paths: list[str] = []
    for match in IMPORT_SPEC.finditer(code):
        if match.group("block") is not None:
            paths += IMPORT_PATH.findall(match.group("block"))
        else:
            paths.append(match.group("one"))
    return paths


def find_test_names(sources: list[str]) -> tuple[str, ...]:
    names: list[str] = []
    for source in sources:
        names += [m.group("name") for m in TEST_FUNC.finditer(source)]
    return tuple(dict.fromkeys(names))


def instrument_tests(source: str) -> str:
    """Insert the harness call as the first statement of each top-level test, on the same
    line so that line numbers in stacks stay true."""

    def track(match: re.Match[str]) -> str:
        param = match.group("param")
        if param == "_":
            return match.group(0).replace("(_ *testing.T)", "(goconcurT *testing.T)") + (
                " goconcurTrack(goconcurT);"
            )
        return match.group(0) + f" goconcurTrack({param});"

    return TEST_FUNC.sub(track, source)


def render_harness(package: str, nonce: str, *, user_main: bool) -> str:
    run = "goconcurUserTestMain(m)" if user_main else "m.Run()"
    text = HARNESS_TEMPLATE.read_text(encoding="utf-8")
    return text.replace("{{PACKAGE}}", package).replace("{{NONCE}}", nonce).replace("{{RUN}}", run)


def module_files() -> dict[str, bytes]:
    return {name: (MODULE_DIR / name).read_bytes() for name in ("go.mod", "go.sum")}


def prepare_package(
    package: str,
    sources: dict[str, bytes],
    test_files: dict[str, bytes],
    *,
    external_tests: dict[str, bytes] | None = None,
) -> PreparedPackage:
    """A package directory's files with instrumented tests and the harness added.

    `test_files` are internal tests (package `package`), instrumented so the harness records
    their outcome; `external_tests` (package `<package>_test`) are only run. When an external
    test file owns TestMain, the harness joins that package and wraps it instead."""
    nonce = secrets.token_hex(16)
    files = dict(sources)
    external = {n: c.decode("utf-8", errors="replace") for n, c in (external_tests or {}).items()}
    internal = {n: c.decode("utf-8", errors="replace") for n, c in test_files.items()}
    main_outside = any(USER_TEST_MAIN.search(text) for text in external.values())
    user_main = False
    for name, text in {**internal, **external}.items():
        if USER_TEST_MAIN.search(text):
            text = USER_TEST_MAIN.sub(r"func goconcurUserTestMain(\g<param> *testing.M)", text)
            if "os.Exit(" in text:
                # Hand the exit code back to the harness; keep the os import used.
                text = text.replace("os.Exit(", "goconcurExit(") + "\nvar _ = os.Exit\n"
            user_main = True
        if name in internal and not main_outside:
            text = instrument_tests(text)
        files[name] = text.encode()
    harness_package = f"{package}_test" if main_outside else package
    files[HARNESS_FILE] = render_harness(harness_package, nonce, user_main=user_main).encode()
    expected = find_test_names([*internal.values(), *external.values()])
    instrumented = () if main_outside else find_test_names(list(internal.values()))
    return PreparedPackage(files, expected, nonce, instrumented)


def strip_comments(text: str, *, keep_directives: bool = False) -> str:
    """Go source with comments blanked (string literals kept), so patterns see code only.
    With keep_directives, `//go:` lines stay: they are directives, not comments."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            if keep_directives and text.startswith("//go:", i):
                out.append(text[i:end])
            i = end
        elif c == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("\n" * text.count("\n", i, end))
            i = end
        elif c in "\"'`":
            end = _literal_end(text, i)
            out.append(text[i:end])
            i = end
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _blank_strings(code: str) -> str:
    """Comment-free code with the contents of string and rune literals removed."""
    out: list[str] = []
    i = 0
    while i < len(code):
        if code[i] in "\"'`" and not code.startswith("//go:", i):
            end = _literal_end(code, i)
            out.append(code[i] + "\n" * code.count("\n", i, end) + code[i])
            i = end
        elif code.startswith("//go:", i):
            end = code.find("\n", i)
            end = len(code) if end < 0 else end
            out.append(code[i:end])
            i = end
        else:
            out.append(code[i])
            i += 1
    return "".join(out)


def _literal_end(text: str, start: int) -> int:
    quote = text[start]
    i = start + 1
    while i < len(text):
        c = text[i]
        if c == "\\" and quote != "`":
            i += 2
            continue
        if c == quote or (c == "\n" and quote != "`"):
            return i + 1
        i += 1
    return len(text)
