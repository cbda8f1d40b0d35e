// mutant: Stop only stops the ticker, as if that closed t.C; the loop waits on t.C forever
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

	tmu    sync.Mutex
	ticker *time.Ticker
}

// NewWatchdog returns a watchdog; call Start to begin sampling.
func NewWatchdog(interval time.Duration, threshold int, sample func() int, onAlert func(n int)) *Watchdog {
	return &Watchdog{
		interval:  interval,
		threshold: threshold,
		sample:    sample,
		onAlert:   onAlert,
	}
}

// Start begins sampling in the background. Call it once.
func (w *Watchdog) Start() {
	w.tmu.Lock()
	w.ticker = time.NewTicker(w.interval)
	t := w.ticker
	w.tmu.Unlock()
	go w.loop(t)
}

func (w *Watchdog) loop(t *time.Ticker) {

	above := false
	for range t.C {
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
	w.tmu.Lock()
	defer w.tmu.Unlock()
	w.ticker.Stop()
}

// Alerts returns a copy of the samples that raised an alert so far.
func (w *Watchdog) Alerts() []int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]int(nil), w.alerts...)
}
