// mutant: watches ctx while receiving but sends with a plain out <- v, so a reader that cancels and leaves strands the goroutine on that send
package solution

import "context"

func Merge[T any](ctx context.Context, a, b <-chan T) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for a != nil || b != nil {
			select {
			case v, ok := <-a:
				if !ok {
					a = nil
					continue
				}
				out <- v
			case v, ok := <-b:
				if !ok {
					b = nil
					continue
				}
				out <- v
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
