package solution

import "time"

// Watchdog samples a gauge (typically runtime.NumGoroutine) at a fixed interval and
// raises an alert when the value goes above a threshold.
type Watchdog struct {
	interval  time.Duration
	threshold int
	sample    func() int
	onAlert   func(n int)

	ticker *time.Ticker
	alerts []int
}

// NewWatchdog returns a watchdog; call Start to begin sampling.
func NewWatchdog(interval time.Duration, threshold int, sample func() int, onAlert func(n int)) *Watchdog {
	return &Watchdog{interval: interval, threshold: threshold, sample: sample, onAlert: onAlert}
}

// Start begins sampling in the background.
func (w *Watchdog) Start() {
	w.ticker = time.NewTicker(w.interval)
	go func() {
		defer w.ticker.Stop()
		for range w.ticker.C {
			n := w.sample()
			if n > w.threshold {
				w.alerts = append(w.alerts, n)
				w.onAlert(n)
			}
		}
	}()
}

// Stop ends the sampling.
func (w *Watchdog) Stop() {
	w.ticker.Stop()
}

// Alerts returns the samples that raised an alert so far.
func (w *Watchdog) Alerts() []int {
	return w.alerts
}
