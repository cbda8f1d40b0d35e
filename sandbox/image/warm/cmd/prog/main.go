// Command prog stands in for a quiz program: package main, built with and
// without -race, so that the link step's inputs are in the warm cache.
package main

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	results := make(chan int)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case results <- i * i:
			case <-ctx.Done():
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	sum := 0
	for v := range results {
		sum += v
	}
	if _, err := fmt.Fprintln(os.Stdout, "sum", sum); err != nil {
		os.Exit(1)
	}
}
