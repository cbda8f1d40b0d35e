package solution

import (
	"context"
	"errors"
	"time"
)

// ErrTimeout is returned when fetch does not finish within the allowed time.
var ErrTimeout = errors.New("fetch timed out")

// FetchWithTimeout runs fetch and returns its result, or ErrTimeout when fetch takes
// longer than d, or ctx.Err() when the caller's ctx ends first.
func FetchWithTimeout(ctx context.Context, d time.Duration, fetch func(ctx context.Context) (string, error)) (string, error) {
	type result struct {
		val string
		err error
	}
	ch := make(chan result)
	go func() {
		v, err := fetch(ctx)
		ch <- result{v, err}
	}()

	select {
	case r := <-ch:
		return r.val, r.err
	case <-time.After(d):
		return "", ErrTimeout
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
