package solution

import (
	"sync"
	"testing"
)

func TestExampleSequential(t *testing.T) {
	c := NewHitCounter()
	if n := c.Inc("/a"); n != 1 {
		t.Fatalf("first Inc = %d; want 1", n)
	}
	c.Inc("/a")
	c.Inc("/b")
	if a, b, z := c.Get("/a"), c.Get("/b"), c.Get("/zzz"); a != 2 || b != 1 || z != 0 {
		t.Fatalf("Get = %d %d %d; want 2 1 0", a, b, z)
	}
	if tot := c.Total(); tot != 3 {
		t.Fatalf("Total() = %d; want 3", tot)
	}
	snap := c.Snapshot()
	if len(snap) != 2 || snap["/a"] != 2 || snap["/b"] != 1 {
		t.Fatalf("Snapshot() = %v; want map[/a:2 /b:1]", snap)
	}
}

func TestExampleConcurrentOneKey(t *testing.T) {
	c := NewHitCounter()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				c.Inc("/hot")
			}
		}()
	}
	wg.Wait()
	if n := c.Get("/hot"); n != 8000 {
		t.Fatalf("Get(/hot) = %d after 8x1000 Incs; want 8000", n)
	}
}
