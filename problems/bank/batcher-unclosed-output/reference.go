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
		defer close(out) // the only close, on every exit path

		var buf []int
		timer := time.NewTimer(maxWait)
		timer.Stop()
		var deadline <-chan time.Time // nil (never ready) while buf is empty

		// emit hands buf to the consumer, or gives up if ctx ends first.
		emit := func() bool {
			timer.Stop()
			deadline = nil
			select {
			case out <- buf:
				buf = nil // the consumer owns that slice now
				return true
			case <-ctx.Done():
				return false
			}
		}

		for {
			select {
			case <-ctx.Done():
				return
			case v, ok := <-in:
				if !ok {
					if len(buf) > 0 {
						emit()
					}
					return
				}
				if len(buf) == 0 {
					// maxWait counts from the first value of the batch, not from the last.
					timer.Reset(maxWait)
					deadline = timer.C
				}
				buf = append(buf, v)
				if len(buf) == size && !emit() {
					return
				}
			case <-deadline:
				if !emit() {
					return
				}
			}
		}
	}()
	return out
}
