package solution

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type testCtxKey struct{}

func testWaitPolls(t *testing.T, n *atomic.Int64, atLeast int64) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for n.Load() < atLeast {
		if time.Now().After(deadline) {
			t.Fatalf("only %d polls after 5s with a 1ms interval, want %d", n.Load(), atLeast)
		}
		time.Sleep(time.Millisecond)
	}
}

// testStable waits until n stops changing for 50ms, failing after 5s.
func testStable(t *testing.T, n *atomic.Int64, what string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		v := n.Load()
		time.Sleep(50 * time.Millisecond)
		if n.Load() == v {
			return
		}
	}
	t.Fatalf("poll is still being called %s", what)
}

func TestHiddenNoPollAfterStop(t *testing.T) {
	var polls, inFlight atomic.Int64
	p := StartPoller(context.Background(), time.Millisecond, func(context.Context) {
		inFlight.Add(1)
		time.Sleep(2 * time.Millisecond)
		polls.Add(1)
		inFlight.Add(-1)
	})
	testWaitPolls(t, &polls, 3)
	p.Stop()
	if n := inFlight.Load(); n != 0 {
		t.Fatal("Stop returned while poll was still running")
	}
	after := polls.Load()
	time.Sleep(30 * time.Millisecond)
	if got := polls.Load(); got != after {
		t.Fatalf("poll was called %d more times after Stop returned", got-after)
	}
}

func TestHiddenStopBeforeFirstTick(t *testing.T) {
	var polls atomic.Int64
	p := StartPoller(context.Background(), time.Hour, func(context.Context) { polls.Add(1) })
	p.Stop()
	if polls.Load() != 0 {
		t.Fatal("poll called although the first tick is an hour away")
	}
}

func TestHiddenContextCancellationEndsPolling(t *testing.T) {
	// The owner shuts down by cancelling its context and never calls Stop.
	ctx, cancel := context.WithCancel(context.Background())
	var polls atomic.Int64
	StartPoller(ctx, time.Millisecond, func(context.Context) { polls.Add(1) })
	testWaitPolls(t, &polls, 3)
	cancel()
	testStable(t, &polls, "after its context was cancelled")
}

func TestHiddenStopAfterContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var polls atomic.Int64
	p := StartPoller(ctx, time.Millisecond, func(context.Context) { polls.Add(1) })
	testWaitPolls(t, &polls, 2)
	cancel()
	p.Stop()
	p.Stop()
}

func TestHiddenStopManyTimesConcurrently(t *testing.T) {
	var polls atomic.Int64
	p := StartPoller(context.Background(), time.Millisecond, func(context.Context) { polls.Add(1) })
	testWaitPolls(t, &polls, 2)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.Stop()
		}()
	}
	wg.Wait()
	p.Stop()
}

func TestHiddenStopInterruptsBlockedPoll(t *testing.T) {
	entered := make(chan struct{}, 1)
	p := StartPoller(context.Background(), time.Millisecond, func(ctx context.Context) {
		select {
		case entered <- struct{}{}:
		default:
		}
		<-ctx.Done() // a slow call that honours its context
	})
	select {
	case <-entered:
	case <-time.After(5 * time.Second):
		t.Fatal("poll never called")
	}
	p.Stop() // must cancel the context poll is waiting on, then return
}

func TestHiddenPollContextDerivesFromCaller(t *testing.T) {
	ctx := context.WithValue(context.Background(), testCtxKey{}, "tenant-42")
	got := make(chan any, 1)
	p := StartPoller(ctx, time.Millisecond, func(ctx context.Context) {
		select {
		case got <- ctx.Value(testCtxKey{}):
		default:
		}
	})
	defer p.Stop()
	select {
	case v := <-got:
		if v != "tenant-42" {
			t.Fatalf("poll's context carries %v, want the caller's value tenant-42", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("poll never called")
	}
}

func TestHiddenPollsNeverOverlap(t *testing.T) {
	var inFlight, polls atomic.Int64
	var overlapped atomic.Bool
	p := StartPoller(context.Background(), time.Millisecond, func(context.Context) {
		if inFlight.Add(1) > 1 {
			overlapped.Store(true)
		}
		time.Sleep(3 * time.Millisecond) // longer than the interval
		polls.Add(1)
		inFlight.Add(-1)
	})
	testWaitPolls(t, &polls, 5)
	p.Stop()
	if overlapped.Load() {
		t.Fatal("two polls ran at the same time")
	}
}

func TestHiddenManyPollers(t *testing.T) {
	const n = 100
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var polls atomic.Int64
			p := StartPoller(ctx, time.Millisecond, func(context.Context) { polls.Add(1) })
			if i%2 == 0 {
				deadline := time.Now().Add(5 * time.Second)
				for polls.Load() < 1 && time.Now().Before(deadline) {
					time.Sleep(time.Millisecond)
				}
			}
			if i%3 == 0 {
				cancel()
			}
			p.Stop()
			after := polls.Load()
			time.Sleep(5 * time.Millisecond)
			if polls.Load() != after {
				t.Errorf("poller %d: poll called after Stop", i)
			}
		}()
	}
	wg.Wait()
}

func TestHiddenPollRateFollowsInterval(t *testing.T) {
	const interval = 10 * time.Millisecond
	var polls atomic.Int64
	start := time.Now()
	p := StartPoller(context.Background(), interval, func(context.Context) { polls.Add(1) })
	time.Sleep(300 * time.Millisecond)
	p.Stop()
	elapsed := time.Since(start)
	n := polls.Load()
	if limit := int64(elapsed/interval) + 2; n > limit {
		t.Fatalf("%d polls in %v with a %v interval; at most %d possible", n, elapsed, interval, limit)
	}
	if n < 3 {
		t.Fatalf("only %d polls in %v with a %v interval", n, elapsed, interval)
	}
}
