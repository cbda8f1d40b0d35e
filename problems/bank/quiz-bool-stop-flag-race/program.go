package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	stop := false
	done := make(chan int)

	go func() {
		polls := 0
		for !stop {
			polls++
			runtime.Gosched()
		}
		done <- polls
	}()

	time.Sleep(10 * time.Millisecond)
	stop = true
	fmt.Println("polled:", <-done > 0)
}
