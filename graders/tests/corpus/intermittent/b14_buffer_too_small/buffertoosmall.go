package buffertoosmall

import (
	"errors"
	"time"
)

func work(i int) error {
	time.Sleep(time.Duration((i*7)%5) * 100 * time.Microsecond)
	if i == 2 {
		return errors.New("worker 2 failed")
	}
	return nil
}

// RunAll runs n workers and returns the first error.
func RunAll(n int) error {
	errs := make(chan error, n-2)
	for i := 0; i < n; i++ {
		go func() { errs <- work(i) }()
	}
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}
