package oncepublication

import (
	"sync"
	"testing"
	"time"
)

func TestGet(t *testing.T) {
	var l Lazy
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 100 * time.Microsecond)
			if len(l.Get()) != 3 {
				t.Error("wrong value")
			}
		}()
	}
	wg.Wait()
}
