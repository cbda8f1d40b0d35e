package checkthenact

import (
	"sync"
	"sync/atomic"
	"testing"
)

func TestReserveLastItems(t *testing.T) {
	var s Stock
	s.left.Store(3)
	var sold atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if s.Reserve() {
				sold.Add(1)
			}
		}()
	}
	wg.Wait()
	if sold.Load() > 3 {
		t.Fatalf("sold %d of 3 items", sold.Load())
	}
}
