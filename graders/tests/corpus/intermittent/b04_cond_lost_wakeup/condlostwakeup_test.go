package condlostwakeup

import (
	"testing"
	"time"
)

func TestLatch(t *testing.T) {
	l := NewLatch()
	done := make(chan struct{})
	go func() { l.Wait(); close(done) }()
	go l.Open()
	select {
	case <-done:
	case <-time.After(100 * time.Millisecond):
		t.Log("waiter is slow; not waiting for it")
	}
}
