package solution

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const testWait = 2 * time.Second

func TestHiddenStopManyTimesThenCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var n atomic.Int32
	stop := ReleaseOnDone(ctx, func() { n.Add(1) })
	for i := 0; i < 5; i++ {
		stop()
		if got := n.Load(); got != 1 {
			t.Fatalf("after stop #%d: released %d times, want 1", i+1, got)
		}
	}
	cancel()
	time.Sleep(10 * time.Millisecond)
	if got := n.Load(); got != 1 {
		t.Fatalf("cancel after stop released again: %d releases", got)
	}
}

func TestHiddenBackgroundContextsAreCheap(t *testing.T) {
	// Leases on contexts that never end, released by stop: nothing may stay behind.
	var n atomic.Int32
	stops := make([]func(), 200)
	for i := range stops {
		stops[i] = ReleaseOnDone(context.Background(), func() { n.Add(1) })
	}
	for _, stop := range stops {
		stop()
	}
	if got := n.Load(); got != 200 {
		t.Fatalf("released %d times, want 200", got)
	}
}

func TestHiddenDeadlineReleases(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	released := make(chan struct{})
	stop := ReleaseOnDone(ctx, func() { close(released) })
	select {
	case <-released:
	case <-time.After(testWait):
		t.Fatal("release did not run after the deadline")
	}
	stop() // must not release again (close of closed channel would panic)
}

func TestHiddenAlreadyDoneContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	released := make(chan struct{})
	stop := ReleaseOnDone(ctx, func() { close(released) })
	select {
	case <-released:
	case <-time.After(testWait):
		t.Fatal("release did not run for a context that was already done")
	}
	stop()
}

func TestHiddenStopWaitsForReleaseInProgress(t *testing.T) {
	// ctx ends first and its release is slow; a stop called meanwhile must
	// return only once the resource is really released.
	ctx, cancel := context.WithCancel(context.Background())
	entered := make(chan struct{})
	gate := make(chan struct{})
	var finished atomic.Bool
	var openOnce sync.Once
	openGate := func() { openOnce.Do(func() { close(gate) }) }
	defer openGate() // a wrong solution must not leave release blocked forever
	stop := ReleaseOnDone(ctx, func() {
		close(entered)
		<-gate
		finished.Store(true)
	})
	cancel()
	select {
	case <-entered:
	case <-time.After(testWait):
		t.Fatal("release did not start after cancel")
	}
	time.AfterFunc(50*time.Millisecond, openGate)
	stop()
	if !finished.Load() {
		t.Fatal("stop returned while the release started by ctx was still running")
	}
}

func TestHiddenRacingStopsAndCancels(t *testing.T) {
	const leases = 300
	counts := make([]atomic.Int32, leases)
	var wg sync.WaitGroup
	for i := 0; i < leases; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		stop := ReleaseOnDone(ctx, func() { counts[i].Add(1) })
		wg.Add(3)
		go func() { defer wg.Done(); cancel() }()
		go func() {
			defer wg.Done()
			stop()
			if counts[i].Load() != 1 {
				t.Errorf("lease %d: stop returned before release finished", i)
			}
		}()
		go func() { defer wg.Done(); stop() }()
	}
	wg.Wait()
	time.Sleep(10 * time.Millisecond)
	for i := range counts {
		if got := counts[i].Load(); got != 1 {
			t.Fatalf("lease %d released %d times, want exactly 1", i, got)
		}
	}
}

func TestHiddenManyGoroutinesUsingLeases(t *testing.T) {
	var released atomic.Int64
	var wg sync.WaitGroup
	errCh := make(chan error, 32)
	for g := 0; g < 32; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				ctx, cancel := context.WithTimeout(context.Background(), time.Duration(i%3)*time.Millisecond)
				var mine atomic.Int32
				stop := ReleaseOnDone(ctx, func() { mine.Add(1); released.Add(1) })
				if i%2 == 0 {
					time.Sleep(time.Millisecond)
				}
				stop()
				cancel()
				if mine.Load() != 1 {
					errCh <- fmt.Errorf("goroutine %d lease %d: %d releases after stop", g, i, mine.Load())
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errCh)
	for err := range errCh {
		t.Error(err)
	}
	time.Sleep(10 * time.Millisecond)
	if got := released.Load(); got != 32*50 {
		t.Fatalf("%d releases in total, want %d", got, 32*50)
	}
}
