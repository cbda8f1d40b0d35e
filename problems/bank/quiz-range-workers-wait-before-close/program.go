package main

import (
	"fmt"
	"sync"
)

func main() {
	jobs := make(chan int)
	var wg sync.WaitGroup

	for w := 1; w <= 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				fmt.Println("worker", w, "finished job", j)
			}
		}()
	}

	for j := 1; j <= 3; j++ {
		jobs <- j
	}

	wg.Wait()
	close(jobs)
	fmt.Println("all jobs done")
}
