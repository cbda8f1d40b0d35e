// mutant: closes the results channel once it has a winner "so the others stop", and the losers then send on a closed channel
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

	results := make(chan result)
	for _, fetch := range fetchers {
		go func() {
			v, err := fetch(ctx)
			results <- result{v, err}
		}()
	}
	var failed []error
	for range fetchers {
		r := <-results
		if r.err == nil {
			close(results) // nobody else needs to answer
			return r.v, nil
		}
		failed = append(failed, r.err)
	}
	return "", errors.Join(failed...)
}
