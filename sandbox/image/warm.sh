#!/usr/bin/env bash
# Shared by build.sh (inside the debootstrapped root, via bwrap) and the
# Dockerfile (inside golang:1.26-bookworm), so both warm the build cache with
# the same commands and the same environment as graders/gotool.py uses.
#
#   warm.sh stage DEST WARM_DIR MODULE_DIR [HARNESS_DIR]   (any host; copies sources)
#   warm.sh run [SRC]      inside the root, as root: warm /opt/goconcur/gocache, then seal it
#   warm.sh verify [DIR]   inside a read-only root, as the sandbox user: time a job build
set -euo pipefail

GOROOT_DIR=/usr/local/go
OPT=/opt/goconcur
GOCACHE_DIR=$OPT/gocache
GOMOD_DIR=$OPT/gomod
CACHEPROG="$OPT/bin/cacheprog -ro $GOCACHE_DIR -rw /tmp/gocache"
# 2100-01-01: cmd/go only refreshes an entry's mtime when it is more than an
# hour in the past (markUsed in cmd/go/internal/cache/cache.go), and trimming
# only deletes entries older than five days, so a future mtime means the
# read-only cache is never written to and never trimmed.
FUTURE='2100-01-01 00:00:00 UTC'

log() { printf 'warm.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The exact environment of jobs (graders/gotool.py go_env), with the real cache.
go_env=(env -i
	"GOROOT=$GOROOT_DIR"
	"PATH=$GOROOT_DIR/bin:/usr/bin:/bin"
	HOME=/tmp
	GOPATH=/tmp/gopath
	"GOMODCACHE=$GOMOD_DIR"
	GOPROXY=off
	GOSUMDB=off
	GOTOOLCHAIN=local
	GOWORK=off
	GOFLAGS=-mod=readonly
)

now_ms() { date +%s%3N; }

# step LABEL CGO ARGS...: run one go command, print how long it took.
step() {
	local label=$1 cgo=$2 t0 rc=0
	shift 2
	t0=$(now_ms)
	"${go_env[@]}" GOCACHE=$GOCACHE_DIR CGO_ENABLED="$cgo" $GOROOT_DIR/bin/go "$@" || rc=$?
	log "$(printf '%-46s %6d ms%s' "$label" $(($(now_ms) - t0)) "$([ $rc = 0 ] || echo "  FAILED ($rc)")")"
	return $rc
}

cmd_stage() {
	[ $# -ge 3 ] || die "usage: warm.sh stage DEST WARM_DIR MODULE_DIR [HARNESS_DIR]"
	local dest=$1 warm=$2 module=$3 harness=${4:-} f n=0
	rm -rf "$dest"
	mkdir -p "$dest"
	cp -R "$warm"/. "$dest"/
	cp "$module/go.mod" "$module/go.sum" "$dest"/
	# Harness files are compiled too, so their imports are warm. Templates
	# ({{...}} placeholders) cannot compile and are left out.
	if [ -n "$harness" ] && [ -d "$harness" ]; then
		for f in "$harness"/*.go; do
			[ -f "$f" ] || continue
			if grep -q '{{' "$f"; then
				log "skipping template $(basename "$f")"
				continue
			fi
			cp "$f" "$dest/harness_$(basename "$f")"
			basename "$f" >>"$dest/.harness-files"
			n=$((n + 1))
		done
	fi
	log "staged $dest ($n harness file(s))"
}

# The package-level steps; harness files may break them, see cmd_run.
package_steps() {
	step "(c) go vet ." 0 vet . &&
		step "(d) go test -c" 0 test -c -o /work/bin/solution.test . &&
		step "(e) go test -c -race" 1 test -c -race -o /work/bin/solution.race.test .
}

cmd_run() {
	local src=${1:-/work/src} t0
	[ -f "$src/go.mod" ] || die "$src/go.mod missing: run 'warm.sh stage' first"
	[ -x $GOROOT_DIR/bin/go ] || die "no Go toolchain at $GOROOT_DIR"
	command -v gcc >/dev/null || die "gcc missing: -race needs cgo"
	mkdir -p $GOCACHE_DIR /work/bin
	cd "$src"
	t0=$(now_ms)
	step "(a) go build std" 0 build std
	step "(b) go build -race std" 1 build -race std
	if ! package_steps; then
		[ -s .harness-files ] || die "warming the package failed"
		# A harness file that does not compile on its own (it may need the
		# candidate's code) must not block the image: warm without it.
		log "WARNING: the package does not build with graders/harness files ($(tr '\n' ' ' <.harness-files)); warming without them"
		while read -r f; do rm -f "harness_$f"; done <.harness-files
		rm -f .harness-files
		package_steps || die "warming the package failed"
	fi
	step "(f) go build ./cmd/prog" 0 build -o /work/bin/prog ./cmd/prog
	step "(f) go build -race ./cmd/prog" 1 build -race -o /work/bin/prog.race ./cmd/prog
	# graders run compiled tests through pkg/tool/*/test2json, which release
	# toolchains no longer ship (cmd/go builds it on demand, uncached under
	# GOCACHEPROG): install it once.
	step "(g) install test2json into GOROOT" 0 build -o "$("${go_env[@]}" $GOROOT_DIR/bin/go env GOTOOLDIR)/test2json" cmd/test2json
	# Sanity check that the binaries run here (the race runtime needs gcc's libs).
	/work/bin/prog >/dev/null && /work/bin/prog.race >/dev/null
	"${go_env[@]}" /work/bin/solution.race.test -test.run='^TestWarm' -test.count=1 >/dev/null ||
		die "warm package tests fail under -race"
	log "warm builds took $(($(now_ms) - t0)) ms"
	seal
}

# seal leaves no job scratch behind and makes the caches read-only.
seal() {
	find /work -mindepth 1 -delete
	find /tmp -mindepth 1 -delete 2>/dev/null || true # a tmpfs under bwrap; a layer in Docker
	chown -R 0:0 $GOCACHE_DIR $GOMOD_DIR
	find $GOCACHE_DIR -type d -exec chmod 0755 {} +
	find $GOCACHE_DIR -type f -exec chmod 0644 {} +
	# Last, as chmod/chown do not touch mtimes: entries and trim.txt alike.
	find $GOCACHE_DIR -exec touch -h -d "$FUTURE" {} +
	chmod -R a+rX,a-w $GOMOD_DIR
	log "sealed $GOCACHE_DIR: $(find $GOCACHE_DIR -type f | wc -l) files, $(du -sh $GOCACHE_DIR | cut -f1)"
}

# verify builds a package the cache has never seen, as a job would, and fails
# if anything outside it gets compiled.
cmd_verify() {
	local dir=${1:-/work} src bin t0 ms label cgo rebuilt status=0 args
	src=$dir/src bin=$dir/bin
	mkdir -p "$src" "$bin"
	cp $OPT/template/go.mod $OPT/template/go.sum "$src"/
	cat >"$src/queue.go" <<-'EOF'
		package solution

		import "sync"

		// Queue is an unbounded FIFO safe for concurrent use.
		type Queue struct {
			mu    sync.Mutex
			items []int
		}

		func (q *Queue) Push(v int) { q.mu.Lock(); q.items = append(q.items, v); q.mu.Unlock() }

		func (q *Queue) Len() int { q.mu.Lock(); defer q.mu.Unlock(); return len(q.items) }
	EOF
	cat >"$src/queue_test.go" <<-'EOF'
		package solution

		import (
			"sync"
			"testing"

			"go.uber.org/goleak"
		)

		func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

		func TestQueue(t *testing.T) {
			var q Queue
			var wg sync.WaitGroup
			for i := range 10 {
				wg.Go(func() { q.Push(i) })
			}
			wg.Wait()
			if q.Len() != 10 {
				t.Fatal(q.Len())
			}
		}
	EOF
	cd "$src"
	for label in "(c) go vet" "(d) go test -c" "(e) go test -c -race"; do
		case $label in
		*vet) cgo=0 args=(vet -x .) ;;
		*race) cgo=1 args=(test -x -c -race -o "$bin/q.test" .) ;;
		*) cgo=0 args=(test -x -c -o "$bin/q.test" .) ;;
		esac
		t0=$(now_ms)
		# GOCACHE unset, as in graders/gotool.py: only the fuzz cache lives there.
		"${go_env[@]}" GOCACHEPROG="$CACHEPROG -stats" CGO_ENABLED=$cgo \
			$GOROOT_DIR/bin/go "${args[@]}" >"$dir/x.log" 2>&1 || {
			cat "$dir/x.log" >&2
			die "$label failed"
		}
		ms=$(($(now_ms) - t0))
		# Every compile names its package with -p; only ours may appear.
		rebuilt=$(grep -o '/compile .* -p [^ ]*' "$dir/x.log" | sed 's/.* -p //' |
			grep -v -x -e goconcur/solution -e main | sort -u | tr '\n' ' ' || true)
		log "$(printf 'verify %-22s %5d ms, compiled: %s; rebuilt outside the package: %s; %s' \
			"$label" "$ms" "$(grep -c '/compile ' "$dir/x.log" || true)" "${rebuilt:-none}" \
			"$(grep -o 'gets=.*' "$dir/x.log" || echo 'no cacheprog stats')")"
		[ -z "$rebuilt" ] || status=1
		[ "${args[0]}" = vet ] || "$bin/q.test" -test.count=1 >/dev/null || die "verify test binary failed"
		rm -rf /tmp/gocache # the next build starts from the image alone, like a new job
	done
	[ $status = 0 ] || die "the warm cache missed packages (see above)"
}

case ${1:-} in
stage) shift && cmd_stage "$@" ;;
run) shift && cmd_run "$@" ;;
verify) shift && cmd_verify "$@" ;;
*) die "usage: warm.sh stage|run|verify ..." ;;
esac
