package sharederrvariable

import (
	"errors"
	"sync"
	"time"
)

// Ping pings every host; a host answers only if its delay fits in budget.
func Ping(delays []time.Duration, budget time.Duration) error {
	var err error
	var wg sync.WaitGroup
	start := time.Now()
	for _, d := range delays {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(d)
			if time.Since(start) > budget {
				err = errors.New("host too slow")
			}
		}()
	}
	wg.Wait()
	return err
}
