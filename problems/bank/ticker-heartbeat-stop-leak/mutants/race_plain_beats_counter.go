// mutant: gets Stop right but keeps the beat count in a plain int64 written by the loop and read by Beats
package solution

import (
	"sync"
	"time"
)

type Heartbeat struct {
	quit  chan struct{}
	done  chan struct{}
	once  sync.Once
	beats int64
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
				h.beats++
			case <-h.quit:
				return
			}
		}
	}()
	return h
}

func (h *Heartbeat) Beats() int64 { return h.beats }

func (h *Heartbeat) Stop() {
	h.once.Do(func() { close(h.quit) })
	<-h.done
}
