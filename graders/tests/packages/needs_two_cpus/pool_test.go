package pool

import "testing"

func TestAtLeastTwoWorkers(t *testing.T) {
	if Size() < 2 {
		t.Fatalf("pool of %d workers, want at least 2", Size())
	}
}
