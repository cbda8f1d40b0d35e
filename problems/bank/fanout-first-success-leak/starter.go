package solution

import (
	"context"
	"errors"
)

// ErrNoFetchers is returned when FirstSuccess is called without any fetcher.
var ErrNoFetchers = errors.New("firstsuccess: no fetchers")

// FirstSuccess asks every fetcher at once and returns the first value that
// comes back without an error. See the statement for the full contract.
func FirstSuccess(ctx context.Context, fetchers []func(context.Context) (string, error)) (string, error) {
	results := make(chan string)
	errs := make(chan error)
	for _, fetch := range fetchers {
		go func() {
			v, err := fetch(ctx)
			if err != nil {
				errs <- err
				return
			}
			results <- v
		}()
	}

	var failed []error
	for {
		select {
		case v := <-results:
			return v, nil
		case err := <-errs:
			failed = append(failed, err)
			if len(failed) == len(fetchers) {
				return "", errors.Join(failed...)
			}
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}
