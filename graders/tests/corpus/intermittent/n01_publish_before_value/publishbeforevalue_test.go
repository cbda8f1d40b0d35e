package publishbeforevalue

import (
	"sync"
	"testing"
	"time"
)

func TestGet(t *testing.T) {
	var l Lazy
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 150 * time.Microsecond)
			_ = l.Get()
		}()
	}
	wg.Wait()
	if len(l.Get()) != 3 {
		t.Fatal("wrong value")
	}
}
