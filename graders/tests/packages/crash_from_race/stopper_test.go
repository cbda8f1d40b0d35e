package stopper

import (
	"sync"
	"testing"
)

func TestStopTwiceConcurrently(t *testing.T) {
	s := New()
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Stop()
		}()
	}
	wg.Wait()
}
