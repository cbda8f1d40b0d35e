package solution

import (
	"sync"
	"sync/atomic"
	"time"
)

// Heartbeat calls beat once per interval until it is stopped.
type Heartbeat struct {
	quit     chan struct{} // closed by the first Stop
	done     chan struct{} // closed by the loop when it has returned
	stopOnce sync.Once
	beats    atomic.Int64
}

// StartHeartbeat starts calling beat every interval in the background.
func StartHeartbeat(interval time.Duration, beat func()) *Heartbeat {
	h := &Heartbeat{quit: make(chan struct{}), done: make(chan struct{})}
	ticker := time.NewTicker(interval)
	go func() {
		defer close(h.done)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				// Both cases can be ready at once and select picks at random:
				// check quit again so no beat starts after Stop.
				select {
				case <-h.quit:
					return
				default:
				}
				beat()
				h.beats.Add(1)
			case <-h.quit:
				return // return, not break: break would only leave the select
			}
		}
	}()
	return h
}

// Beats reports how many beat calls have completed so far.
func (h *Heartbeat) Beats() int64 { return h.beats.Load() }

// Stop ends the heartbeat and waits for a beat in progress to finish. It is
// safe to call more than once and from several goroutines.
func (h *Heartbeat) Stop() {
	h.stopOnce.Do(func() { close(h.quit) })
	<-h.done
}
