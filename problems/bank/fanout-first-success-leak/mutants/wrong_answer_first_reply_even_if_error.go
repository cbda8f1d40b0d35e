// mutant: returns whatever comes back first, so a fast failure beats a slower success
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

	results := make(chan result, len(fetchers))
	for _, fetch := range fetchers {
		go func() {
			v, err := fetch(ctx)
			results <- result{v, err}
		}()
	}
	select {
	case r := <-results:
		return r.v, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
