package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	processed := 0

	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			default:
				processed++ // (A)
				time.Sleep(time.Millisecond)
			}
		}
	}()

	time.Sleep(20 * time.Millisecond)
	cancel()
	fmt.Println("processed:", processed) // (B)
}
