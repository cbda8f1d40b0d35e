package racy

import (
	"sync"
	"testing"
)

func TestHitsWhileReading(t *testing.T) {
	s := NewStats()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() { defer wg.Done(); s.Hit("a") }()
	}
	_ = s.Count("a") // reads while the goroutines may still be writing
	wg.Wait()
	if got := s.Count("a"); got != 4 {
		t.Fatalf("Count = %d, want 4", got)
	}
}
