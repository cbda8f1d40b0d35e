// mutant: uses break to "stop reading" a closed input; break only leaves the select, so once both inputs are closed the loop spins forever and out is never closed
package solution

import "context"

func Merge[T any](ctx context.Context, a, b <-chan T) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for {
			var v T
			var ok bool
			select {
			case v, ok = <-a:
				if !ok {
					break
				}
			case v, ok = <-b:
				if !ok {
					break
				}
			case <-ctx.Done():
				return
			}
			if !ok {
				continue
			}
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
