// mutant: moves wg.Add before the go statement but still returns early for empty URLs before the deferred Done is registered
package solution

import (
	"errors"
	"sync"
)

var ErrEmptyURL = errors.New("empty url")

func CheckAll(urls []string, limit int, check func(url string) error) (errs []error, failed int) {
	errs = make([]error, len(urls))
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, limit)

	for i, u := range urls {
		wg.Add(1)
		go func() {
			if u == "" {
				errs[i] = ErrEmptyURL
				mu.Lock()
				failed++
				mu.Unlock()
				return
			}
			defer wg.Done()
			sem <- struct{}{}
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
