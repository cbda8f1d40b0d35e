// mutant: one mutex for everything, held for the whole Run, so a cleanup function that calls Defer waits for Run's own lock
package solution

import (
	"errors"
	"fmt"
	"sync"
)

type Cleanup struct {
	mu  sync.Mutex
	fns []func()
}

func (c *Cleanup) Defer(f func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fns = append(c.fns, f)
}

func (c *Cleanup) Run() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for len(c.fns) > 0 {
		n := len(c.fns)
		f := c.fns[n-1]
		c.fns = c.fns[:n-1]
		if err := call(f); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
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
