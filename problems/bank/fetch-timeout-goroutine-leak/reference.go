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
	// fetch sees a context that ends when we stop waiting, so it can give up too.
	fctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()

	// One slot: the sender never blocks, even when nobody is left to receive.
	ch := make(chan result, 1)
	go func() {
		v, err := fetch(fctx)
		ch <- result{v, err}
	}()

	select {
	case r := <-ch:
		if r.err != nil && fctx.Err() != nil {
			// fetch gave up because our deadline (or the caller) ended it.
			return "", stopReason(ctx)
		}
		return r.val, r.err
	case <-fctx.Done():
		return "", stopReason(ctx)
	}
}

func stopReason(parent context.Context) error {
	if err := parent.Err(); err != nil {
		return err
	}
	return ErrTimeout
}
