// mutant: returns the derived context's error (context.DeadlineExceeded) instead of ErrTimeout
package solution

import (
	"context"
	"errors"
	"time"
)

var ErrTimeout = errors.New("fetch timed out")

func FetchWithTimeout(ctx context.Context, d time.Duration, fetch func(ctx context.Context) (string, error)) (string, error) {
	type result struct {
		val string
		err error
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()

	ch := make(chan result, 1)
	go func() {
		v, err := fetch(ctx)
		ch <- result{v, err}
	}()

	select {
	case r := <-ch:
		return r.val, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
