package condloopunderlock

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
	case <-time.After(5 * time.Second):
		t.Fatal("waiter never woke")
	}
}
