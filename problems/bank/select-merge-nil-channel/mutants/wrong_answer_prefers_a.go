// mutant: gives a priority with a nested select+default (drain a first, then look at b), which starves b while a always has data
package solution

import "context"

func Merge[T any](ctx context.Context, a, b <-chan T) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for a != nil || b != nil {
			var v T
			var ok, got bool
			select {
			case v, ok = <-a:
				if !ok {
					a = nil
					continue
				}
				got = true
			default:
			}
			if !got {
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
