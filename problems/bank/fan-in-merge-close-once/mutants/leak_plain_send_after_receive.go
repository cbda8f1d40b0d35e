// mutant: watches ctx while receiving, but sends with a bare out <- v: after cancel, a forwarder holding a value blocks forever once the consumer stops reading
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
					out <- v
				case <-ctx.Done(): // the input may never close
					return
				}
			}
		}()
	}
	// Exactly one goroutine closes out, after the last sender is done.
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}
