package solution

import (
	"sync"
	"testing"
)

func TestPublicEvictsLeastRecentlyUsed(t *testing.T) {
	c := NewLRU(2)
	c.Put("a", []byte("1"))
	c.Put("b", []byte("2"))
	if v, ok := c.Get("a"); !ok || string(v) != "1" { // a is now more recent than b
		t.Fatalf("Get(a) = %q, %v; want 1, true", v, ok)
	}
	c.Put("c", []byte("3")) // evicts b
	if _, ok := c.Get("b"); ok {
		t.Fatal("b should have been evicted")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.Get(k); !ok {
			t.Fatalf("%s should still be cached", k)
		}
	}
	if n := c.Len(); n != 2 {
		t.Fatalf("Len() = %d, want 2", n)
	}
}

func TestPublicConcurrentUse(t *testing.T) {
	c := NewLRU(16)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				k := string(rune('a' + (g+i)%26))
				c.Put(k, []byte(k))
				if v, ok := c.Get(k); ok && string(v) != k {
					t.Errorf("Get(%q) = %q", k, v)
					return
				}
			}
		}()
	}
	wg.Wait()
	if n := c.Len(); n > 16 {
		t.Fatalf("Len() = %d, capacity is 16", n)
	}
}
