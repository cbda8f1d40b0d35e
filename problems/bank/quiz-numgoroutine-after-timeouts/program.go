package main

import (
	"errors"
	"fmt"
	"runtime"
	"time"
)

var errTimeout = errors.New("timeout")

// slowBackend answers after 50ms on the channel it is given.
func slowBackend(ch chan<- int) {
	time.Sleep(50 * time.Millisecond)
	ch <- 42
}

func query(ch chan int, timeout time.Duration) (int, error) {
	go slowBackend(ch)
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(timeout):
		return 0, errTimeout
	}
}

func main() {
	base := runtime.NumGoroutine()

	for i := 0; i < 10; i++ {
		query(make(chan int), time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	fmt.Println(runtime.NumGoroutine() - base)

	for i := 0; i < 10; i++ {
		query(make(chan int, 1), time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	fmt.Println(runtime.NumGoroutine() - base)
}
