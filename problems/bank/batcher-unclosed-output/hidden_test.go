package solution

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// No timeout on purpose: if the output channel is never closed, this range never ends,
// and that is exactly the production bug.
func TestHiddenRangeEndsWhenInputCloses(t *testing.T) {
	in := testFeed(1, 2, 3, 4, 5)
	close(in)
	var got [][]int
	for b := range Batch(context.Background(), in, 2, time.Hour) {
		got = append(got, b)
	}
	if s := fmt.Sprint(got); s != "[[1 2] [3 4] [5]]" {
		t.Fatalf("got %s, want [[1 2] [3 4] [5]]", s)
	}
}

func TestHiddenEmptyInput(t *testing.T) {
	in := make(chan int)
	close(in)
	if got := testCollect(t, Batch(context.Background(), in, 4, time.Millisecond)); len(got) != 0 {
		t.Fatalf("got %v from an empty input, want no batches", got)
	}
}

func TestHiddenBatchesAreNotReused(t *testing.T) {
	in := testFeed(1, 2, 3, 4, 5, 6)
	close(in)
	got := testCollect(t, Batch(context.Background(), in, 2, time.Hour))
	if s := fmt.Sprint(got); s != "[[1 2] [3 4] [5 6]]" {
		t.Fatalf("batches kept by the consumer were overwritten: got %s, want [[1 2] [3 4] [5 6]]", s)
	}
}

func TestHiddenTrickleStillFlushes(t *testing.T) {
	in := make(chan int)
	stop := make(chan struct{})
	var producer sync.WaitGroup
	producer.Add(1)
	go func() {
		defer producer.Done()
		defer close(in)
		for i := 1; ; i++ {
			select {
			case in <- i:
			case <-stop:
				return
			}
			select {
			case <-time.After(time.Millisecond):
			case <-stop:
				return
			}
		}
	}()
	out := Batch(context.Background(), in, 1<<20, 150*time.Millisecond)
	select {
	case b := <-out:
		if len(b) == 0 || b[0] != 1 {
			t.Errorf("first batch %v, want it to start with 1", b)
		}
	case <-time.After(2 * time.Second):
		t.Errorf("a value arriving every millisecond kept a batch open for 2s although maxWait is 150ms")
	}
	close(stop)
	producer.Wait()
	testCollect(t, out)
}

func TestHiddenCancelClosesOutput(t *testing.T) {
	in := make(chan int) // never closed, never written
	ctx, cancel := context.WithCancel(context.Background())
	out := Batch(ctx, in, 4, time.Hour)
	cancel()
	testCollect(t, out)
}

func TestHiddenCancelWithPendingPartialBatch(t *testing.T) {
	in := testFeed(1, 2, 3)
	ctx, cancel := context.WithCancel(context.Background())
	out := Batch(ctx, in, 10, time.Hour)
	time.Sleep(5 * time.Millisecond) // let it buffer the three values
	cancel()
	for _, b := range testCollect(t, out) {
		if len(b) == 0 {
			t.Fatalf("empty batch after cancel")
		}
	}
}

// The consumer stops reading and goes away; cancelling ctx must be enough for the
// batcher goroutine to exit, even though a full batch is waiting to be sent.
func TestHiddenConsumerWalksAway(t *testing.T) {
	in := testFeed(1, 2, 3, 4, 5)
	ctx, cancel := context.WithCancel(context.Background())
	out := Batch(ctx, in, 2, time.Hour)
	if b := <-out; fmt.Sprint(b) != "[1 2]" {
		t.Fatalf("first batch %v, want [1 2]", b)
	}
	time.Sleep(5 * time.Millisecond) // the next batch is now blocked on its send
	cancel()
}

func TestHiddenManyProducers(t *testing.T) {
	const producers, perProducer, size = 8, 500, 7
	in := make(chan int)
	var wg sync.WaitGroup
	for p := range producers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perProducer {
				in <- p*100000 + i
			}
		}()
	}
	go func() { wg.Wait(); close(in) }()

	got := testCollect(t, Batch(context.Background(), in, size, 2*time.Millisecond))
	last := make([]int, producers)
	for i := range last {
		last[i] = -1
	}
	total := 0
	for _, b := range got {
		if len(b) == 0 || len(b) > size {
			t.Fatalf("batch of %d values, want 1..%d", len(b), size)
		}
		for _, v := range b {
			p, i := v/100000, v%100000
			if i != last[p]+1 {
				t.Fatalf("producer %d: value %d after %d (lost, duplicated or reordered)", p, i, last[p])
			}
			last[p] = i
			total++
		}
	}
	if total != producers*perProducer {
		t.Fatalf("received %d values, want %d", total, producers*perProducer)
	}
}

func TestHiddenCancelMidStream(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := make(chan int)
	var producer sync.WaitGroup
	producer.Add(1)
	go func() {
		defer producer.Done()
		for i := 0; ; i++ {
			select {
			case in <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	out := Batch(ctx, in, 5, time.Millisecond)
	next := 0
	for range 10 {
		select {
		case b := <-out:
			for _, v := range b {
				if v != next {
					t.Fatalf("got %d, want %d", v, next)
				}
				next++
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("no batch within 2s of a busy producer")
		}
	}
	cancel()
	testCollect(t, out)
	producer.Wait()
}
