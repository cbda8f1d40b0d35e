// mutant: one forwarding goroutine per input plus a closer; a nil input is never ready, so its forwarder (and the closer waiting for it) block forever
package solution

import (
	"context"
	"sync"
)

func Merge[T any](ctx context.Context, a, b <-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	forward := func(in <-chan T) {
		defer wg.Done()
		for {
			select {
			case v, ok := <-in:
				if !ok {
					return
				}
				select {
				case out <- v:
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}
	wg.Add(2)
	go forward(a)
	go forward(b)
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}
