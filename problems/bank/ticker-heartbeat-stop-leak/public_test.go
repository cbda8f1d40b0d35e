package solution

import (
	"sync/atomic"
	"testing"
	"time"
)

// testEventually polls cond every millisecond for up to d.
func testEventually(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return cond()
}

func TestExampleBeatsThenStops(t *testing.T) {
	var calls atomic.Int64
	h := StartHeartbeat(time.Millisecond, func() { calls.Add(1) })
	if !testEventually(5*time.Second, func() bool { return h.Beats() >= 3 }) {
		h.Stop()
		t.Fatalf("after 5s only %d beats at a 1ms interval", h.Beats())
	}
	h.Stop()
	n := h.Beats()
	time.Sleep(20 * time.Millisecond)
	if got := h.Beats(); got != n {
		t.Fatalf("Beats went from %d to %d after Stop returned", n, got)
	}
	if got := calls.Load(); got != n {
		t.Fatalf("beat was called %d times but Beats() = %d", got, n)
	}
}

func TestExampleStopTwice(t *testing.T) {
	h := StartHeartbeat(time.Hour, func() {})
	h.Stop()
	h.Stop() // must neither panic nor block
	if got := h.Beats(); got != 0 {
		t.Fatalf("Beats() = %d before the first tick; want 0", got)
	}
}
