package condloopunderlock

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
	l.cond.Broadcast()
}

func (l *Latch) Wait() {
	l.mu.Lock()
	for !l.ready {
		l.cond.Wait()
	}
	l.mu.Unlock()
}
