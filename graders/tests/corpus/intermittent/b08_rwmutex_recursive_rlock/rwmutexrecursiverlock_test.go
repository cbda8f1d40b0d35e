package rwmutexrecursiverlock

import "testing"

func TestTotal(t *testing.T) {
	s := NewStore()
	s.Set("a", 1)
	s.Set("b", 2)
	if s.Total("a", "b") != 3 {
		t.Fatal("wrong total")
	}
}

func TestTotalWithWriter(t *testing.T) {
	s := NewStore()
	go func() {
		for i := 0; i < 10; i++ {
			s.Set("a", i)
		}
	}()
	go func() {
		for i := 0; i < 10; i++ {
			s.Total("a", "b", "c")
		}
	}()
}
