package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	for range 50000 {
		ch := make(chan int)
		go func() { <-ch }()
	}
	time.Sleep(2100 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
