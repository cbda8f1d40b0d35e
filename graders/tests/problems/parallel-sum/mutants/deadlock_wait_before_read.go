// mutant: waits for the workers before reading their results from an unbuffered channel
package solution

import (
	"context"
	"sync"
)

func Sum(ctx context.Context, nums []int, workers int) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if workers < 1 {
		workers = 1
	}
	partial := make(chan int)
	var wg sync.WaitGroup
	chunk := (len(nums) + workers - 1) / workers
	for start := 0; start < len(nums); start += chunk {
		end := min(start+chunk, len(nums))
		wg.Add(1)
		go func(part []int) {
			defer wg.Done()
			local := 0
			for _, n := range part {
				local += n
			}
			partial <- local
		}(nums[start:end])
	}
	wg.Wait()
	close(partial)
	sum := 0
	for p := range partial {
		sum += p
	}
	return sum, nil
}
