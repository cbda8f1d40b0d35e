package solution

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
)

type Stats struct {
	mu    sync.Mutex
	count int
}

// Snapshot copies the lock: copylocks.
func Snapshot(s Stats) int { return s.count }

func Use(s *Stats) int { return Snapshot(*s) }

// Deadline drops its cancel function: lostcancel.
func Deadline(parent context.Context) context.Context {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return ctx
}

// Report has a wrong verb: printf.
func Report(n int) string {
	return fmt.Sprintf("count=%s", n)
}

// Label discards its result: unusedresult.
func Label(s string) string {
	fmt.Sprintf("label:%s", s)
	return strings.ToUpper(s)
}

// Spawn calls Add inside the new goroutine: waitgroup.
func Spawn(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		go func() {
			wg.Add(1)
			defer wg.Done()
		}()
	}
	wg.Wait()
}
