package solution

import (
	"fmt"
	"sync"
	"testing"
)

func TestExampleBasics(t *testing.T) {
	m := New[int](8)
	m.Store("a", 1)
	if v, ok := m.Load("a"); !ok || v != 1 {
		t.Fatalf("Load(a) = %d, %v; want 1, true", v, ok)
	}
	if v, loaded := m.LoadOrStore("a", 2); !loaded || v != 1 {
		t.Fatalf("LoadOrStore(a, 2) = %d, %v; want 1, true", v, loaded)
	}
	if v, loaded := m.LoadOrStore("b", 3); loaded || v != 3 {
		t.Fatalf("LoadOrStore(b, 3) = %d, %v; want 3, false", v, loaded)
	}
	m.Delete("a")
	if _, ok := m.Load("a"); ok || m.Len() != 1 {
		t.Fatalf("after Delete(a): Load ok=%v, Len=%d; want false, 1", ok, m.Len())
	}
}

func TestExampleConcurrentWriters(t *testing.T) {
	m := New[int](16)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				m.Store(fmt.Sprintf("w%d-%d", w, i), i)
			}
		}()
	}
	wg.Wait()
	if n := m.Len(); n != 1600 {
		t.Fatalf("Len() = %d, want 1600", n)
	}
}
