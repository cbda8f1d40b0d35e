// mutant: guards the close with sync.Once so it cannot be closed twice, but the first input to finish closes out while the others still send; the race detector reports the close racing the send, and the panic is its consequence
package solution

import (
	"context"
	"sync"
)

func Merge(ctx context.Context, inputs ...<-chan int) <-chan int {
	out := make(chan int)
	var once sync.Once
	if len(inputs) == 0 {
		close(out)
	}
	for _, in := range inputs {
		go func() {
			defer once.Do(func() { close(out) })
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
		}()
	}
	return out
}
