package vendored

import (
	"sync"
	"testing"
)

func TestConcurrentAdds(t *testing.T) {
	r := NewRecent(3)
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() { defer wg.Done(); r.Add(i) }()
	}
	wg.Wait()
	if got := len(r.Last()); got != 3 {
		t.Fatalf("len(Last) = %d, want 3", got)
	}
}
