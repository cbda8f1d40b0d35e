"""parse_bench_output over real `go test -bench . -benchmem` output (testdata/bench)."""

from __future__ import annotations

import random
from pathlib import Path

from graders.parsers.bench import BenchOutput, parse_bench_output

TESTDATA = Path(__file__).parent / "testdata" / "bench"


def read(case: str) -> str:
    return (TESTDATA / f"{case}.txt").read_text(encoding="utf-8", errors="replace")


def test_plain_output() -> None:
    output = parse_bench_output(read("basic"))  # -count=2 -cpu=2
    assert (output.goos, output.goarch, output.pkg) == ("linux", "amd64", "goconcur/solution")
    assert output.cpu
    assert output.unparsed == ()
    names = [s.name for s in output.samples]
    assert names == [
        "BenchmarkJoin/size=10",
        "BenchmarkJoin/size=10",
        "BenchmarkJoin/size=100",
        "BenchmarkJoin/size=100",
        "BenchmarkCounter",
        "BenchmarkCounter",
        "BenchmarkNoAllocs",
        "BenchmarkNoAllocs",
    ]
    assert all(s.procs == 2 and s.iterations == 2000 for s in output.samples)
    assert all(s.ns_op > 0 and s.pkg == "goconcur/solution" for s in output.samples)
    grouped = output.by_name()
    assert [(s.b_op, s.allocs_op) for s in grouped["BenchmarkJoin/size=10"]] == [(56, 3), (56, 3)]
    assert [(s.b_op, s.allocs_op) for s in grouped["BenchmarkJoin/size=100"]] == [(504, 6)] * 2
    assert grouped["BenchmarkNoAllocs"][0].metrics == {}


def test_custom_metrics() -> None:
    counter = parse_bench_output(read("basic")).by_name()["BenchmarkCounter"]
    for sample in counter:
        assert set(sample.metrics) == {"MB/s", "items/op"}
        assert sample.metrics["items/op"] == 1.0
        # b.SetBytes(8): MB/s is 8 bytes per op over the time per op.
        assert abs(sample.metrics["MB/s"] - 8e3 / sample.ns_op) / sample.metrics["MB/s"] < 0.01
        assert (sample.b_op, sample.allocs_op) == (0, 0)


def test_gomaxprocs_one_has_no_suffix() -> None:
    output = parse_bench_output(read("procs"))  # -cpu=1,2
    assert [(s.name, s.procs) for s in output.samples[:2]] == [
        ("BenchmarkJoin/size=10", 1),
        ("BenchmarkJoin/size=10", 2),
    ]
    assert [s.procs for s in output.samples] == [1, 2] * 4
    assert output.samples[0].raw.startswith("BenchmarkJoin/size=10 ")


def test_test2json_events() -> None:
    output = parse_bench_output(read("json"))
    assert output.unparsed == ()
    assert output.pkg == "goconcur/solution"
    # test2json split "BenchmarkJoin/size=100-2 \t" and its numbers over two events.
    assert [s.name for s in output.samples] == [
        "BenchmarkJoin/size=10",
        "BenchmarkJoin/size=100",
        "BenchmarkCounter",
        "BenchmarkNoAllocs",
    ]
    big = output.samples[1]
    assert (big.procs, big.iterations, big.b_op, big.allocs_op) == (2, 2000, 504, 6)


# ---- hostile input -------------------------------------------------------------------------


def test_forged_lines() -> None:
    output = parse_bench_output(read("forged_bench"))
    samples = {s.name: s for s in output.samples}
    assert set(samples) == {"BenchmarkNoMem", "BenchmarkBig-99999999"}
    plain = samples["BenchmarkNoMem"]
    assert (plain.procs, plain.ns_op, plain.b_op, plain.allocs_op) == (4, 10.5, None, None)
    # A suffix too long for GOMAXPROCS stays part of the name.
    assert samples["BenchmarkBig-99999999"].procs == 1
    unparsed = "\n".join(output.unparsed)
    for name in ("NaN", "Inf", "Huge", "Odd", "NoNs", "Dup", "Iters", "Neg", "Spaces"):
        assert f"Benchmark{name}" in unparsed, name
    assert "random program output" in unparsed
    assert "a benchmark log line" in unparsed


def test_truncated_line() -> None:
    output = parse_bench_output(read("truncated_basic"))
    assert len(output.samples) == 4
    assert output.unparsed == ("BenchmarkCounter-2              \t    2000\t        1",)


def test_binary_junk_and_random_text() -> None:
    data = (TESTDATA.parent / "goroutines" / "forged_binary.txt").read_bytes()
    for text in (data.decode("utf-8", "replace"), data.decode("latin-1")):
        assert isinstance(parse_bench_output(text), BenchOutput)
    rng = random.Random(13)
    for _ in range(300):
        words = ["Benchmark", "X-2", "1000", "1.5", "ns/op", "B/op", "\t", " ", "\n", "1e5", "-"]
        parse_bench_output("".join(rng.choice(words) for _ in range(rng.randrange(40))))
    parse_bench_output("BenchmarkX-" + "1" * 100_000 + " 1 1 ns/op")
    parse_bench_output("BenchmarkX " + "1" * 5000 + " 1 ns/op")


def test_every_prefix_parses() -> None:
    text = read("json")
    for end in range(0, len(text), 53):
        parse_bench_output(text[:end])
