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
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, limit)

	for i, u := range urls {
		go func() {
			wg.Add(1)
			sem <- struct{}{}
			if u == "" {
				errs[i] = ErrEmptyURL
				mu.Lock()
				failed++
				mu.Unlock()
				return
			}
			defer wg.Done()
			defer func() { <-sem }()

			if err := check(u); err != nil {
				errs[i] = err
				mu.Lock()
				failed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return errs, failed
}
