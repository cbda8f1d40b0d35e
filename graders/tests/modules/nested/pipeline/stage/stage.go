// Package stage squares numbers through a bounded buffer of the same module.
package stage

import (
	"sync"

	"example.com/nested/internal/buffer"
)

// Squares sends each input through a buffer of two to a worker and returns the sum of squares.
func Squares(in []int) int {
	buf := buffer.New(2)
	var wg sync.WaitGroup
	total := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range in {
			v := buf.Take()
			total += v * v
		}
	}()
	for _, v := range in {
		buf.Put(v)
	}
	wg.Wait()
	return total
}
