package solution

import "sync"

// Last records the last index seen through a variable shared by every closure.
func Last(n int) int {
	var last int
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i > last {
				last = i
			}
		}()
	}
	wg.Wait()
	return last
}
