package solution

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testWaitParked waits until a goroutine started by the current test is
// blocked (not running) inside frame, e.g. "(*Pool).Submit(".
func testWaitParked(t *testing.T, frame string) {
	t.Helper()
	owner := "." + t.Name() + ".func" // the test's own closures, not leftovers of other tests
	buf := make([]byte, 1<<20)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		n := runtime.Stack(buf, true)
		if n == len(buf) { // truncated: grow and retry
			buf = make([]byte, 2*len(buf))
			continue
		}
		for _, g := range strings.Split(string(buf[:n]), "\n\n") {
			header, _, _ := strings.Cut(g, "\n")
			if strings.Contains(g, frame) && strings.Contains(g, owner) &&
				!strings.Contains(header, "[running") && !strings.Contains(header, "[runnable") {
				return
			}
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("no goroutine blocked in %s after 5s", frame)
}

// testBusyPool returns a pool with one worker stuck in a task until the
// returned gate is closed, and a full queue of `queued` tasks.
func testBusyPool(t *testing.T, queued int, ran *atomic.Int64) (*Pool, chan struct{}) {
	t.Helper()
	p := NewPool(1, queued)
	gate, started := make(chan struct{}), make(chan struct{})
	if err := p.Submit(context.Background(), func() { close(started); <-gate; ran.Add(1) }); err != nil {
		t.Fatalf("Submit: %v", err)
	}
	select {
	case <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("first task never started")
	}
	for i := 0; i < queued; i++ {
		if err := p.TrySubmit(func() { ran.Add(1) }); err != nil {
			t.Fatalf("filling the queue: TrySubmit #%d = %v", i, err)
		}
	}
	return p, gate
}

func TestHiddenConcurrentSubmitters(t *testing.T) {
	p := NewPool(4, 8)
	var ran atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < 32; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if err := p.Submit(context.Background(), func() { ran.Add(1) }); err != nil {
					t.Errorf("Submit: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	p.Close()
	if n := ran.Load(); n != 6400 {
		t.Fatalf("%d tasks ran, want 6400", n)
	}
	if s := p.Stats(); s.Submitted != 6400 || s.Completed != 6400 {
		t.Fatalf("Stats = %+v, want 6400 submitted and completed", s)
	}
}

func TestHiddenAtMostWorkersAtOnce(t *testing.T) {
	p := NewPool(3, 100)
	var inFlight, peak atomic.Int64
	gate := make(chan struct{})
	for i := 0; i < 20; i++ {
		err := p.Submit(context.Background(), func() {
			n := inFlight.Add(1)
			for {
				m := peak.Load()
				if n <= m || peak.CompareAndSwap(m, n) {
					break
				}
			}
			<-gate
			inFlight.Add(-1)
		})
		if err != nil {
			t.Fatalf("Submit: %v", err)
		}
	}
	deadline := time.After(5 * time.Second)
	for inFlight.Load() < 3 {
		select {
		case <-deadline:
			t.Fatalf("only %d tasks running, want 3 workers busy", inFlight.Load())
		default:
			time.Sleep(time.Millisecond)
		}
	}
	time.Sleep(20 * time.Millisecond) // a 4th worker, if any, would start now
	close(gate)
	p.Close()
	if m := peak.Load(); m != 3 {
		t.Fatalf("peak concurrency %d, want exactly 3 (the worker count)", m)
	}
}

func TestHiddenSubmitWaitsForSpace(t *testing.T) {
	var ran atomic.Int64
	p, gate := testBusyPool(t, 2, &ran)
	errc := make(chan error, 1)
	go func() { errc <- p.Submit(context.Background(), func() { ran.Add(1) }) }()
	testWaitParked(t, "(*Pool).Submit(")
	select {
	case err := <-errc:
		t.Fatalf("Submit returned %v while the queue was full", err)
	default:
	}
	close(gate)
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("Submit = %v after space freed up", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Submit still waiting after the queue drained")
	}
	p.Close()
	if n := ran.Load(); n != 4 {
		t.Fatalf("%d tasks ran, want 4", n)
	}
}

func TestHiddenSubmitGivesUpWithContext(t *testing.T) {
	var ran atomic.Int64
	p, gate := testBusyPool(t, 1, &ran)
	defer p.Close()
	defer close(gate)

	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- p.Submit(ctx, func() { t.Error("task of a cancelled Submit ran") }) }()
	testWaitParked(t, "(*Pool).Submit(")
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Submit = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Submit ignored its context")
	}

	done, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if err := p.Submit(done, func() { t.Error("task of a cancelled Submit ran") }); !errors.Is(err, context.Canceled) {
		t.Fatalf("Submit with a cancelled context = %v, want context.Canceled", err)
	}
}

// TrySubmit must answer at once even while a Submit is parked waiting for
// space: health checks use it to shed load.
func TestHiddenTrySubmitNeverWaits(t *testing.T) {
	var ran atomic.Int64
	p, gate := testBusyPool(t, 1, &ran)
	errc := make(chan error, 1)
	go func() { errc <- p.Submit(context.Background(), func() { ran.Add(1) }) }()
	testWaitParked(t, "(*Pool).Submit(")

	if err := p.TrySubmit(func() { ran.Add(1) }); !errors.Is(err, ErrQueueFull) {
		t.Fatalf("TrySubmit = %v, want ErrQueueFull", err)
	}
	close(gate)
	if err := <-errc; err != nil {
		t.Fatalf("Submit = %v", err)
	}
	p.Close()
	if n := ran.Load(); n != 3 {
		t.Fatalf("%d tasks ran, want 3", n)
	}
}

func TestHiddenCloseWakesWaitingSubmit(t *testing.T) {
	var ran atomic.Int64
	p, gate := testBusyPool(t, 1, &ran)
	errc := make(chan error, 1)
	go func() { errc <- p.Submit(context.Background(), func() { ran.Add(1) }) }()
	testWaitParked(t, "(*Pool).Submit(")

	closed := make(chan struct{})
	go func() { p.Close(); close(closed) }()
	select {
	case err := <-errc:
		if !errors.Is(err, ErrClosed) {
			t.Fatalf("waiting Submit = %v after Close, want ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("waiting Submit not released by Close")
	}
	select {
	case <-closed:
		t.Fatal("Close returned while a task was still running")
	default:
	}
	close(gate)
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return after the tasks finished")
	}
	if n := ran.Load(); n != 2 {
		t.Fatalf("%d tasks ran, want 2 (the running and the queued one)", n)
	}
	if err := p.TrySubmit(func() {}); !errors.Is(err, ErrClosed) {
		t.Fatalf("TrySubmit after Close = %v, want ErrClosed", err)
	}
}

// Submitters race with several concurrent Close calls: every accepted task
// runs before Close returns, every other call gets ErrClosed, nothing panics.
func TestHiddenSubmitRacingClose(t *testing.T) {
	for round := 0; round < 10; round++ {
		p := NewPool(4, 4)
		var accepted, ran atomic.Int64
		var wg sync.WaitGroup
		start := make(chan struct{})
		for g := 0; g < 16; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for i := 0; i < 200; i++ {
					var err error
					if i%2 == 0 {
						err = p.Submit(context.Background(), func() { ran.Add(1) })
					} else {
						err = p.TrySubmit(func() { ran.Add(1) })
					}
					switch {
					case err == nil:
						accepted.Add(1)
					case errors.Is(err, ErrClosed):
						return
					case errors.Is(err, ErrQueueFull):
					default:
						t.Errorf("unexpected error %v", err)
						return
					}
				}
			}()
		}
		close(start)
		var closers sync.WaitGroup
		for c := 0; c < 4; c++ {
			closers.Add(1)
			go func() {
				defer closers.Done()
				p.Close()
			}()
		}
		closers.Wait()
		after := ran.Load()
		wg.Wait()
		if got := accepted.Load(); after != got {
			t.Fatalf("round %d: %d tasks accepted, %d had run when Close returned", round, got, after)
		}
		if s := p.Stats(); s.Submitted != accepted.Load() || s.Completed != accepted.Load() {
			t.Fatalf("round %d: Stats = %+v, want %d submitted and completed", round, s, accepted.Load())
		}
	}
}

