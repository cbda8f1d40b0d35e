// Package ticker starts a poller that nobody can stop: a leak goleak must report.
package ticker

import (
	"sync/atomic"
	"time"
)

var polls atomic.Int64

// StartPolling polls every interval, for ever.
func StartPolling(interval time.Duration) {
	go func() {
		ticker := time.NewTicker(interval)
		for range ticker.C {
			polls.Add(1)
		}
	}()
}
