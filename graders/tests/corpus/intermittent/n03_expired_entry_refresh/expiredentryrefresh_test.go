package expiredentryrefresh

import (
	"sync"
	"testing"
	"time"
)

func TestGet(t *testing.T) {
	c := NewTTLCache(2*time.Millisecond, func(k string) int { return len(k) })
	c.Get("abc")
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if c.Get("abc") != 3 {
					t.Error("wrong value")
				}
				time.Sleep(50 * time.Microsecond)
			}
		}()
	}
	wg.Wait()
}
