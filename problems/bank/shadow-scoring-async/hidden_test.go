package solution

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestHiddenSamplingSequential(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	shadow := func(ctx context.Context, txID string) (float64, error) {
		mu.Lock()
		seen = append(seen, txID)
		mu.Unlock()
		return 0.5, nil
	}
	s := NewShadow(testConst(0.5), shadow, 10, 100, time.Second, func(Diff) {})
	for i := range 100 {
		s.Score(context.Background(), fmt.Sprint("tx", i))
	}
	s.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 10 {
		t.Fatalf("shadow called %d times for 100 calls with sampleEvery=10, want 10", len(seen))
	}
	for _, want := range []string{"tx0", "tx10", "tx90"} {
		found := false
		for _, id := range seen {
			found = found || id == want
		}
		if !found {
			t.Fatalf("calls 1, 11, ..., 91 are sampled: %s missing from %v", want, seen)
		}
	}
	if sampled, dropped := s.Stats(); sampled != 10 || dropped != 0 {
		t.Fatalf("Stats() = %d, %d; want 10, 0", sampled, dropped)
	}
}

func TestHiddenSamplingConcurrent(t *testing.T) {
	var shadowCalls atomic.Int32
	shadow := func(ctx context.Context, txID string) (float64, error) {
		shadowCalls.Add(1)
		return 1, nil
	}
	var diffs testDiffs
	s := NewShadow(testConst(0), shadow, 4, 1000, time.Second, diffs.add)
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				if v, err := s.Score(context.Background(), fmt.Sprint(g, "-", i)); v != 0 || err != nil {
					t.Errorf("Score = %v, %v", v, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	s.Close()
	if n := shadowCalls.Load(); n != 200 {
		t.Fatalf("shadow called %d times for 800 calls with sampleEvery=4, want 200", n)
	}
	if n := len(diffs.list()); n != 200 {
		t.Fatalf("%d diffs reported, want 200", n)
	}
	if sampled, dropped := s.Stats(); sampled != 200 || dropped != 0 {
		t.Fatalf("Stats() = %d, %d; want 200, 0", sampled, dropped)
	}
}

type testTraceKey struct{}

func TestHiddenShadowOutlivesTheRequest(t *testing.T) {
	var diffs testDiffs
	var sawTrace atomic.Value
	shadow := func(ctx context.Context, txID string) (float64, error) {
		sawTrace.Store(fmt.Sprint(ctx.Value(testTraceKey{})))
		select {
		case <-time.After(10 * time.Millisecond): // slower than the request
			return 0.8, nil
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	s := NewShadow(testConst(0.3), shadow, 1, 4, 5*time.Second, diffs.add)
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), testTraceKey{}, "trace-77"))
	s.Score(ctx, "tx-1")
	cancel() // the HTTP handler returns and its request context is cancelled
	deadline := time.Now().Add(2 * time.Second)
	for len(diffs.list()) == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	s.Close()
	if got := diffs.list(); len(got) != 1 || got[0].Shadow != 0.8 {
		t.Fatalf("diffs %v: the shadow call must not be cancelled with the request", got)
	}
	if tr := sawTrace.Load(); tr != "trace-77" {
		t.Fatalf("shadow saw trace %v, want the request's value trace-77", tr)
	}
}

func TestHiddenShadowTimeout(t *testing.T) {
	var got atomic.Value
	shadow := func(ctx context.Context, txID string) (float64, error) {
		<-ctx.Done()
		got.Store(ctx.Err())
		return 0, ctx.Err()
	}
	var diffs testDiffs
	s := NewShadow(testConst(0.3), shadow, 1, 4, 20*time.Millisecond, diffs.add)
	s.Score(context.Background(), "tx-1")
	done := make(chan struct{})
	go func() {
		for got.Load() == nil {
			time.Sleep(time.Millisecond)
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatalf("shadow not cancelled within 2s although shadowTimeout is 20ms")
	}
	if err := got.Load().(error); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("shadow context ended with %v, want DeadlineExceeded", err)
	}
	s.Close()
	if len(diffs.list()) != 0 {
		t.Fatalf("a failed shadow call produced a diff")
	}
}

func TestHiddenMaxInFlightDropsExtraShadows(t *testing.T) {
	release := make(chan struct{})
	var started atomic.Int32
	shadow := func(ctx context.Context, txID string) (float64, error) {
		started.Add(1)
		<-release
		return 0, nil
	}
	s := NewShadow(testConst(0), shadow, 1, 3, time.Minute, func(Diff) {})
	for i := range 10 {
		s.Score(context.Background(), fmt.Sprint("tx", i))
	}
	if sampled, dropped := s.Stats(); sampled != 3 || dropped != 7 {
		t.Fatalf("Stats() = %d, %d with 3 shadows stuck and maxInFlight=3; want 3, 7", sampled, dropped)
	}
	close(release)
	s.Close()
	if n := started.Load(); n != 3 {
		t.Fatalf("%d shadow calls ran, want 3", n)
	}
	// Capacity is back once they have finished.
	s2 := NewShadow(testConst(0), testConst(0), 1, 1, time.Minute, func(Diff) {})
	for i := range 5 {
		s2.Score(context.Background(), fmt.Sprint("tx", i))
		deadline := time.Now().Add(2 * time.Second)
		for {
			sampled, dropped := s2.Stats()
			if sampled+dropped == i+1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("Stats() = %d, %d after %d calls", sampled, dropped, i+1)
			}
			time.Sleep(time.Millisecond)
		}
	}
	s2.Close()
}

