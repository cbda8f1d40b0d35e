package solution

import "context"

// Merge forwards every value from a and b to the returned channel and closes
// it when both inputs are closed or ctx is done.
func Merge[T any](ctx context.Context, a, b <-chan T) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		// A nil channel is never ready in a select: setting an input to nil
		// switches its case off once it is closed (and a nil input starts off).
		for a != nil || b != nil {
			var v T
			var ok bool
			select {
			case v, ok = <-a:
				if !ok {
					a = nil
					continue
				}
			case v, ok = <-b:
				if !ok {
					b = nil
					continue
				}
			case <-ctx.Done():
				return
			}
			// The send also watches ctx: a reader that walked away must not
			// strand this goroutine.
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
