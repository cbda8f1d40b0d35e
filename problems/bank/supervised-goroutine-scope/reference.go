package solution

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
)

// ErrScopeClosed is returned by Go once Close has been called.
var ErrScopeClosed = errors.New("scope: closed")

// PanicError reports a panic recovered from a goroutine started by Go.
type PanicError struct {
	Name  string // the name given to Go
	Value any    // the value passed to panic
	Stack []byte // the goroutine's stack at the panic (runtime/debug.Stack)
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("goroutine %q panicked: %v", e.Name, e.Value)
}

// Scope owns a set of goroutines: none of them outlives Close.
type Scope struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex // guards the fields below
	closed  bool
	running map[string]int
	errs    []error
}

// NewScope returns a Scope whose goroutines receive a context derived from ctx.
func NewScope(ctx context.Context) *Scope {
	ctx, cancel := context.WithCancel(ctx)
	return &Scope{ctx: ctx, cancel: cancel, running: make(map[string]int)}
}

// Go runs fn in a new goroutine under the given name.
func (s *Scope) Go(name string, fn func(ctx context.Context) error) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrScopeClosed
	}
	// Counted before the goroutine exists, under the same lock as `closed`:
	// Close can never start waiting between the check and the Add.
	s.running[name]++
	s.wg.Add(1)
	s.mu.Unlock()

	go s.run(name, fn)
	return nil
}

func (s *Scope) run(name string, fn func(context.Context) error) {
	var err error
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Name: name, Value: v, Stack: debug.Stack()}
		}
		s.mu.Lock()
		if s.running[name]--; s.running[name] == 0 {
			delete(s.running, name)
		}
		if err != nil && !errors.Is(err, context.Canceled) {
			s.errs = append(s.errs, err)
		}
		s.mu.Unlock()
		s.wg.Done()
	}()
	err = fn(s.ctx)
}

// Running reports how many goroutines started by Go are still running, per name.
func (s *Scope) Running() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	snapshot := make(map[string]int, len(s.running))
	for name, n := range s.running {
		snapshot[name] = n
	}
	return snapshot
}

// Close cancels the scope and waits for its goroutines.
func (s *Scope) Close(ctx context.Context) error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.cancel()

	// Never hold s.mu while waiting: finishing goroutines need it.
	done := make(chan struct{})
	go func() {
		s.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(s.errs...)
}
