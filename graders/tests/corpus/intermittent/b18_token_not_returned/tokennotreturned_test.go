package tokennotreturned

import (
	"context"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	l := NewLimiter(1)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Microsecond)
	defer cancel()
	for i := 0; i < 3; i++ {
		go l.Do(ctx, func() { time.Sleep(100 * time.Microsecond) })
	}
	time.Sleep(time.Millisecond)
	done := make(chan struct{})
	go func() { _ = l.Do(context.Background(), func() {}); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Millisecond):
	}
}
