// mutant: closes the result channel on timeout "to unblock the sender", so a late fetch panics with send on closed channel; the race detector reports the close racing the send, and the panic is its consequence
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
		close(ch) // nobody will read it any more
		if err := ctx.Err(); err != nil {
			return "", err
		}
		return "", ErrTimeout
	}
}
