// mutant: adds partial sums to a shared variable without synchronisation
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
	sum := 0
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
			sum += local
		}(nums[start:end])
	}
	wg.Wait()
	return sum, nil
}
