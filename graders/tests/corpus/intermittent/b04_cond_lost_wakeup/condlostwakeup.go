package condlostwakeup

import "sync"

type Latch struct {
	mu    sync.Mutex
	cond  *sync.Cond
	ready bool
}

func NewLatch() *Latch {
	l := &Latch{}
	l.cond = sync.NewCond(&l.mu)
	return l
}

func (l *Latch) Open() {
	l.mu.Lock()
	l.ready = true
	l.mu.Unlock()
	l.cond.Signal()
}

func (l *Latch) isReady() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ready
}

// Wait returns once Open was called.
func (l *Latch) Wait() {
	if l.isReady() {
		return
	}
	l.mu.Lock()
	l.cond.Wait()
	l.mu.Unlock()
}
