package idlecounter

import (
	"sync"
	"testing"
)

func TestDrain(t *testing.T) {
	q := &Queue{}
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				v, ok := q.Pop()
				if !ok {
					continue
				}
				if v < 0 {
					return
				}
				mu.Lock()
				total += v
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < 200; i++ {
		q.Push(i)
	}
	q.Push(-1)
	q.Push(-1)
	wg.Wait()
	if total != 199*200/2 {
		t.Fatalf("total %d", total)
	}
}
