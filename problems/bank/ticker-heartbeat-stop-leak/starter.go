package solution

import "time"

// Heartbeat calls beat once per interval until it is stopped.
type Heartbeat struct {
	quit  chan struct{}
	beats int64
}

// StartHeartbeat starts calling beat every interval in the background.
func StartHeartbeat(interval time.Duration, beat func()) *Heartbeat {
	h := &Heartbeat{quit: make(chan struct{})}
	go func() {
		ticker := time.NewTicker(interval)
		for {
			select {
			case <-ticker.C:
				beat()
				h.beats++
			case <-h.quit:
				break
			}
		}
	}()
	return h
}

// Beats reports how many beat calls have completed so far.
func (h *Heartbeat) Beats() int64 { return h.beats }

// Stop ends the heartbeat.
func (h *Heartbeat) Stop() { close(h.quit) }