func TestHiddenQueueDelayIsMeasured(t *testing.T) {
	var ran atomic.Int64
	p, gate := testBusyPool(t, 1, &ran)
	time.Sleep(30 * time.Millisecond) // the queued task waits at least this long
	close(gate)
	p.Close()
	s := p.Stats()
	if s.MaxQueueDelay < 30*time.Millisecond {
		t.Fatalf("MaxQueueDelay = %v, but a task waited at least 30ms in the queue", s.MaxQueueDelay)
	}
	if s.Completed != 2 {
		t.Fatalf("Completed = %d, want 2", s.Completed)
	}
}

// Pools are created per batch job: many short-lived pools must not leave
// workers behind (checked by the harness after all tests).
func TestHiddenManyShortLivedPools(t *testing.T) {
	var wg sync.WaitGroup
	var total atomic.Int64
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				p := NewPool(3, 2)
				for j := 0; j < 10; j++ {
					if err := p.Submit(context.Background(), func() { total.Add(1) }); err != nil {
						t.Errorf("Submit: %v", err)
					}
				}
				p.Close()
				p.Close()
			}
		}()
	}
	wg.Wait()
	if n := total.Load(); n != 8*10*10 {
		t.Fatalf("%d tasks ran, want %d", n, 8*10*10)
	}
}
