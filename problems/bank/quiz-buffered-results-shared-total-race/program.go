package main

import (
	"fmt"
	"sync"
)

func main() {
	results := make(chan int, 3)
	var wg sync.WaitGroup
	total := 0
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i * i
			total += i
		}()
	}
	wg.Wait()
	close(results)

	sum := 0
	for v := range results {
		sum += v
	}
	fmt.Println(sum, total)
}
