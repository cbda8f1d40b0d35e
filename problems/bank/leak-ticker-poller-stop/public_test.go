package solution

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

func TestPollerPollsUntilStopped(t *testing.T) {
	var polls atomic.Int64
	p := StartPoller(context.Background(), time.Millisecond, func(context.Context) { polls.Add(1) })

	deadline := time.Now().Add(5 * time.Second)
	for polls.Load() < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("only %d polls after 5s with a 1ms interval", polls.Load())
		}
		time.Sleep(time.Millisecond)
	}

	p.Stop()
	after := polls.Load()
	time.Sleep(50 * time.Millisecond)
	if got := polls.Load(); got != after {
		t.Fatalf("poll was called %d more times after Stop returned", got-after)
	}
}
