package solution

import (
	"errors"
	"sync"
)

// ErrEmptyURL is reported for an empty URL; check is not called for it.
var ErrEmptyURL = errors.New("empty url")

// CheckAll runs check on every URL, at most limit at a time. errs[i] is the result
// for urls[i] (nil when the check passed) and failed counts the non-nil errors.
func CheckAll(urls []string, limit int, check func(url string) error) (errs []error, failed int) {
	errs = make([]error, len(urls))
	var wg sync.WaitGroup
	sem := make(chan struct{}, limit)

	for i, u := range urls {
		if u == "" {
			errs[i] = ErrEmptyURL
			continue
		}
		sem <- struct{}{} // also bounds how many goroutines exist at once
		// wg.Go (Go 1.25) does Add(1) before the goroutine starts and Done when it
		// returns, on every path.
		wg.Go(func() {
			defer func() { <-sem }()
			errs[i] = check(u) // each goroutine owns its own index
		})
	}
	wg.Wait()

	for _, err := range errs {
		if err != nil {
			failed++
		}
	}
	return errs, failed
}
