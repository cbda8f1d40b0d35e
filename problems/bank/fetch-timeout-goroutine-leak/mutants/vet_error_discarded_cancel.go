// mutant: derives the timeout context but throws the cancel function away (go vet: lostcancel)
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
	fctx, _ := context.WithTimeout(ctx, d)

	ch := make(chan result, 1)
	go func() {
		v, err := fetch(fctx)
		ch <- result{v, err}
	}()

	select {
	case r := <-ch:
		if r.err != nil && fctx.Err() != nil {
			if err := ctx.Err(); err != nil {
				return "", err
			}
			return "", ErrTimeout
		}
		return r.val, r.err
	case <-fctx.Done():
		if err := ctx.Err(); err != nil {
			return "", err
		}
		return "", ErrTimeout
	}
}
