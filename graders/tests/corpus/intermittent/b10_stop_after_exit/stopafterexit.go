package stopafterexit

import "time"

type Heartbeat struct {
	stop  chan struct{}
	beats chan int
}

// Start beats every period, at most max times.
func Start(period time.Duration, max int) *Heartbeat {
	h := &Heartbeat{stop: make(chan struct{}), beats: make(chan int, max)}
	go func() {
		ticker := time.NewTicker(period)
		defer ticker.Stop()
		for i := 0; i < max; i++ {
			select {
			case <-ticker.C:
				h.beats <- i
			case <-h.stop:
				return
			}
		}
	}()
	return h
}

func (h *Heartbeat) Stop() { h.stop <- struct{}{} }
