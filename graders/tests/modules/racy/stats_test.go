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
		go func() {
			defer wg.Done()
			for range 100 {
				s.Hit("a")
				_ = s.Count("a")
			}
		}()
	}
	wg.Wait()
	if s.Count("a") != 400 {
		t.Fatalf("Count = %d", s.Count("a"))
	}
}
