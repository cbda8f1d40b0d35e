// mutant: starts one goroutine and one channel send per number: correct, but far slower
package solution

import (
	"context"
	"sync"
)

// Sum adds nums, one goroutine per number.
func Sum(ctx context.Context, nums []int, workers int) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	values := make(chan int)
	var wg sync.WaitGroup
	for _, n := range nums {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			values <- n
		}(n)
	}
	go func() {
		wg.Wait()
		close(values)
	}()
	sum := 0
	for v := range values {
		sum += v
	}
	return sum, nil
}