// No timeout on purpose: Close must cancel and wait for a shadow call that only ends
// when its context is cancelled; a Close that deadlocks hangs here.
func TestHiddenCloseCancelsAndWaits(t *testing.T) {
	var finished atomic.Int32
	entered := make(chan struct{}, 4)
	shadow := func(ctx context.Context, txID string) (float64, error) {
		entered <- struct{}{}
		<-ctx.Done()
		finished.Add(1)
		return 0, ctx.Err()
	}
	s := NewShadow(testConst(0), shadow, 1, 4, time.Hour, func(Diff) {})
	for i := range 4 {
		s.Score(context.Background(), fmt.Sprint("tx", i))
	}
	for range 4 {
		<-entered
	}
	s.Close()
	if n := finished.Load(); n != 4 {
		t.Fatalf("Close returned with %d of 4 shadow calls finished", n)
	}
}

func TestHiddenAfterCloseNoShadowsAndNoDiffs(t *testing.T) {
	var diffs testDiffs
	var closed atomic.Bool
	var late atomic.Int32
	onDiff := func(d Diff) {
		if closed.Load() {
			late.Add(1)
		}
		diffs.add(d)
	}
	shadow := func(ctx context.Context, txID string) (float64, error) {
		time.Sleep(time.Millisecond)
		return 1, nil
	}
	s := NewShadow(testConst(0), shadow, 1, 64, time.Minute, onDiff)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				s.Score(context.Background(), fmt.Sprint(g, "-", i))
			}
		}()
	}
	time.Sleep(5 * time.Millisecond)
	var closers sync.WaitGroup
	for range 3 {
		closers.Add(1)
		go func() { defer closers.Done(); s.Close() }()
	}
	closers.Wait()
	closed.Store(true)
	wg.Wait()
	for i := range 10 {
		if v, err := s.Score(context.Background(), fmt.Sprint("after", i)); v != 0 || err != nil {
			t.Fatalf("Score after Close = %v, %v", v, err)
		}
	}
	sampledBefore, _ := s.Stats()
	time.Sleep(10 * time.Millisecond)
	if n := late.Load(); n != 0 {
		t.Fatalf("onDiff called %d times after Close returned", n)
	}
	if sampled, _ := s.Stats(); sampled != sampledBefore {
		t.Fatalf("shadow calls started after Close")
	}
	s.Close()
}

func TestHiddenPrimaryErrorAndEqualScores(t *testing.T) {
	var shadowCalls atomic.Int32
	shadow := func(ctx context.Context, txID string) (float64, error) {
		shadowCalls.Add(1)
		return 0.5, nil
	}
	boom := errors.New("model server down")
	failing := func(ctx context.Context, txID string) (float64, error) { return 0, boom }
	var diffs testDiffs
	s := NewShadow(failing, shadow, 1, 4, time.Second, diffs.add)
	if _, err := s.Score(context.Background(), "tx"); !errors.Is(err, boom) {
		t.Fatalf("Score error %v, want the primary's", err)
	}
	s.Close()
	if shadowCalls.Load() != 0 {
		t.Fatalf("shadow called although the primary failed")
	}
	s2 := NewShadow(testConst(0.5), shadow, 1, 4, time.Second, diffs.add)
	s2.Score(context.Background(), "tx")
	s2.Close()
	if shadowCalls.Load() != 1 || len(diffs.list()) != 0 {
		t.Fatalf("equal scores: %d shadow calls, diffs %v; want 1 call and no diff", shadowCalls.Load(), diffs.list())
	}
}
