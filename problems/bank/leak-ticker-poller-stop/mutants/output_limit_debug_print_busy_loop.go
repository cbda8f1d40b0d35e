// mutant: polls with `select { case <-ctx.Done(): return; default: ... }` and leaves a debug print in the spinning default branch
package solution

import (
	"context"
	"fmt"
	"time"
)

type Poller struct {
	cancel context.CancelFunc
	done   chan struct{}
}

func StartPoller(ctx context.Context, interval time.Duration, poll func(ctx context.Context)) *Poller {
	ctx, cancel := context.WithCancel(ctx)
	p := &Poller{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		next := time.Now().Add(interval)
		for {
			select {
			case <-ctx.Done():
				return
			default:
				if time.Now().Before(next) {
					fmt.Printf("%s poller: tick not due yet, next poll at %s\n", time.Now().Format(time.RFC3339Nano), next.Format(time.RFC3339Nano))
					continue
				}
				next = next.Add(interval)
				poll(ctx)
			}
		}
	}()
	return p
}

func (p *Poller) Stop() {
	p.cancel()
	<-p.done
}
