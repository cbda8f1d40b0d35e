// mutant: rewrites it as a pool of limit workers ranging over a jobs channel, waits per job, but never closes jobs
package solution

import (
	"errors"
	"sync"
)

var ErrEmptyURL = errors.New("empty url")

func CheckAll(urls []string, limit int, check func(url string) error) (errs []error, failed int) {
	errs = make([]error, len(urls))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < limit; w++ {
		go func() {
			for i := range jobs {
				errs[i] = check(urls[i])
				wg.Done()
			}
		}()
	}
	for i, u := range urls {
		if u == "" {
			errs[i] = ErrEmptyURL
			continue
		}
		wg.Add(1)
		jobs <- i
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			failed++
		}
	}
	return errs, failed
}
