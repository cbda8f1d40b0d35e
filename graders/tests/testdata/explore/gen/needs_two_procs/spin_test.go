package spin

import "testing"

// A test that demands two CPUs: it fails at GOMAXPROCS=1, on its first run in the process.
func TestNeedsTwo(t *testing.T) {
	if Parallelism() < 2 {
		t.Fatalf("want at least 2 procs, have %d", Parallelism())
	}
}
