// mutant: fixes the loop and waits in Stop, but closes quit on every call, so a second Stop panics with "close of closed channel"
package solution

import (
	"sync/atomic"
	"time"
)

type Heartbeat struct {
	quit  chan struct{}
	done  chan struct{}
	beats atomic.Int64
}

func StartHeartbeat(interval time.Duration, beat func()) *Heartbeat {
	h := &Heartbeat{quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(h.done)
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				select {
				case <-h.quit:
					return
				default:
				}
				beat()
				h.beats.Add(1)
			case <-h.quit:
				return
			}
		}
	}()
	return h
}

func (h *Heartbeat) Beats() int64 { return h.beats.Load() }

func (h *Heartbeat) Stop() {
	close(h.quit)
	<-h.done
}
