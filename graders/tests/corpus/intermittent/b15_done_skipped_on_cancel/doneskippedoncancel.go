package doneskippedoncancel

import (
	"context"
	"sync"
	"time"
)

// Squares computes squares of 0..n-1 until ctx ends.
func Squares(ctx context.Context, n int) <-chan int {
	out := make(chan int, n)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			time.Sleep(time.Duration(i%4) * 200 * time.Microsecond)
			if ctx.Err() != nil {
				return
			}
			defer wg.Done()
			out <- i * i
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}
