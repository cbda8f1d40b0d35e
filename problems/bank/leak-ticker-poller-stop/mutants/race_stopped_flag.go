// mutant: makes Stop idempotent with a plain `stopped` bool that concurrent Stop calls read and write without synchronisation
package solution

import (
	"context"
	"time"
)

type Poller struct {
	cancel  context.CancelFunc
	done    chan struct{}
	stopped bool
}

func StartPoller(ctx context.Context, interval time.Duration, poll func(ctx context.Context)) *Poller {
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

func (p *Poller) Stop() {
	if p.stopped {
		return
	}
	p.stopped = true
	p.cancel()
	<-p.done
}
