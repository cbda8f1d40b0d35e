// mutant: on a cancelled context it skips the poll but keeps looping, so a poller whose owner only cancels ticks forever
package solution

import (
	"context"
	"sync"
	"time"
)

type Poller struct {
	quit chan struct{}
	done chan struct{}
	once sync.Once
	stop context.CancelFunc
}

func StartPoller(ctx context.Context, interval time.Duration, poll func(ctx context.Context)) *Poller {
	pollCtx, stop := context.WithCancel(ctx)
	p := &Poller{quit: make(chan struct{}), done: make(chan struct{}), stop: stop}
	go func() {
		defer close(p.done)
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		for {
			select {
			case <-p.quit:
				return
			case <-ticker.C:
				if ctx.Err() != nil {
					continue // owner is shutting down: nothing to do
				}
				poll(pollCtx)
			}
		}
	}()
	return p
}

func (p *Poller) Stop() {
	p.once.Do(func() {
		p.stop()
		close(p.quit)
	})
	<-p.done
}
