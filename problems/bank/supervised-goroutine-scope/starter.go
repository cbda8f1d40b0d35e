package solution

import (
	"context"
	"errors"
	"fmt"
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
	// TODO
}

// NewScope returns a Scope whose goroutines receive a context derived from ctx.
func NewScope(ctx context.Context) *Scope {
	panic("TODO")
}

// Go runs fn in a new goroutine under the given name.
func (s *Scope) Go(name string, fn func(ctx context.Context) error) error {
	panic("TODO")
}

// Running reports how many goroutines started by Go are still running, per name.
func (s *Scope) Running() map[string]int {
	panic("TODO")
}

// Close cancels the scope and waits for its goroutines.
func (s *Scope) Close(ctx context.Context) error {
	panic("TODO")
}
