"""`go test -bench . -benchmem` output, plain or inside test2json events.

    goos: linux                                   <- headers, repeated per package
    pkg: goconcur/solution
    BenchmarkJoin/size=10-2    2000    248.4 ns/op    56 B/op    3 allocs/op
    BenchmarkCounter-2         2000    12.94 ns/op    618.05 MB/s    1.000 items/op    0 B/op ...
    BenchmarkJoin/size=10      2000    136.1 ns/op    <- GOMAXPROCS=1: no "-N" suffix

test2json may split one result over two events ("BenchmarkX-2 \\t" then "2000\\t..."), so events
are joined back into text before reading lines. With -v or -json, a bare "BenchmarkJoin" line
announces each benchmark: it is recognised and skipped.

The "-N" suffix is read as GOMAXPROCS whenever the name ends in "-<digits>"; a sub-benchmark
named like "n-4" run with GOMAXPROCS=1 is therefore misread, as benchstat would.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from graders.parsers.gotest_json import join_output

__all__ = ["BenchOutput", "BenchSample", "parse_bench_output"]


@dataclass(frozen=True, slots=True)
class BenchSample:
    name: str  # without the "-N" GOMAXPROCS suffix: "BenchmarkJoin/size=10"
    procs: int  # GOMAXPROCS from the suffix; 1 when there is none
    iterations: int
    ns_op: float
    b_op: float | None  # with -benchmem or b.ReportAllocs
    allocs_op: float | None
    metrics: dict[str, float]  # every other unit: {"MB/s": 618.05, "items/op": 1.0}
    pkg: str | None  # the last "pkg:" header before it
    raw: str


@dataclass(frozen=True, slots=True)
class BenchOutput:
    samples: tuple[BenchSample, ...]
    goos: str | None
    goarch: str | None
    pkg: str | None
    cpu: str | None
    unparsed: tuple[str, ...]  # lines neither results, headers nor go test's own framing

    def by_name(self) -> dict[str, list[BenchSample]]:
        grouped: dict[str, list[BenchSample]] = {}
        for sample in self.samples:
            grouped.setdefault(sample.name, []).append(sample)
        return grouped


_PROCS = re.compile(r"^(.+)-(\d{1,6})$")
_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$")
_ITERATIONS = re.compile(r"^[0-9]{1,18}$")
_HEADERS = ("goos", "goarch", "pkg", "cpu")
# go test's own lines around results: not worth reporting as unparsed.
_FRAMING = re.compile(
    r"^(?:PASS|FAIL|ok\s|FAIL\s|=== (?:RUN|PAUSE|CONT|NAME)\s|--- (?:PASS|FAIL|SKIP|BENCH):\s|"
    r"testing: warning: no tests to run|\?\s)"
)


def _sample(line: str, pkg: str | None) -> BenchSample | None:
    fields = line.split()
    if len(fields) < 4 or len(fields) % 2 != 0 or not _ITERATIONS.match(fields[1]):
        return None
    name, procs = fields[0], 1
    suffix = _PROCS.match(name)
    if suffix:
        name, procs = suffix.group(1), int(suffix.group(2))
    values: dict[str, float] = {}
    for index in range(2, len(fields), 2):
        text, unit = fields[index], fields[index + 1]
        if not _NUMBER.match(text):
            return None
        value = float(text)
        if not math.isfinite(value) or unit in values:
            return None
        values[unit] = value
    ns_op = values.pop("ns/op", None)
    if ns_op is None:
        return None
    return BenchSample(
        name=name,
        procs=procs,
        iterations=int(fields[1]),
        ns_op=ns_op,
        b_op=values.pop("B/op", None),
        allocs_op=values.pop("allocs/op", None),
        metrics=values,
        pkg=pkg,
        raw=line,
    )


def parse_bench_output(text: str) -> BenchOutput:
    samples: list[BenchSample] = []
    headers: dict[str, str] = {}
    unparsed: list[str] = []
    for line in join_output(text).split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        key, separator, value = stripped.partition(": ")
        if separator and key in _HEADERS:
            headers[key] = value.strip()
            continue
        if stripped.startswith("Benchmark"):
            if len(stripped.split()) == 1:
                continue  # "BenchmarkJoin": announced before its result under -v / -json
            sample = _sample(stripped, headers.get("pkg"))
            if sample is not None:
                samples.append(sample)
                continue
        elif _FRAMING.match(stripped):
            continue
        unparsed.append(line)
    return BenchOutput(
        samples=tuple(samples),
        goos=headers.get("goos"),
        goarch=headers.get("goarch"),
        pkg=headers.get("pkg"),
        cpu=headers.get("cpu"),
        unparsed=tuple(unparsed),
    )
