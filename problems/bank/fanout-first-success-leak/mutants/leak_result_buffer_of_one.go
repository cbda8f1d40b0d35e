// mutant: copies the "make(chan int, 1)" fix literally: one buffer slot, so every loser after the first blocks on its send forever
package solution

import (
	"context"
	"errors"
)

var ErrNoFetchers = errors.New("firstsuccess: no fetchers")

type result struct {
	v   string
	err error
}

func FirstSuccess(ctx context.Context, fetchers []func(context.Context) (string, error)) (string, error) {
	if len(fetchers) == 0 {
		return "", ErrNoFetchers
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	results := make(chan result, 1) // buffered, so the sender never blocks
	for _, fetch := range fetchers {
		go func() {
			v, err := fetch(ctx)
			results <- result{v, err}
		}()
	}
	var failed []error
	for range fetchers {
		select {
		case r := <-results:
			if r.err == nil {
				return r.v, nil
			}
			failed = append(failed, r.err)
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	return "", errors.Join(failed...)
}
