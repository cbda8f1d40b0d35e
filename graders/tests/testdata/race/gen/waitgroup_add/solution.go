// WaitGroup.Add inside the goroutine it counts: Wait may return before Add ran. The race
// detector reports it inside the sync internals, so the access stacks hold no line of
// this file; only the goroutines' creation sites do.
package solution

import (
	"sync"
	"sync/atomic"
)

func Count(n int) int64 {
	var wg sync.WaitGroup
	var c atomic.Int64
	for i := 0; i < n; i++ {
		go func() {
			wg.Add(1)
			defer wg.Done()
			c.Add(1)
		}()
	}
	wg.Wait()
	return c.Load()
}
