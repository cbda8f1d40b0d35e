// mutant: cancels the fetch's context on timeout but keeps the unbuffered result channel, so every late sender blocks forever
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
	fctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()

	ch := make(chan result)
	go func() {
		v, err := fetch(fctx)
		ch <- result{v, err}
	}()

	select {
	case r := <-ch:
		return r.val, r.err
	case <-fctx.Done():
		if err := ctx.Err(); err != nil {
			return "", err
		}
		return "", ErrTimeout
	}
}
