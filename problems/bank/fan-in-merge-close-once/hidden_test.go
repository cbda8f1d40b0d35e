package solution

import (
	"context"
	"sync"
	"testing"
	"time"
)

// testDrain reads out until it is closed, failing after 2s.
func testDrain(t *testing.T, out <-chan int) []int {
	t.Helper()
	var got []int
	timeout := time.After(2 * time.Second)
	for {
		select {
		case v, ok := <-out:
			if !ok {
				return got
			}
			got = append(got, v)
		case <-timeout:
			t.Fatalf("out not closed within 2s (%d values read)", len(got))
			return nil
		}
	}
}

// testEndless produces id*1e6, id*1e6+1, ... until stop is closed, and never
// closes its channel: a shard that keeps streaming.
func testEndless(id int, stop <-chan struct{}, wg *sync.WaitGroup) <-chan int {
	ch := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case ch <- id*1_000_000 + i:
			case <-stop:
				return
			}
		}
	}()
	return ch
}

func TestHiddenAllValuesInOrderPerInput(t *testing.T) {
	const shards, per = 6, 300
	inputs := make([]<-chan int, shards)
	for s := range inputs {
		vals := make([]int, per)
		for i := range vals {
			vals[i] = s*1_000_000 + i
		}
		inputs[s] = testSource(vals...)
	}
	got := testDrain(t, Merge(context.Background(), inputs...))
	next := make([]int, shards)
	for _, v := range got {
		s, i := v/1_000_000, v%1_000_000
		if i != next[s] {
			t.Fatalf("shard %d: got %d, want %d (lost, duplicated or reordered)", s, i, next[s])
		}
		next[s]++
	}
	for s, n := range next {
		if n != per {
			t.Fatalf("shard %d: %d of %d values", s, n, per)
		}
	}
}

func TestHiddenNoInputs(t *testing.T) {
	if got := testDrain(t, Merge(context.Background())); len(got) != 0 {
		t.Fatalf("got %v from no inputs", got)
	}
}

// One shard is empty and finishes at once; the other keeps sending. The
// first one to finish must not close the shared output.
func TestHiddenShardsFinishAtDifferentTimes(t *testing.T) {
	empty := make(chan int)
	close(empty)
	slow := make(chan int)
	out := Merge(context.Background(), empty, slow)
	go func() {
		defer close(slow)
		for i := 1; i <= 50; i++ {
			slow <- i
			time.Sleep(100 * time.Microsecond)
		}
	}()
	got := testDrain(t, out)
	if len(got) != 50 || got[0] != 1 || got[49] != 50 {
		t.Fatalf("got %d values (%v...), want 1..50", len(got), got[:min(len(got), 5)])
	}
}

func TestHiddenCancelWhileReading(t *testing.T) {
	stop := make(chan struct{})
	var producers sync.WaitGroup
	defer func() { close(stop); producers.Wait() }()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := Merge(ctx, testEndless(1, stop, &producers), testEndless(2, stop, &producers), testEndless(3, stop, &producers))
	for i := 0; i < 100; i++ {
		select {
		case <-out:
		case <-time.After(5 * time.Second):
			t.Fatal("no values from endless shards")
		}
	}
	cancel() // the client disconnected; the shards never close
	testDrain(t, out)
}

// The consumer cancels and walks away without draining. Merge's goroutines
// must still exit (the harness checks for leaked goroutines after all tests).
func TestHiddenCancelConsumerGone(t *testing.T) {
	stop := make(chan struct{})
	var producers sync.WaitGroup
	ctx, cancel := context.WithCancel(context.Background())
	out := Merge(ctx, testEndless(1, stop, &producers), testEndless(2, stop, &producers), testEndless(3, stop, &producers), testEndless(4, stop, &producers))
	for i := 0; i < 20; i++ {
		select {
		case <-out:
		case <-time.After(5 * time.Second):
			t.Fatal("no values from endless shards")
		}
	}
	// The consumer stops reading first and cancels later: by then every forwarder is
	// holding a value it cannot deliver, whatever the schedule was.
	time.Sleep(20 * time.Millisecond)
	cancel()
	time.Sleep(10 * time.Millisecond) // let forwarders notice; not needed for correctness
	close(stop)
	producers.Wait()
}

func TestHiddenManyConcurrentMerges(t *testing.T) {
	var wg sync.WaitGroup
	for m := 0; m < 50; m++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			out := Merge(ctx, testSource(1, 2, 3), testSource(4, 5), testSource(), testSource(6))
			sum := 0
			for v := range out {
				sum += v
			}
			if sum != 21 {
				t.Errorf("merge %d: sum %d, want 21", m, sum)
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("concurrent merges did not finish")
	}
}
