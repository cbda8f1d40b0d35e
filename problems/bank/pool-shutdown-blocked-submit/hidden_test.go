package solution

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testShutdownWithin(t *testing.T, p *Pool, d time.Duration) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- p.Shutdown(context.Background()) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Shutdown = %v; want nil", err)
		}
	case <-time.After(d):
		t.Fatalf("Shutdown did not return within %v", d)
	}
}

func TestHiddenEveryAcceptedJobRunsOnce(t *testing.T) {
	p := NewPool(4, 16)
	const submitters, per = 8, 500
	runs := make([]atomic.Int32, submitters*per)
	var wg sync.WaitGroup
	var failed atomic.Int32
	for s := 0; s < submitters; s++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < per; i++ {
				id := s*per + i
				if err := p.Submit(context.Background(), func() { runs[id].Add(1) }); err != nil {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	testShutdownWithin(t, p, 10*time.Second)
	if f := failed.Load(); f != 0 {
		t.Fatalf("%d Submits failed on an open pool", f)
	}
	for id := range runs {
		if n := runs[id].Load(); n != 1 {
			t.Fatalf("job %d ran %d times; want once", id, n)
		}
	}
}

func TestHiddenAtMostWorkersAtOnce(t *testing.T) {
	p := NewPool(3, 8)
	var inFlight, peak atomic.Int32
	job := func() {
		n := inFlight.Add(1)
		for {
			pk := peak.Load()
			if n <= pk || peak.CompareAndSwap(pk, n) {
				break
			}
		}
		time.Sleep(200 * time.Microsecond)
		inFlight.Add(-1)
	}
	for i := 0; i < 200; i++ {
		p.Submit(context.Background(), job)
	}
	testShutdownWithin(t, p, 10*time.Second)
	if pk := peak.Load(); pk > 3 {
		t.Fatalf("%d jobs ran at once with 3 workers", pk)
	}
}

// One busy worker, a full queue and five Submits waiting for room: Shutdown
// must send the five away with ErrClosed at once, while the running job is
// still running. The waits on the five are deliberately unbounded.
func TestHiddenShutdownWakesBlockedSubmits(t *testing.T) {
	p := NewPool(1, 1)
	gate := make(chan struct{})
	started := make(chan struct{})
	var ranA, ranB, ranOther atomic.Bool
	p.Submit(context.Background(), func() { ranA.Store(true); close(started); <-gate })
	<-started
	p.Submit(context.Background(), func() { ranB.Store(true) }) // fills the queue
	errs := make(chan error, 5)
	for i := 0; i < 5; i++ {
		go func() { errs <- p.Submit(context.Background(), func() { ranOther.Store(true) }) }()
	}
	time.Sleep(20 * time.Millisecond) // let them block on the full queue
	shut := make(chan error, 1)
	go func() { shut <- p.Shutdown(context.Background()) }()
	for i := 0; i < 5; i++ {
		if err := <-errs; !errors.Is(err, ErrClosed) {
			close(gate)
			t.Fatalf("a Submit waiting for room got %v after Shutdown began; want ErrClosed", err)
		}
	}
	select {
	case err := <-shut:
		close(gate)
		t.Fatalf("Shutdown returned %v while a job was still running", err)
	case <-time.After(30 * time.Millisecond):
	}
	close(gate)
	select {
	case err := <-shut:
		if err != nil {
			t.Fatalf("Shutdown = %v; want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Shutdown did not return within 5s after the last job finished")
	}
	if !ranA.Load() || !ranB.Load() {
		t.Fatal("an accepted job did not run before Shutdown returned")
	}
	if ranOther.Load() {
		t.Fatal("a job refused with ErrClosed ran anyway")
	}
}

func TestHiddenShutdownDeadline(t *testing.T) {
	p := NewPool(2, 4)
	gate := make(chan struct{})
	started := make(chan struct{})
	var done atomic.Bool
	p.Submit(context.Background(), func() { close(started); <-gate; done.Store(true) })
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	err := p.Shutdown(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		close(gate)
		t.Fatalf("Shutdown with a 30ms deadline and a stuck job = %v; want DeadlineExceeded", err)
	}
	if err := p.Submit(context.Background(), func() {}); !errors.Is(err, ErrClosed) {
		close(gate)
		t.Fatalf("Submit after a timed-out Shutdown = %v; want ErrClosed", err)
	}
	close(gate)
	testShutdownWithin(t, p, 5*time.Second)
	if !done.Load() {
		t.Fatal("the stuck job did not finish before the second Shutdown returned")
	}
}

func TestHiddenSubmitContextCanceled(t *testing.T) {
	p := NewPool(1, 0)
	gate := make(chan struct{})
	started := make(chan struct{})
	p.Submit(context.Background(), func() { close(started); <-gate })
	<-started
	var ran atomic.Bool
	ctx, cancel := context.WithCancel(context.Background())
	res := make(chan error, 1)
	go func() { res <- p.Submit(ctx, func() { ran.Store(true) }) }()
	time.Sleep(10 * time.Millisecond)
	cancel()
	select {
	case err := <-res:
		if !errors.Is(err, context.Canceled) {
			close(gate)
			t.Fatalf("canceled Submit = %v; want context.Canceled", err)
		}
	case <-time.After(2 * time.Second):
		close(gate)
		t.Fatal("a waiting Submit did not return within 2s of its context being canceled")
	}
	close(gate)
	testShutdownWithin(t, p, 5*time.Second)
	if ran.Load() {
		t.Fatal("a job whose Submit was canceled ran anyway")
	}
}

// Submitters hammer the pool while several goroutines shut it down.
func TestHiddenStormOfSubmitsAndShutdowns(t *testing.T) {
	for round := 0; round < 20; round++ {
		p := NewPool(3, 2)
		var accepted, ran atomic.Int64
		var subs sync.WaitGroup
		for s := 0; s < 16; s++ {
			subs.Add(1)
			go func() {
				defer subs.Done()
				for {
					err := p.Submit(context.Background(), func() { ran.Add(1) })
					if errors.Is(err, ErrClosed) {
						return
					}
					if err == nil {
						accepted.Add(1)
					}
				}
			}()
		}
		time.Sleep(time.Millisecond)
		var shuts sync.WaitGroup
		errs := make(chan error, 5)
		for i := 0; i < 5; i++ {
			shuts.Add(1)
			go func() { defer shuts.Done(); errs <- p.Shutdown(context.Background()) }()
		}
		all := make(chan struct{})
		go func() { shuts.Wait(); subs.Wait(); close(all) }()
		select {
		case <-all:
		case <-time.After(10 * time.Second):
			t.Fatalf("round %d: Shutdown/Submit storm did not settle within 10s", round)
		}
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: Shutdown = %v", round, err)
			}
		}
		if a, r := accepted.Load(), ran.Load(); a != r {
			t.Fatalf("round %d: %d jobs accepted, %d ran by the time Shutdown returned", round, a, r)
		}
	}
}

func TestHiddenZeroWorkersStillRuns(t *testing.T) {
	p := NewPool(0, 0)
	var ran atomic.Bool
	if err := p.Submit(context.Background(), func() { ran.Store(true) }); err != nil {
		t.Fatalf("Submit = %v", err)
	}
	testShutdownWithin(t, p, 5*time.Second)
	if !ran.Load() {
		t.Fatal("NewPool(0, 0) must still run jobs on one worker")
	}
}
