package e2e_test

import (
	"sync"
	"testing"

	"example.com/extonly/counter"
)

func TestManyWriters(t *testing.T) {
	var c counter.Counter
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				c.Inc()
			}
		})
	}
	wg.Wait()
	if c.Value() != 8000 {
		t.Fatalf("Value = %d, want 8000", c.Value())
	}
}
