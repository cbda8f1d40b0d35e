package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	results := make([]int, 3)

	// Loop A
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = i * 10
		}()
	}
	wg.Wait()

	// Loop B
	var j int
	for j = 0; j < 3; j++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println("job", j)
		}()
	}
	wg.Wait()
	fmt.Println(results)
}
