// Two locks taken in opposite orders by concurrent transfers: many goroutines end up
// waiting in sync.Mutex.Lock on one of two lines.
package solution

import "sync"

type Account struct {
	mu  sync.Mutex
	bal int
}

func Transfer(from, to *Account, n int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.bal -= n
	to.bal += n
}
