// mutant: tells the late sender to skip its send through a plain bool written by the caller without synchronisation
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

	gaveUp := false
	ch := make(chan result)
	go func() {
		v, err := fetch(fctx)
		if gaveUp {
			return
		}
		ch <- result{v, err}
	}()

	select {
	case r := <-ch:
		return r.val, r.err
	case <-fctx.Done():
		gaveUp = true
		if err := ctx.Err(); err != nil {
			return "", err
		}
		return "", ErrTimeout
	}
}
