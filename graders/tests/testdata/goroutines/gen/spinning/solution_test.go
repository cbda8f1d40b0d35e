package solution

import (
	"sync/atomic"
	"testing"
)

// TestSpins waits for a result the spinning goroutine never sends: at the timeout that
// goroutine is running on another thread, so the runtime prints no stack for it.
func TestSpins(t *testing.T) {
	var stop atomic.Bool
	var n atomic.Int64
	done := make(chan struct{})
	go func() { Spin(&stop, &n); close(done) }()
	<-done
}
