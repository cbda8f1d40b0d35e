// mutant: returns only the sum, not the error the spec asks for
package solution

import (
	"context"
	"sync"
)

// Sum adds nums using the given number of workers.
func Sum(ctx context.Context, nums []int, workers int) int {
	if workers < 1 {
		workers = 1
	}
	partial := make(chan int, workers)
	var wg sync.WaitGroup
	chunk := (len(nums) + workers - 1) / workers
	for start := 0; start < len(nums); start += chunk {
		end := min(start+chunk, len(nums))
		wg.Add(1)
		go func(part []int) {
			defer wg.Done()
			total := 0
			for _, n := range part {
				total += n
			}
			partial <- total
		}(nums[start:end])
	}
	go func() {
		wg.Wait()
		close(partial)
	}()
	sum := 0
	for {
		select {
		case p, ok := <-partial:
			if !ok {
				return sum, nil
			}
			sum += p
		case <-ctx.Done():
			go func() {
				for range partial {
				}
			}()
			return 0, ctx.Err()
		}
	}
}
