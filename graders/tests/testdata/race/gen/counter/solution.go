package solution

import "sync"

// Count increments a shared counter without a lock: a write/write race.
func Count(n int) int {
	counter := 0
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counter++
		}()
	}
	wg.Wait()
	return counter
}
