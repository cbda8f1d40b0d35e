package solution

import (
	"context"
	"testing"
	"time"
)

func testSource(values ...int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, v := range values {
			ch <- v
		}
	}()
	return ch
}

func TestPublicMergeTwoShards(t *testing.T) {
	out := Merge(context.Background(), testSource(1, 2, 3), testSource(10, 20))
	sum, n := 0, 0
	timeout := time.After(5 * time.Second)
	for {
		select {
		case v, ok := <-out:
			if !ok {
				if n != 5 || sum != 36 {
					t.Fatalf("got %d values summing to %d, want 5 values summing to 36", n, sum)
				}
				return
			}
			sum += v
			n++
		case <-timeout:
			t.Fatalf("out not closed after both shards finished (%d values so far)", n)
		}
	}
}
