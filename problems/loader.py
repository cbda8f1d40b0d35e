"""Reads a bank folder (`problems/bank/<slug>/`) into plain dataclasses. No Django.

The folder format is documented in `problems/README.md`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from graders.request import (
    GradeRequest,
    InvalidOption,
    Mode,
    ProblemLimits,
    SourceFile,
    Weights,
)
from graders.verdicts import Verdict

KINDS = ("implement", "fix", "quiz")
DIFFICULTIES = ("easy", "medium", "hard")
LANGUAGES = ("en", "zh")


class ProblemFormatError(ValueError):
    """The folder does not follow the bank format; the message says where."""


@dataclass(frozen=True, slots=True)
class Text:
    en: str
    zh: str

    def get(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


@dataclass(frozen=True, slots=True)
class FollowUp:
    question: Text
    answer: Text


@dataclass(frozen=True, slots=True)
class Mutant:
    name: str  # file stem, e.g. "leak_unclosed_results"
    expected: Verdict
    source: str
    why: str  # the first-line "// mutant: ..." comment


@dataclass(frozen=True, slots=True)
class SeedRef:
    file: str
    section: str


@dataclass(frozen=True, slots=True)
class QuizChoice:
    id: str
    text: Text


@dataclass(frozen=True, slots=True)
class Quiz:
    question: Text
    program: str
    choices: tuple[QuizChoice, ...]
    answer: str
    verify: str  # output | deadlock | race | none
    expected_output: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    slug: str
    path: Path
    kind: str
    difficulty: str
    title: Text
    topics: tuple[str, ...]
    seeds: tuple[SeedRef, ...]
    statement: Text
    editorial: Text
    hints: tuple[Text, ...]
    followups: tuple[FollowUp, ...]
    limits: ProblemLimits = field(default_factory=ProblemLimits)
    weights: Weights = field(default_factory=Weights)
    accepts_starter: bool = False
    starter: str = ""
    reference: str = ""
    public_tests: str = ""
    hidden_tests: str = ""
    bench_tests: str = ""
    mutants: tuple[Mutant, ...] = ()
    quiz: Quiz | None = None

    @property
    def is_coding(self) -> bool:
        return self.kind != "quiz"

    def grade_request(self, source: bytes, mode: Mode = Mode.SUBMIT) -> GradeRequest:
        """The engine's request for `source` standing in for solution.go."""
        tests = [SourceFile("public_test.go", self.public_tests.encode())]
        if mode is Mode.SUBMIT:
            tests.append(SourceFile("hidden_test.go", self.hidden_tests.encode()))
        benches: tuple[SourceFile, ...] = ()
        if mode is Mode.SUBMIT and self.bench_tests:
            benches = (SourceFile("bench_test.go", self.bench_tests.encode()),)
        return GradeRequest(
            candidate_source=source,
            test_files=tuple(tests),
            bench_files=benches,
            reference_source=self.reference.encode() if benches else None,
            mode=mode,
            limits=self.limits,
            weights=self.weights,
        )


def load_problem(path: str | Path) -> Problem:
    root = Path(path)
    meta = _read_toml(root / "problem.toml")
    slug = str(meta.get("slug") or root.name)
    kind = _choice(meta, "kind", KINDS, root)
    problem = Problem(
        slug=slug,
        path=root,
        kind=kind,
        difficulty=_choice(meta, "difficulty", DIFFICULTIES, root),
        title=_text(meta.get("title"), f"{root}: title"),
        topics=tuple(str(topic) for topic in meta.get("topics", ())),
        seeds=tuple(
            SeedRef(str(seed.get("file", "")), str(seed.get("section", "")))
            for seed in meta.get("seeds", ())
        ),
        statement=_text_files(root, "statement"),
        editorial=_text_files(root, "editorial"),
        hints=tuple(_text(hint, f"{root}: hint") for hint in meta.get("hints", ())),
        followups=tuple(
            FollowUp(
                _text(item.get("question"), f"{root}: follow-up question"),
                _text(item.get("answer"), f"{root}: follow-up answer"),
            )
            for item in meta.get("followups", ())
        ),
        limits=_dataclass_from(ProblemLimits, meta.get("limits", {}), root),
        weights=_dataclass_from(Weights, meta.get("weights", {}), root),
        accepts_starter=bool(meta.get("accepts_starter", False)),
    )
    if kind == "quiz":
        return _with_quiz(problem, meta, root)
    return _with_code(problem, root)


