// mutant: waits for all forwarders and closes out before returning it, so nobody can read while they send
package solution

import (
	"context"
	"sync"
)

// Merge forwards the values of all inputs to the returned channel, keeping
// each input's order. The channel is closed once every input is closed, or
// soon after ctx is cancelled; either way all goroutines Merge started exit,
// even if the caller has stopped reading.
func Merge(ctx context.Context, inputs ...<-chan int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	wg.Add(len(inputs)) // before any goroutine starts, so Wait cannot run early
	for _, in := range inputs {
		go func() {
			defer wg.Done()
			for {
				select {
				case v, ok := <-in:
					if !ok {
						return
					}
					select {
					case out <- v:
					case <-ctx.Done(): // the reader may be gone: never block on out alone
						return
					}
				case <-ctx.Done(): // the input may never close
					return
				}
			}
		}()
	}
	wg.Wait()
	close(out)
	return out
}
