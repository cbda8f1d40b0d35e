package solution

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// testCollect reads batches until out is closed; it fails the test if that takes over 2s.
func testCollect(t *testing.T, out <-chan []int) [][]int {
	t.Helper()
	var got [][]int
	deadline := time.After(2 * time.Second)
	for {
		select {
		case b, ok := <-out:
			if !ok {
				return got
			}
			got = append(got, b)
		case <-deadline:
			t.Fatalf("output not closed within 2s; batches so far: %v", got)
			return nil
		}
	}
}

func testFeed(values ...int) chan int {
	in := make(chan int, len(values))
	for _, v := range values {
		in <- v
	}
	return in
}

func TestExampleFullBatchesThenRemainder(t *testing.T) {
	in := testFeed(1, 2, 3, 4, 5, 6, 7)
	close(in)
	got := testCollect(t, Batch(context.Background(), in, 3, time.Hour))
	if s := fmt.Sprint(got); s != "[[1 2 3] [4 5 6] [7]]" {
		t.Fatalf("got %s, want [[1 2 3] [4 5 6] [7]]", s)
	}
}

func TestExamplePartialBatchAfterMaxWait(t *testing.T) {
	in := testFeed(1, 2)
	out := Batch(context.Background(), in, 100, 20*time.Millisecond)
	select {
	case b := <-out:
		if fmt.Sprint(b) != "[1 2]" {
			t.Fatalf("first batch %v, want [1 2]", b)
		}
	case <-time.After(2 * time.Second):
		t.Fatalf("no batch 2s after two values arrived (maxWait is 20ms)")
	}
	close(in)
	if rest := testCollect(t, out); len(rest) != 0 {
		t.Fatalf("unexpected batches after close: %v", rest)
	}
}
