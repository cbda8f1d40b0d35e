// mutant: pops from the front of the slice, so cleanups run in registration order instead of newest first
package solution

import (
	"errors"
	"fmt"
	"sync"
)

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
	var errs []error
	for {
		f, ok := c.pop()
		if !ok {
			return errors.Join(errs...)
		}
		if err := call(f); err != nil {
			errs = append(errs, err)
		}
	}
}

func (c *Cleanup) pop() (func(), bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := len(c.fns)
	if n == 0 {
		return nil, false
	}
	f := c.fns[0]
	c.fns[0] = nil // let the closure be collected
	c.fns = c.fns[1:]
	return f, true
}

func call(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cleanup panicked: %v", r)
		}
	}()
	f()
	return nil
}