def load_bank(root: str | Path) -> list[Problem]:
    """Every item folder under `root`, sorted by slug."""
    folders = sorted(p for p in Path(root).iterdir() if (p / "problem.toml").is_file())
    return [load_problem(folder) for folder in folders]


def parse_mutant_label(stem: str) -> Verdict | None:
    """The longest verdict value that prefixes the file stem: `wrong_answer_x` -> wrong_answer."""
    matches = [v for v in Verdict if stem == v.value or stem.startswith(v.value + "_")]
    return max(matches, key=lambda v: len(v.value)) if matches else None


def _with_code(problem: Problem, root: Path) -> Problem:
    mutants = []
    for path in sorted((root / "mutants").glob("*.go")):
        verdict = parse_mutant_label(path.stem)
        if verdict is None:
            raise ProblemFormatError(f"{path}: name must start with a verdict, e.g. leak_...")
        source = path.read_text(encoding="utf-8")
        first = source.lstrip().splitlines()[0] if source.strip() else ""
        why = first.removeprefix("//").strip().removeprefix("mutant:").strip()
        mutants.append(Mutant(path.stem, verdict, source, why))
    return replace(
        problem,
        starter=_read(root / "starter.go"),
        reference=_read(root / "reference.go"),
        public_tests=_read(root / "public_test.go"),
        hidden_tests=_read(root / "hidden_test.go"),
        bench_tests=_read(root / "bench_test.go", required=False),
        mutants=tuple(mutants),
    )


def _with_quiz(problem: Problem, meta: dict, root: Path) -> Problem:
    table = meta.get("quiz")
    if not isinstance(table, dict):
        raise ProblemFormatError(f"{root}: a quiz needs a [quiz] table")
    choices = tuple(
        QuizChoice(str(choice.get("id", "")), _text(choice, f"{root}: quiz choice"))
        for choice in table.get("choices", ())
    )
    quiz = Quiz(
        question=_text(table.get("question"), f"{root}: quiz question"),
        program=_read(root / str(table.get("program", "program.go"))),
        choices=choices,
        answer=str(table.get("answer", "")),
        verify=str(table.get("verify", "none")),
        expected_output=str(table.get("expected_output", "")),
    )
    if quiz.answer not in {choice.id for choice in choices}:
        raise ProblemFormatError(f"{root}: quiz answer {quiz.answer!r} is not one of the choices")
    return replace(problem, quiz=quiz)


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as error:
        raise ProblemFormatError(f"{path}: missing") from error
    except tomllib.TOMLDecodeError as error:
        raise ProblemFormatError(f"{path}: {error}") from error


def _read(path: Path, *, required: bool = True) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        if required:
            raise ProblemFormatError(f"{path}: missing") from error
        return ""


def _text(value: object, where: str) -> Text:
    if not isinstance(value, dict):
        raise ProblemFormatError(f"{where}: needs en and zh")
    missing = [lang for lang in LANGUAGES if not str(value.get(lang, "")).strip()]
    if missing:
        raise ProblemFormatError(f"{where}: missing {', '.join(missing)}")
    return Text(en=str(value["en"]), zh=str(value["zh"]))


def _text_files(root: Path, stem: str) -> Text:
    return Text(en=_read(root / f"{stem}.en.md"), zh=_read(root / f"{stem}.zh.md"))


def _choice(meta: dict, key: str, allowed: tuple[str, ...], root: Path) -> str:
    value = str(meta.get(key, ""))
    if value not in allowed:
        raise ProblemFormatError(f"{root}: {key} must be one of {', '.join(allowed)}")
    return value


def _dataclass_from(cls: type, values: dict, root: Path):
    known = set(cls.__dataclass_fields__)
    unknown = set(values) - known
    if unknown:
        raise ProblemFormatError(f"{root}: unknown {cls.__name__} keys: {sorted(unknown)}")
    try:
        return cls(**values)
    except InvalidOption as error:
        raise ProblemFormatError(f"{root}: {error}") from error
