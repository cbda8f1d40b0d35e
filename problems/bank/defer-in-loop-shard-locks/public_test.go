package solution

import (
	"testing"
	"time"
)

func TestUpdateManyDistinctKeys(t *testing.T) {
	c := NewCounters()
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.UpdateMany([]string{"orders", "payments", "refunds"}, func(key string, old int) int { return old + len(key) })
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("UpdateMany did not return within 2s (is it waiting for a lock it already holds?)")
	}
	if c.Get("orders") != 6 || c.Get("payments") != 8 || c.Get("refunds") != 7 || c.Total() != 21 {
		t.Fatalf("got orders=%d payments=%d refunds=%d total=%d", c.Get("orders"), c.Get("payments"), c.Get("refunds"), c.Total())
	}
}

func TestUpdateManyRepeatedKey(t *testing.T) {
	c := NewCounters()
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.UpdateMany([]string{"clicks", "clicks"}, func(key string, old int) int { return old + 1 })
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("UpdateMany did not return within 2s for a batch that repeats a key")
	}
	if got := c.Get("clicks"); got != 2 {
		t.Fatalf("clicks = %d, want 2", got)
	}
}
