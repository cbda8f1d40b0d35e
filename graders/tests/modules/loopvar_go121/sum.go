// Package loopvar adds numbers in goroutines that capture the loop variable. Before Go 1.22
// every iteration shares one variable, which the loop writes while goroutines read it.
package loopvar

import "sync"

func Sum(xs []int) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			total += x
			mu.Unlock()
		}()
	}
	wg.Wait()
	return total
}
