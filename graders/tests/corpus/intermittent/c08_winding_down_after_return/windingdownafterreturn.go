package windingdownafterreturn

import (
	"sync/atomic"
	"time"
)

var flushed atomic.Int64

// FlushAsync writes n records in the background and returns at once.
func FlushAsync(n int) {
	for i := 0; i < n; i++ {
		go func() {
			time.Sleep(time.Duration(i%5) * time.Millisecond)
			flushed.Add(1)
		}()
	}
}
