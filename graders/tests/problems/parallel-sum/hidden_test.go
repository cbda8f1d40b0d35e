package solution

import (
	"context"
	"sync"
	"testing"
)

func testNumbers(n int) ([]int, int) {
	nums := make([]int, n)
	total := 0
	for i := range nums {
		nums[i] = i%7 + 1
		total += nums[i]
	}
	return nums, total
}

func TestManyWorkers(t *testing.T) {
	nums, want := testNumbers(10000)
	for _, workers := range []int{1, 3, 8, 64} {
		if got, err := Sum(context.Background(), nums, workers); err != nil || got != want {
			t.Fatalf("workers=%d: Sum = %d, %v; want %d", workers, got, err, want)
		}
	}
}

func TestConcurrentCallers(t *testing.T) {
	t.Parallel()
	nums, want := testNumbers(2000)
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, _ := Sum(context.Background(), nums, 4); got != want {
				t.Errorf("Sum = %d, want %d", got, want)
			}
		}()
	}
	wg.Wait()
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	nums, _ := testNumbers(100000)
	if _, err := Sum(ctx, nums, 4); err == nil {
		t.Fatal("a cancelled context must return its error")
	}
}
