// mutant: avoids the double-close panic by sending on an unbuffered quit channel; the second Stop waits for a receiver that has already exited
package solution

import (
	"sync/atomic"
	"time"
)

type Heartbeat struct {
	quit   chan struct{}
	ticker *time.Ticker
	beats  atomic.Int64
}

func StartHeartbeat(interval time.Duration, beat func()) *Heartbeat {
	h := &Heartbeat{quit: make(chan struct{}), ticker: time.NewTicker(interval)}
	go func() {
		for {
			select {
			case <-h.ticker.C:
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

// Stop hands the loop a quit signal; the send completes only when the loop
// takes it, i.e. after any beat in progress.
func (h *Heartbeat) Stop() {
	h.quit <- struct{}{}
	h.ticker.Stop()
}
