// mutant: Stop closes the quit channel unconditionally, so a second Stop panics with close of closed channel
package solution

import (
	"sync"
	"time"
)

// Watchdog samples a gauge (typically runtime.NumGoroutine) at a fixed interval and
// raises an alert when the value goes above a threshold.
type Watchdog struct {
	interval  time.Duration
	threshold int
	sample    func() int
	onAlert   func(n int)

	mu     sync.Mutex // guards alerts
	alerts []int

	quit chan struct{} // closed by the first Stop
	done chan struct{} // closed when the loop has returned
}

// NewWatchdog returns a watchdog; call Start to begin sampling.
func NewWatchdog(interval time.Duration, threshold int, sample func() int, onAlert func(n int)) *Watchdog {
	return &Watchdog{
		interval:  interval,
		threshold: threshold,
		sample:    sample,
		onAlert:   onAlert,
		quit:      make(chan struct{}),
		done:      make(chan struct{}),
	}
}

// Start begins sampling in the background. Call it once.
func (w *Watchdog) Start() {
	go w.loop()
}

func (w *Watchdog) loop() {
	defer close(w.done)
	t := time.NewTicker(w.interval)
	defer t.Stop()

	above := false
	for {
		// Stopping a Ticker does not close t.C, so the loop needs its own exit.
		select {
		case <-w.quit:
			return
		case <-t.C:
		}
		n := w.sample()
		if n <= w.threshold {
			above = false
			continue
		}
		if above {
			continue // still the same excursion: alert once
		}
		above = true
		w.mu.Lock()
		w.alerts = append(w.alerts, n)
		w.mu.Unlock()
		w.onAlert(n) // outside the lock: the callback may call Alerts
	}
}

// Stop ends the sampling and returns once the background goroutine has exited.
// It may be called any number of times, from any goroutine.
func (w *Watchdog) Stop() {
	close(w.quit)
	<-w.done
}

// Alerts returns a copy of the samples that raised an alert so far.
func (w *Watchdog) Alerts() []int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]int(nil), w.alerts...)
}
