package solution

import (
	"context"
	"time"
)

// Poller calls a function periodically in the background.
type Poller struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when the background goroutine has returned
}

// StartPoller calls poll every interval from one background goroutine until
// ctx is cancelled or Stop is called.
func StartPoller(ctx context.Context, interval time.Duration, poll func(ctx context.Context)) *Poller {
	// Stop and the caller's cancellation become one signal: our own child
	// context. poll gets it too, so a poll in progress is interrupted.
	ctx, cancel := context.WithCancel(ctx)
	p := &Poller{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				poll(ctx)
			}
		}
	}()
	return p
}

// Stop ends the polling and waits until the background goroutine has exited.
// It is safe to call more than once and from several goroutines.
func (p *Poller) Stop() {
	p.cancel() // idempotent and safe for concurrent use
	<-p.done   // a closed channel releases every waiter, every time
}
