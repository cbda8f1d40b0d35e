package solution

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testPollUntil(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return cond()
}

func TestHiddenNoBeatAfterStop(t *testing.T) {
	for round := 0; round < 20; round++ {
		var calls atomic.Int64
		h := StartHeartbeat(100*time.Microsecond, func() { calls.Add(1) })
		if !testPollUntil(5*time.Second, func() bool { return calls.Load() >= 2 }) {
			h.Stop()
			t.Fatal("no beats within 5s at a 100µs interval")
		}
		h.Stop()
		n := calls.Load()
		time.Sleep(5 * time.Millisecond)
		if got := calls.Load(); got != n {
			t.Fatalf("round %d: beat called %d more times after Stop returned", round, got-n)
		}
		if got := h.Beats(); got != n {
			t.Fatalf("round %d: Beats() = %d, beat called %d times", round, got, n)
		}
	}
}

// Stop must not return while a beat is still running.
func TestHiddenStopWaitsForBeatInFlight(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	var running atomic.Int64
	h := StartHeartbeat(time.Millisecond, func() {
		running.Add(1)
		defer running.Add(-1)
		once.Do(func() { close(started) })
		<-release
	})
	<-started
	stopped := make(chan struct{})
	go func() { h.Stop(); close(stopped) }()
	select {
	case <-stopped:
		close(release)
		t.Fatal("Stop returned while a beat was still running")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("Stop did not return within 5s after the running beat finished")
	}
	if r := running.Load(); r != 0 {
		t.Fatalf("%d beats still running after Stop returned", r)
	}
	n := h.Beats()
	time.Sleep(10 * time.Millisecond)
	if got := h.Beats(); got != n {
		t.Fatalf("Beats went from %d to %d after Stop returned", n, got)
	}
}

// Stop is called again and again, from many goroutines: no panic, no hang.
func TestHiddenStopIsIdempotentAndConcurrent(t *testing.T) {
	h := StartHeartbeat(time.Millisecond, func() {})
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.Stop()
		}()
	}
	wg.Wait()
	h.Stop()
	h.Stop()
}

func TestHiddenManyHeartbeatsWithReaders(t *testing.T) {
	const n = 50
	hs := make([]*Heartbeat, n)
	counts := make([]atomic.Int64, n)
	for i := range hs {
		hs[i] = StartHeartbeat(time.Duration(100+i*10)*time.Microsecond, func() { counts[i].Add(1) })
	}
	// Readers poll Beats while the heartbeats tick.
	stopReaders := make(chan struct{})
	var readers sync.WaitGroup
	for r := 0; r < 4; r++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			last := make([]int64, n)
			for {
				select {
				case <-stopReaders:
					return
				default:
				}
				for i, h := range hs {
					b := h.Beats()
					if b < last[i] {
						panic("Beats went backwards")
					}
					last[i] = b
				}
				time.Sleep(50 * time.Microsecond)
			}
		}()
	}
	ok := testPollUntil(5*time.Second, func() bool {
		for _, h := range hs {
			if h.Beats() < 3 {
				return false
			}
		}
		return true
	})
	close(stopReaders)
	readers.Wait()
	var stops sync.WaitGroup
	for _, h := range hs {
		stops.Add(1)
		go func() { defer stops.Done(); h.Stop() }()
	}
	stops.Wait()
	if !ok {
		t.Fatal("some heartbeats did not reach 3 beats within 5s")
	}
	for i, h := range hs {
		if got, want := h.Beats(), counts[i].Load(); got != want {
			t.Fatalf("heartbeat %d: Beats() = %d, beat called %d times", i, got, want)
		}
	}
}

func TestHiddenStopBeforeFirstTick(t *testing.T) {
	called := make(chan struct{}, 1)
	h := StartHeartbeat(time.Hour, func() { called <- struct{}{} })
	done := make(chan struct{})
	go func() { h.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Stop on an idle heartbeat did not return within 5s")
	}
	if h.Beats() != 0 || len(called) != 0 {
		t.Fatal("beat ran although the first tick was an hour away")
	}
}
