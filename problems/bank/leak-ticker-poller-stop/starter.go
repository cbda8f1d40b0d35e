package solution

import (
	"context"
	"time"
)

// Poller calls a function periodically in the background.
type Poller struct {
	stop chan struct{}
}

// StartPoller calls poll every interval from one background goroutine until
// ctx is cancelled or Stop is called.
func StartPoller(ctx context.Context, interval time.Duration, poll func(ctx context.Context)) *Poller {
	p := &Poller{stop: make(chan struct{})}
	go func() {
		ticker := time.NewTicker(interval)
		for {
			select {
			case <-p.stop:
				return
			case <-ticker.C:
				poll(ctx)
			}
		}
	}()
	return p
}

// Stop ends the polling.
func (p *Poller) Stop() {
	p.stop <- struct{}{}
}
