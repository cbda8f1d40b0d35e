"""Schedule exploration: detection against cost on the intermittent-bug corpus
(graders/tests/corpus/intermittent/, written for this purpose, never tuned to the bank).

For every case, `check` grades it with the exploration budget at each of --budgets (0 is the
engine without exploration: one plain run with a leak check, then the race runs), and, for
comparison, the naive loop the engine issue measured: `go test -count=100` with goleak's
VerifyTestMain and a 30 s timeout, then the same with -race, run bare on the host.
Printed: the detection rate per class (blocking, non-blocking), false positives on the
known-correct look-alikes, and the wall time per check. No assertions: the machine is shared.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graders import GradeOptions, check
from graders.request import EngineSettings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "graders" / "tests" / "corpus" / "intermittent"
CLASSES = ("blocking", "nonblocking", "correct")
PACKAGE = re.compile(r"^package\s+(\w+)", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    label: str  # blocking | nonblocking | correct


@dataclass(frozen=True)
class Outcome:
    case: Case
    config: str
    verdict: str
    seconds: float

    @property
    def flagged(self) -> bool:
        return self.verdict not in ("accepted", "system_error")

    @property
    def right(self) -> bool:
        return self.flagged == (self.case.label != "correct")


def load_cases(only: str = "") -> list[Case]:
    cases = []
    for path in sorted(CORPUS.iterdir()):
        if (path / "expected.toml").is_file() and path.name.startswith(only):
            label = tomllib.loads((path / "expected.toml").read_text())["label"]
            cases.append(Case(path.name, path, label))
    return cases


def engine(case: Case, budget: float, settings: EngineSettings) -> Outcome:
    started = time.monotonic()
    options = GradeOptions(run_benchmarks=False, explore_seconds=budget)
    result = check(str(case.path), options, settings)
    outcome = Outcome(
        case, f"explore {budget:g}s", result.verdict.value, time.monotonic() - started
    )
    if not outcome.right:
        print(f"  {case.name} at {budget:g}s: {result.message[:300]}", flush=True)
    return outcome


def naive_loop(case: Case, rootfs: str) -> Outcome:
    """100 runs of each test in one process, goleak at the end, 30 s; then, except for the
    blocking cases (the issue measured those with the plain loop), the same under -race."""
    started = time.monotonic()
    env = {"PATH": "/usr/local/go/bin:/usr/bin:/bin", "HOME": "/tmp", "GOPROXY": "off",
           "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "CGO_ENABLED": "1",
           "GOMODCACHE": f"{rootfs}/opt/goconcur/gomod"}  # fmt: skip
    verdict = "accepted"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / case.name
        shutil.copytree(case.path, work)
        test = next(work.glob("*_test.go")).read_text()
        package = PACKAGE.search(test).group(1)  # type: ignore[union-attr]
        (work / "zz_leak_main_test.go").write_text(
            f'package {package}\n\nimport (\n\t"testing"\n\n\t"go.uber.org/goleak"\n)\n\n'
            "func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }\n"
        )
        loops = [(["-count=100"], "fail"), (["-race", "-count=100"], "race_fail")]
        if case.label == "blocking":
            loops = loops[:1]  # as the issue measured: the plain loop for blocking bugs
        for flags, label in loops:
            try:
                run = subprocess.run(["go", "test", *flags, "-timeout=30s", "."], cwd=work, env=env,
                                     capture_output=True, timeout=90)  # fmt: skip
                failed = run.returncode != 0
            except subprocess.TimeoutExpired:
                failed = True
            if failed:
                verdict = label
                break
    return Outcome(case, "naive loop", verdict, time.monotonic() - started)


def summarise(outcomes: list[Outcome], configs: list[str]) -> list[str]:
    head = ("| configuration | blocking found | non-blocking found | false positives (correct "
            "flagged) | seconds per check (median / mean) |")  # fmt: skip
    lines = ["", head, "|---|---|---|---|---|"]
    for config in configs:
        mine = [o for o in outcomes if o.config == config]
        cells = []
        for label in CLASSES:
            group = [o for o in mine if o.case.label == label]
            flagged = sum(o.flagged for o in group)
            cells.append(f"{flagged} of {len(group)}")
        times = [o.seconds for o in mine]
        timing = f"{statistics.median(times):.1f} / {statistics.mean(times):.1f}" if times else "-"
        lines.append(f"| {config} | {cells[0]} | {cells[1]} | {cells[2]} | {timing} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--budgets", default="0,2,4,8", help="exploration seconds to compare")
    parser.add_argument("--cases", default="", help="only cases whose name starts with this")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive host loop")
    parser.add_argument("--backend", choices=["auto", "docker", "bwrap"])
    args = parser.parse_args()
    settings = EngineSettings.from_env()
    if args.backend:
        settings = replace(settings, backend=args.backend)
    budgets = [float(b) for b in args.budgets.split(",") if b.strip()]
    cases = load_cases(args.cases)
    configs = [f"explore {b:g}s" for b in budgets] + ([] if args.no_naive else ["naive loop"])
    print(f"== schedule exploration on {len(cases)} corpus cases "
          f"({', '.join(f'{sum(c.label == k for c in cases)} {k}' for k in CLASSES)})")  # fmt: skip
    outcomes: list[Outcome] = []
    for case in cases:
        row = [engine(case, budget, settings) for budget in budgets]
        if not args.no_naive:
            row.append(naive_loop(case, settings.rootfs))
        outcomes += row
        cells = "  ".join(f"{o.verdict:>13} {o.seconds:5.1f}s{'' if o.right else '!'}" for o in row)
        print(f"{case.name:32} {case.label:11} {cells}", flush=True)
    print("\n".join(summarise(outcomes, configs)))
    print("('!' marks a wrong call: a bug not flagged, or a correct case flagged)")


if __name__ == "__main__":
    main()
