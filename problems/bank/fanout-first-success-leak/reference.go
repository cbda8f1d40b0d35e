package solution

import (
	"context"
	"errors"
)

// ErrNoFetchers is returned when FirstSuccess is called without any fetcher.
var ErrNoFetchers = errors.New("firstsuccess: no fetchers")

type fetchResult struct {
	value string
	err   error
}

// FirstSuccess asks every fetcher at once and returns the first value that
// comes back without an error.
func FirstSuccess(ctx context.Context, fetchers []func(context.Context) (string, error)) (string, error) {
	if len(fetchers) == 0 {
		return "", ErrNoFetchers
	}
	// The losers are told to stop as soon as we return, whatever the outcome.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// One slot per fetcher: every sender can always deliver and exit, even
	// after nobody is listening any more.
	results := make(chan fetchResult, len(fetchers))
	for _, fetch := range fetchers {
		go func() {
			v, err := fetch(ctx)
			results <- fetchResult{v, err}
		}()
	}

	var failed []error
	for range fetchers {
		select {
		case r := <-results:
			if r.err == nil {
				return r.value, nil
			}
			failed = append(failed, r.err)
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	return "", errors.Join(failed...)
}
