package overflowreset

import (
	"sync"
	"testing"
)

func TestHits(t *testing.T) {
	w := &Window{limit: 50}
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 30; i++ {
				w.Hit()
			}
		}()
	}
	wg.Wait()
	_ = w.Resets()
}
