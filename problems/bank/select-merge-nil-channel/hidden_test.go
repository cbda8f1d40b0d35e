package solution

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

func testChan(vals ...int) chan int {
	ch := make(chan int, len(vals))
	for _, v := range vals {
		ch <- v
	}
	return ch
}

func testRange(lo, hi int) []int {
	var s []int
	for i := lo; i < hi; i++ {
		s = append(s, i)
	}
	return s
}

// testDrainWithin reads out until it is closed, failing after d.
func testDrainWithin(t *testing.T, out <-chan int, d time.Duration) []int {
	t.Helper()
	var got []int
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		select {
		case v, ok := <-out:
			if !ok {
				return got
			}
			got = append(got, v)
		case <-timer.C:
			t.Fatalf("output not closed within %v (got %d values)", d, len(got))
			return nil
		}
	}
}

// Unbuffered producers, per-source order kept, everything delivered. The
// range is deliberately unbounded: an output that is never closed hangs here.
func TestHiddenAllValuesPerSourceOrder(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, b := make(chan int), make(chan int)
	go func() {
		defer close(a)
		for i := 0; i < 2000; i++ {
			a <- i
		}
	}()
	go func() {
		defer close(b)
		for i := 0; i < 2000; i++ {
			b <- 10000 + i
		}
	}()
	lastA, lastB, n := -1, 9999, 0
	for v := range Merge(ctx, a, b) {
		n++
		if v < 10000 {
			if v != lastA+1 {
				t.Fatalf("from a: got %d after %d", v, lastA)
			}
			lastA = v
		} else {
			if v != lastB+1 {
				t.Fatalf("from b: got %d after %d", v, lastB)
			}
			lastB = v
		}
	}
	if n != 4000 {
		t.Fatalf("got %d values; want 4000", n)
	}
}

func TestHiddenNilInputs(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []int
	for v := range Merge(ctx, testFrom(testRange(0, 50)...), nil) {
		got = append(got, v)
	}
	if len(got) != 50 {
		t.Fatalf("Merge(a, nil) gave %d values; want 50", len(got))
	}
	for range Merge[int](ctx, nil, nil) {
		t.Fatal("Merge(nil, nil) produced a value")
	}
}

// a always has a value ready; b's ten values must still get through early.
func TestHiddenNoStarvation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	a := testChan(testRange(0, 20000)...) // never closed
	b := testFrom(testRange(100000, 100010)...)
	out := Merge(ctx, a, b)
	fromB := 0
	for i := 0; i < 2000 && fromB < 10; i++ {
		select {
		case v := <-out:
			if v >= 100000 {
				fromB++
			}
		case <-time.After(5 * time.Second):
			cancel()
			t.Fatal("no value within 5s")
		}
	}
	cancel()
	testDrainWithin(t, out, 5*time.Second)
	if fromB != 10 {
		t.Fatalf("only %d of b's 10 values among the first 2000 while a was always ready: b is starved", fromB)
	}
}

// The reader cancels and walks away without reading another value: the
// merging goroutine must not stay blocked on its send (the leak check after
// the run catches it).
func TestHiddenCancelThenAbandon(t *testing.T) {
	for i := 0; i < 20; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		out := Merge(ctx, testChan(testRange(0, 100)...), testChan(testRange(0, 100)...))
		<-out
		cancel()
	}
}

func TestHiddenCancelClosesOutput(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	a, b := testChan(testRange(0, 10)...), make(chan int) // neither is ever closed
	out := Merge(ctx, a, b)
	for i := 0; i < 5; i++ {
		<-out
	}
	cancel()
	got := testDrainWithin(t, out, 5*time.Second)
	if len(got) > 5 {
		t.Fatalf("%d values after cancel; at most the 5 still queued are acceptable", len(got))
	}
}

func TestHiddenManyConcurrentMerges(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for m := 0; m < 50; m++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, b := make(chan int), make(chan int)
			for _, c := range []chan int{a, b} {
				go func() {
					defer close(c)
					for i := 0; i < 100; i++ {
						select {
						case c <- i:
						case <-ctx.Done():
							return
						}
					}
				}()
			}
			n := 0
			for range Merge(ctx, a, b) {
				n++
			}
			if n != 200 {
				errs <- fmt.Errorf("merge %d delivered %d values; want 200", m, n)
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cancel()
		<-done
		t.Fatal("50 concurrent merges did not finish within 10s")
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

func TestHiddenWorksForOtherTypes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := make(chan string, 2)
	a <- "x"
	a <- "y"
	close(a)
	n := 0
	for range Merge(ctx, a, nil) {
		n++
	}
	if n != 2 {
		t.Fatalf("got %d strings; want 2", n)
	}
}
