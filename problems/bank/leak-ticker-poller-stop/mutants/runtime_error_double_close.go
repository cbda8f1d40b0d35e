// mutant: Stop closes the quit channel directly, so a second Stop panics with close of closed channel
package solution

import (
	"context"
	"time"
)

type Poller struct {
	cancel context.CancelFunc
	quit   chan struct{}
	done   chan struct{}
}

func StartPoller(ctx context.Context, interval time.Duration, poll func(ctx context.Context)) *Poller {
	ctx, cancel := context.WithCancel(ctx)
	p := &Poller{cancel: cancel, quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-p.quit:
				return
			case <-ticker.C:
				poll(ctx)
			}
		}
	}()
	return p
}

func (p *Poller) Stop() {
	close(p.quit)
	p.cancel()
	<-p.done
}
