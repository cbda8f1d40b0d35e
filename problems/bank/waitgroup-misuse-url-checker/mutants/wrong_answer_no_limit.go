// mutant: fixes the WaitGroup bookkeeping but drops the semaphore, so all checks run at once
package solution

import (
	"errors"
	"sync"
)

var ErrEmptyURL = errors.New("empty url")

func CheckAll(urls []string, limit int, check func(url string) error) (errs []error, failed int) {
	errs = make([]error, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		if u == "" {
			errs[i] = ErrEmptyURL
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = check(u)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			failed++
		}
	}
	return errs, failed
}
