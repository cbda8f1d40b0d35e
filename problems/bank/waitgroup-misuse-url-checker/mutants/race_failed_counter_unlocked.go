// mutant: fixes the WaitGroup but counts failures with a plain failed++ from every goroutine
package solution

import (
	"errors"
	"sync"
)

var ErrEmptyURL = errors.New("empty url")

func CheckAll(urls []string, limit int, check func(url string) error) (errs []error, failed int) {
	errs = make([]error, len(urls))
	var wg sync.WaitGroup
	sem := make(chan struct{}, limit)

	for i, u := range urls {
		if u == "" {
			errs[i] = ErrEmptyURL
			failed++
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := check(u); err != nil {
				errs[i] = err
				failed++
			}
		}()
	}
	wg.Wait()
	return errs, failed
}
