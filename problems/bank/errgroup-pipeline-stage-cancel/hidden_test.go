package solution

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testProbe wraps parse and sink to watch what the pipeline does.
type testProbe struct {
	parseCalls, parseInFlight, parsePeak atomic.Int64
	sinkCalls, sinkInFlight              atomic.Int64
	sinkOverlap                          atomic.Bool
	seen                                 sync.Map // value -> *atomic.Int32
}

func (p *testProbe) parse(inner func(context.Context, string) (int, error)) func(context.Context, string) (int, error) {
	return func(ctx context.Context, line string) (int, error) {
		p.parseCalls.Add(1)
		n := p.parseInFlight.Add(1)
		defer p.parseInFlight.Add(-1)
		for {
			pk := p.parsePeak.Load()
			if n <= pk || p.parsePeak.CompareAndSwap(pk, n) {
				break
			}
		}
		return inner(ctx, line)
	}
}

func (p *testProbe) sink(inner func(int) error) func(int) error {
	return func(v int) error {
		p.sinkCalls.Add(1)
		if p.sinkInFlight.Add(1) > 1 {
			p.sinkOverlap.Store(true)
		}
		defer p.sinkInFlight.Add(-1)
		c, _ := p.seen.LoadOrStore(v, new(atomic.Int32))
		c.(*atomic.Int32).Add(1)
		return inner(v)
	}
}

func testRunWithin(t *testing.T, d time.Duration, cancel context.CancelFunc, run func() error) error {
	t.Helper()
	res := make(chan error, 1)
	go func() { res <- run() }()
	select {
	case err := <-res:
		return err
	case <-time.After(d):
		cancel()
		<-res
		t.Fatalf("Run did not return within %v", d)
		return nil
	}
}

func TestHiddenEveryValueOnceSinkSerial(t *testing.T) {
	for _, workers := range []int{1, 3, 8} {
		var p testProbe
		err := Run(context.Background(), testLines(5000), workers, p.parse(testAtoi), p.sink(func(int) error { return nil }))
		if err != nil {
			t.Fatalf("workers=%d: Run = %v", workers, err)
		}
		if p.sinkOverlap.Load() {
			t.Fatalf("workers=%d: sink was called from two goroutines at once", workers)
		}
		if pk := p.parsePeak.Load(); pk > int64(workers) {
			t.Fatalf("workers=%d: %d parse calls ran at once", workers, pk)
		}
		for i := 1; i <= 5000; i++ {
			c, ok := p.seen.Load(i)
			if !ok || c.(*atomic.Int32).Load() != 1 {
				t.Fatalf("workers=%d: value %d did not reach sink exactly once", workers, i)
			}
		}
	}
}

// The sink fails early. Run is called without a safety net: a stage stuck on
// a send nobody will ever read makes it hang.
func TestHiddenSinkErrorStopsEverything(t *testing.T) {
	errFull := errors.New("disk full")
	for _, workers := range []int{1, 2, 4, 8, 16} {
		var p testProbe
		err := Run(context.Background(), testLines(20000), workers, p.parse(testAtoi), p.sink(func(int) error {
			if p.sinkCalls.Load() >= 5 {
				return errFull
			}
			return nil
		}))
		if !errors.Is(err, errFull) {
			t.Fatalf("workers=%d: Run = %v; want the sink's error", workers, err)
		}
		if n := p.sinkInFlight.Load(); n != 0 {
			t.Fatalf("workers=%d: sink still running after Run returned", workers)
		}
		time.Sleep(5 * time.Millisecond)
		if n := p.parseCalls.Load(); n > 10000 {
			t.Fatalf("workers=%d: %d of 20000 lines were parsed although the sink failed on the 5th value", workers, n)
		}
		if n := p.sinkCalls.Load(); n != 5 {
			t.Fatalf("workers=%d: sink called %d times; it must not be called again after it failed on call 5", workers, n)
		}
	}
}

func TestHiddenParseErrorCancelsOtherParses(t *testing.T) {
	errBad := errors.New("bad record")
	parent, cancel := context.WithCancel(context.Background())
	defer cancel()
	var p testProbe
	parse := p.parse(func(ctx context.Context, line string) (int, error) {
		n, _ := strconv.Atoi(line)
		switch {
		case n == 100:
			return 0, errBad
		case n > 150:
			<-ctx.Done() // slow records: only a canceled context ends them
			return 0, ctx.Err()
		}
		return n, nil
	})
	err := testRunWithin(t, 5*time.Second, cancel, func() error {
		return Run(parent, testLines(20000), 6, parse, p.sink(func(int) error { return nil }))
	})
	if !errors.Is(err, errBad) {
		t.Fatalf("Run = %v; want the first error (bad record), not the cancellation it caused", err)
	}
	if n := p.parseInFlight.Load(); n != 0 {
		t.Fatalf("%d parse calls still running after Run returned", n)
	}
	if n := p.sinkInFlight.Load(); n != 0 {
		t.Fatal("sink still running after Run returned")
	}
}

func TestHiddenParentCancelMidFlight(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	defer cancel()
	var p testProbe
	sink := p.sink(func(int) error {
		if p.sinkCalls.Load() == 100 {
			cancel()
		}
		return nil
	})
	err := testRunWithin(t, 5*time.Second, cancel, func() error {
		return Run(parent, testLines(50000), 4, p.parse(testAtoi), sink)
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run after the caller canceled = %v; want context.Canceled", err)
	}
	if p.parseInFlight.Load() != 0 || p.sinkInFlight.Load() != 0 {
		t.Fatal("parse or sink still running after Run returned")
	}
	if n := p.parseCalls.Load(); n > 25000 {
		t.Fatalf("%d of 50000 lines parsed after a cancel at value 100", n)
	}
}

func TestHiddenEmptySource(t *testing.T) {
	called := false
	if err := Run(context.Background(), nil, 4, testAtoi, func(int) error { called = true; return nil }); err != nil {
		t.Fatalf("Run(empty) = %v; want nil", err)
	}
	if called {
		t.Fatal("sink called for an empty source")
	}
}

func TestHiddenZeroWorkers(t *testing.T) {
	var sum atomic.Int64
	err := Run(context.Background(), testLines(50), 0, testAtoi, func(v int) error { sum.Add(int64(v)); return nil })
	if err != nil || sum.Load() != 1275 {
		t.Fatalf("Run with workers=0 = %v, sum %d; want nil, 1275 (treat it as one worker)", err, sum.Load())
	}
}

func TestHiddenConcurrentRuns(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for r := 0; r < 10; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sum atomic.Int64
			n := 500 + 100*r
			var err error
			if r%3 == 2 {
				err = Run(context.Background(), append(testLines(n), "oops"), 2+r%4, testAtoi, func(v int) error { sum.Add(int64(v)); return nil })
				if err == nil {
					errs <- fmt.Errorf("run %d: parse error lost", r)
				}
				return
			}
			err = Run(context.Background(), testLines(n), 2+r%4, testAtoi, func(v int) error { sum.Add(int64(v)); return nil })
			if want := int64(n * (n + 1) / 2); err != nil || sum.Load() != want {
				errs <- fmt.Errorf("run %d: err %v, sum %d, want nil, %d", r, err, sum.Load(), want)
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("10 concurrent runs did not finish within 20s")
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}
