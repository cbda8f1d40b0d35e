package partialresultstimeout

import "time"

func fetch(i int) int {
	time.Sleep(time.Duration(i) * 300 * time.Microsecond)
	return i * 10
}

// Gather collects what n fetchers return within d.
func Gather(n int, d time.Duration) []int {
	results := make(chan int)
	for i := 0; i < n; i++ {
		go func() { results <- fetch(i) }()
	}
	deadline := time.After(d)
	var got []int
	for len(got) < n {
		select {
		case v := <-results:
			got = append(got, v)
		case <-deadline:
			return got
		}
	}
	return got
}
