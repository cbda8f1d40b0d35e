// mutant: waits for every fetcher with a WaitGroup before reading the unbuffered results channel
package solution

import (
	"context"
	"errors"
	"sync"
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
	var wg sync.WaitGroup
	for _, fetch := range fetchers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := fetch(ctx)
			results <- result{v, err}
		}()
	}
	wg.Wait() // everyone has answered: safe to close
	close(results)

	var failed []error
	for r := range results {
		if r.err == nil {
			return r.v, nil
		}
		failed = append(failed, r.err)
	}
	return "", errors.Join(failed...)
}
