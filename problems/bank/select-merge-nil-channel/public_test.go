package solution

import (
	"context"
	"testing"
)

func testFrom(vals ...int) <-chan int {
	ch := make(chan int, len(vals))
	for _, v := range vals {
		ch <- v
	}
	close(ch)
	return ch
}

func TestExampleMergeTwo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seen := map[int]bool{}
	for v := range Merge(ctx, testFrom(1, 2, 3), testFrom(10, 20)) {
		seen[v] = true
	}
	for _, v := range []int{1, 2, 3, 10, 20} {
		if !seen[v] {
			t.Fatalf("value %d missing; got %v", v, seen)
		}
	}
	if len(seen) != 5 {
		t.Fatalf("got %v; want exactly 1 2 3 10 20", seen)
	}
}

func TestExampleNilInput(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []int
	for v := range Merge(ctx, nil, testFrom(7, 8)) {
		got = append(got, v)
	}
	if len(got) != 2 || got[0] != 7 || got[1] != 8 {
		t.Fatalf("Merge(nil, [7 8]) gave %v; want [7 8]", got)
	}
}
