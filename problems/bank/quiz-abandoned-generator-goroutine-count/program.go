package main

import (
	"fmt"
	"runtime"
	"time"
)

// numbers streams 0, 1, 2, ... to whoever reads the channel.
func numbers() <-chan int {
	ch := make(chan int)
	go func() {
		for i := 0; ; i++ {
			ch <- i
		}
	}()
	return ch
}

func firstThree() []int {
	var out []int
	for n := range numbers() {
		out = append(out, n)
		if len(out) == 3 {
			break
		}
	}
	return out
}

func main() {
	for i := 0; i < 5; i++ {
		fmt.Println(firstThree())
	}
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
