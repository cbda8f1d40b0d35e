#!/usr/bin/env bash
# Re-captures every parser fixture from the Go generator programs beside it.
#
# Layout: <parser>/gen/<case>/ holds a tiny Go module (module goconcur/solution, files solution.go and
# solution_test.go, like a submission); <parser>/<case>.txt is its captured output (stdout and stderr).
# Files named forged_*.txt and truncated_*.txt are hand-made hostile inputs: this script never
# touches them.
#
# PATHS: each generator is copied into a fresh temporary directory before it is built, so the raw
# output holds absolute temporary paths (/tmp/tmp.XXXX/<case>/solution.go). The capture rewrites that
# directory to /work/src, where the sandbox builds candidate code (/work/src/solution.go), so the
# fixtures look like what the graders see in production. GOROOT paths (/usr/local/go/src/...),
# addresses, goroutine ids and timings are kept exactly as printed: tests assert parsed fields, and
# never compare whole raw files.
#
# Usage: graders/tests/testdata/regenerate.sh [<parser> ...]
#   GOCONCUR_SLOW_FIXTURES=1 also re-captures goroutines/timeout_minutes.txt, which needs a goroutine
#   blocked for over a minute (the runtime prints ", 1 minutes" only then); otherwise it is kept.
# Needs: go (1.26 for these fixtures), network access to the Go module proxy for goleak v1.3.0.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export GOTOOLCHAIN=local # capture with the Go on this host; fixtures record its formats
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PKG=goconcur/solution

# prep <parser> <case>: copies the generator into a fresh directory and prints its path.
prep() {
    local dir="$WORK/$1-$2"
    rm -rf "$dir"
    cp -R "$HERE/$1/gen/$2" "$dir"
    echo "$dir"
}

# normalise <dir>: stdin to stdout with the temporary module directory shown as /work/src.
normalise() {
    sed -e "s|$1|/work/src|g"
}

# capture <parser> <case> <file> <command...>: runs the command inside the prepared copy of the
# generator and stores its combined output as <parser>/<file>.txt. A non-zero exit is expected for
# most cases (failures, panics, races), so it is ignored.
capture() {
    local parser="$1" case="$2" out="$3"
    shift 3
    local dir
    dir="$(prep "$parser" "$case")"
    (cd "$dir" && "$@") >"$WORK/raw.txt" 2>&1 || true
    normalise "$dir" <"$WORK/raw.txt" >"$HERE/$parser/$out.txt"
    echo "captured $parser/$out.txt"
}

# capture_until <text> <parser> <case> <file> <command...>: capture, again until the output holds
# text (at most 30 tries), for states a run shows only some of the time.
capture_until() {
    local text="$1" try
    shift
    for try in $(seq 30); do
        capture "$@" >/dev/null
        if grep -qF "$text" "$HERE/$1/$3.txt"; then
            echo "captured $1/$3.txt (try $try)"
            return
        fi
    done
    echo "$1/$3.txt: never showed $text" >&2
    return 1
}

# Helpers run inside the copied module directory.
testbin() { # testbin [-race] [VAR=value ...] flags...: builds solution.test, runs it with flags
    local build=() envs=()
    if [[ "${1:-}" == "-race" ]]; then build=(-race); shift; fi
    while [[ "${1:-}" == *=* && "${1:-}" != -* ]]; do envs+=("$1"); shift; done
    go test "${build[@]}" -c -o solution.test . && env "${envs[@]}" ./solution.test "$@"
}
test2json() { # test2json [-race] flags...: the test binary piped to `go tool test2json -t`;
    # its stderr shares the pipe, as with `go test -json`
    local build=()
    if [[ "${1:-}" == "-race" ]]; then build=(-race); shift; fi
    go test "${build[@]}" -c -o solution.test . && ./solution.test -test.v=test2json "$@" 2>&1 \
        | go tool test2json -t -p "$PKG"
}
test2json_split_stderr() { # as above, but stderr bypasses test2json and interleaves as raw lines
    go test -c -o solution.test . && { ./solution.test -test.v=test2json "$@" \
        | go tool test2json -t -p "$PKG"; } 2>&1
}
runbin() { # builds the main package and runs it
    go build -o solution.bin . && ./solution.bin
}

want() { # want <parser>: true when every parser is wanted or this one was named
    [[ ${#SELECTED[@]} -eq 0 ]] && return 0
    local p
    for p in "${SELECTED[@]}"; do [[ "$p" == "$1" ]] && return 0; done
    return 1
}
SELECTED=("$@")

if want gotest_json; then
    capture gotest_json mixed mixed test2json
    capture gotest_json count count test2json -test.count=3 -test.cpu=1,2
    capture gotest_json timeout timeout test2json_split_stderr -test.timeout=2s
    capture gotest_json panic panic test2json
    capture gotest_json build_fail build_fail go test -json .
fi

if want compiler; then
    capture compiler build_errors build_errors go build .
    capture compiler test_c test_c go test -c -o solution.test .
    capture compiler too_many too_many go build .
    capture compiler vet vet go vet .
    capture compiler vet_typecheck vet_typecheck go vet .
fi

if want goroutines; then
    capture goroutines timeout timeout testbin -test.timeout=2s
    capture goroutines timeout timeout_system testbin GOTRACEBACK=system -test.timeout=2s
    capture goroutines spinning timeout_spinning testbin -test.timeout=2s
    # without async preemption the loop keeps its thread: "stack unavailable"
    capture goroutines spinning timeout_spinning_unavailable testbin GODEBUG=asyncpreemptoff=1 \
        -test.timeout=2s
    capture_until "[stopping the world]" goroutines snapshotting timeout_stopping_the_world \
        testbin -test.timeout=1s
    capture goroutines timeout timeout_ancestors testbin GODEBUG=tracebackancestors=3 \
        -test.timeout=2s
    if [[ "${GOCONCUR_SLOW_FIXTURES:-}" == "1" ]]; then
        capture goroutines timeout timeout_minutes testbin -test.timeout=65s
    fi
    capture goroutines deadlock deadlock runbin
    capture goroutines concurrent_map_writes concurrent_map_writes runbin
    capture goroutines nil_map nil_map runbin
    capture goroutines nil_deref nil_deref runbin
    capture goroutines panic_crowd panic_crowd testbin GOTRACEBACK=all
    capture_until "sync.Mutex.Lock" goroutines lock_order timeout_lock_order testbin -test.timeout=2s
    capture goroutines goleak goleak testbin
    capture goroutines goleak_verify goleak_verify testbin -test.v
fi

if want race; then
    capture race counter counter testbin -race -test.v
    capture race counter json_counter test2json -race
    capture race slice slice testbin -race
    capture race closure closure testbin -race
    capture race finished finished testbin -race -test.v
    capture_until "WARNING: DATA RACE" race waitgroup_add waitgroup_add testbin -race
    capture race main_goroutine main_goroutine bash -c \
        'go build -race -o solution.bin . && ./solution.bin'
fi

if want bench; then
    capture bench bench basic go test -run '^$' -bench . -benchmem -benchtime=2000x -count=2 -cpu=2 .
    capture bench bench procs go test -run '^$' -bench . -benchmem -benchtime=2000x -cpu=1,2 .
    capture bench bench json go test -json -run '^$' -bench . -benchmem -benchtime=2000x -cpu=2 .
fi
