package solution

import (
	"context"
	"sync"
)

func Merge[T any](ctx context.Context, a, b <-chan T) <-chan T {
	merged := make(chan T)
	var wg sync.WaitGroup
	forward := func(in <-chan T) {
		defer wg.Done()
		if in == nil {
			return
		}
		for {
			select {
			case <-ctx.Done():
				return
			case item, open := <-in:
				if !open {
					return
				}
				select {
				case merged <- item:
				case <-ctx.Done():
					return
				}
			}
		}
	}
	wg.Add(2)
	go forward(a)
	go forward(b)
	go func() {
		wg.Wait()
		close(merged)
	}()
	return merged
}
