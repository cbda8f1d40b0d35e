package mixed

import (
	"sync"
	"testing"
)

func TestMakesOnce(t *testing.T) {
	l := NewLazy(func() int { return 7 })
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() { defer wg.Done(); l.Get() }()
	}
	wg.Wait()
	if l.calls != 1 {
		t.Fatalf("made %d times", l.calls)
	}
}
