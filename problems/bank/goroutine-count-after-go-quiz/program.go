package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	gate := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 1000; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
		}()
	}
	fmt.Println(runtime.NumGoroutine())
	close(gate)
	wg.Wait()
	fmt.Println("done")
}
