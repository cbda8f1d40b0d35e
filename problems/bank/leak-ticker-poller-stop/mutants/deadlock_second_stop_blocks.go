// mutant: handles the context, but Stop still hands a value over an unbuffered quit channel that nobody reads the second time
package solution

import (
	"context"
	"time"
)

type Poller struct {
	quit chan struct{}
	done chan struct{}
}

func StartPoller(ctx context.Context, interval time.Duration, poll func(ctx context.Context)) *Poller {
	ctx, cancel := context.WithCancel(ctx)
	p := &Poller{quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		defer cancel()
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
	p.quit <- struct{}{}
	<-p.done
}
