package solution

import "context"

// Merge forwards every value from a and b to the returned channel and closes
// it when both inputs are closed or ctx is done. See the statement.
func Merge[T any](ctx context.Context, a, b <-chan T) <-chan T {
	out := make(chan T)
	// TODO: one goroutine, one select loop.
	close(out)
	return out
}
