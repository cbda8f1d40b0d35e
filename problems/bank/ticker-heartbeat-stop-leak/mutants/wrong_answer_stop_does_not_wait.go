// mutant: Stop closes quit once and returns at once, so a beat that is running (or just starting) finishes after Stop returned
package solution

import (
	"sync"
	"sync/atomic"
	"time"
)

type Heartbeat struct {
	quit  chan struct{}
	once  sync.Once
	beats atomic.Int64
}

func StartHeartbeat(interval time.Duration, beat func()) *Heartbeat {
	h := &Heartbeat{quit: make(chan struct{})}
	go func() {
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
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
	h.once.Do(func() { close(h.quit) })
}
