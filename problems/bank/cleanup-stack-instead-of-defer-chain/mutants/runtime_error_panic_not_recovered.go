// mutant: never recovers, so one panicking cleanup function crashes the program instead of being reported
package solution

import "sync"

// Cleanup is a stack of cleanup functions. The zero value is ready to use.
type Cleanup struct {
	runMu sync.Mutex // serialises Run calls; never held by Defer
	mu    sync.Mutex // guards fns; never held while a cleanup function runs
	fns   []func()
}

// Defer registers f to be called by Run. It is safe for concurrent use, including
// from inside a cleanup function that Run is calling.
func (c *Cleanup) Defer(f func()) {
	c.mu.Lock()
	c.fns = append(c.fns, f)
	c.mu.Unlock()
}

// Run calls every registered function once, newest first, including functions
// registered while it runs. A panicking function does not stop the others; the
// panics are returned as one joined error. Concurrent Run calls take turns.
func (c *Cleanup) Run() error {
	c.runMu.Lock()
	defer c.runMu.Unlock()
	for {
		f, ok := c.pop()
		if !ok {
			return nil
		}
		f()
	}
}

func (c *Cleanup) pop() (func(), bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := len(c.fns)
	if n == 0 {
		return nil, false
	}
	f := c.fns[n-1]
	c.fns[n-1] = nil // let the closure be collected
	c.fns = c.fns[:n-1]
	return f, true
}
