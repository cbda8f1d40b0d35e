// mutant: returns early from a failed Start without closing startDone, so a later Stop waits for it for ever
package solution

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// Hook is one component's start and stop logic. Either function may be nil.
type Hook struct {
	Name    string
	OnStart func(ctx context.Context) error
	OnStop  func(ctx context.Context) error
}

// Lifecycle starts hooks in order and stops them in reverse order.
// The zero value is ready to use.
type Lifecycle struct {
	mu        sync.Mutex
	hooks     []Hook
	running   []Hook        // hooks whose OnStart succeeded and that are not stopped yet
	startCall bool          // Start has been called (or Stop came first)
	startDone chan struct{} // closed when Start returns, on every path
	stopDone  chan struct{} // created by the first Stop, closed when stopping is over
	stopErr   error         // written before stopDone is closed
}

// Append adds a hook. It must be called before Start.
func (l *Lifecycle) Append(h Hook) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.startCall {
		panic("solution: Append after Start")
	}
	l.hooks = append(l.hooks, h)
}

// Start runs the OnStart hooks in order. If one fails, the hooks started before it are
// stopped in reverse order and the error is returned.
func (l *Lifecycle) Start(ctx context.Context) error {
	l.mu.Lock()
	if l.startCall {
		l.mu.Unlock()
		return errors.New("lifecycle: Start called twice, or after Stop")
	}
	l.startCall = true
	l.startDone = make(chan struct{})
	hooks := slices.Clone(l.hooks)
	l.mu.Unlock()

	var started []Hook
	var err error
	for _, h := range hooks {
		if h.OnStart != nil {
			if e := h.OnStart(ctx); e != nil {
				err = fmt.Errorf("start %q: %w", h.Name, e)
				break
			}
		}
		started = append(started, h)
	}
	if err != nil {
		// Like a chain of defers: undo what was done, most recent first.
		return errors.Join(err, stopAll(ctx, started))
	}

	l.mu.Lock()
	l.running = started
	close(l.startDone) // also on failure: a Stop may be waiting for it
	l.mu.Unlock()
	return err
}

// Stop runs the OnStop hooks of the started hooks in reverse order. Every call, from any
// goroutine, waits until stopping is over and returns the same error.
func (l *Lifecycle) Stop(ctx context.Context) error {
	l.mu.Lock()
	if l.stopDone != nil { // somebody else is stopping, or has stopped
		done := l.stopDone
		l.mu.Unlock()
		<-done
		return l.stopErr
	}
	l.stopDone = make(chan struct{})
	l.startCall = true // a Start after this point must not run hooks
	startDone := l.startDone
	l.mu.Unlock()

	if startDone != nil {
		<-startDone // let a Start in progress finish first
	}
	l.mu.Lock()
	running := l.running
	l.running = nil
	l.mu.Unlock()

	l.stopErr = stopAll(ctx, running)
	close(l.stopDone)
	return l.stopErr
}

// stopAll runs the OnStop hooks in reverse order and joins their errors.
func stopAll(ctx context.Context, hooks []Hook) error {
	var errs []error
	for _, h := range slices.Backward(hooks) {
		if h.OnStop == nil {
			continue
		}
		if err := h.OnStop(ctx); err != nil {
			errs = append(errs, fmt.Errorf("stop %q: %w", h.Name, err))
		}
	}
	return errors.Join(errs...)
}
