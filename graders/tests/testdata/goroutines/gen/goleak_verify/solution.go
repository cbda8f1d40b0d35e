package solution

import "time"

func worker(jobs chan int) {
	for range jobs {
	}
}

func poller(stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(time.Hour):
		}
	}
}

// Start leaks two goroutines: nobody closes jobs or stop.
func Start() {
	go worker(make(chan int))
	go poller(make(chan struct{}))
}
