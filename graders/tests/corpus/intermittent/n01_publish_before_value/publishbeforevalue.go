package publishbeforevalue

import (
	"sync"
	"sync/atomic"
	"time"
)

type Lazy struct {
	mu    sync.Mutex
	ready atomic.Bool
	value []int
}

func (l *Lazy) Get() []int {
	if l.ready.Load() {
		return l.value
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.ready.Load() {
		time.Sleep(200 * time.Microsecond)
		l.ready.Store(true)
		l.value = []int{1, 2, 3}
	}
	return l.value
}
