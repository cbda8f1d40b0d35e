package closeaftertimeout

import (
	"sync"
	"time"
)

func Collect(n int, d time.Duration) []int {
	results := make(chan int, n)
	var mu sync.Mutex
	for i := 0; i < n; i++ {
		go func() {
			time.Sleep(time.Duration(i) * 100 * time.Microsecond)
			mu.Lock()
			defer mu.Unlock()
			results <- i
		}()
	}
	var got []int
	timeout := time.After(d)
	for len(got) < n {
		select {
		case v := <-results:
			got = append(got, v)
		case <-timeout:
			close(results)
			return got
		}
	}
	return got
}
