package barrierreuse

import (
	"sync"
	"testing"
	"time"
)

func TestBarrierRounds(t *testing.T) {
	b := NewBarrier(3)
	var wg sync.WaitGroup
	done := make(chan struct{})
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 3; round++ {
				b.Await()
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(200 * time.Millisecond):
		t.Log("rounds are slow")
	}
}
