package solution

import (
	"context"
	"time"
)

// Batch groups the values read from in into batches of at most size values, so that the
// caller can write them to the database in bulk.
func Batch(ctx context.Context, in <-chan int, size int, maxWait time.Duration) <-chan []int {
	out := make(chan []int)
	go func() {
		var buf []int
		for {
			select {
			case v := <-in:
				buf = append(buf, v)
				if len(buf) == size {
					out <- buf
					buf = buf[:0]
				}
			case <-time.After(maxWait):
				if len(buf) > 0 {
					out <- buf
					buf = buf[:0]
				}
			}
		}
	}()
	return out
}
