package barrierreuse

import "sync"

type Barrier struct {
	mu      sync.Mutex
	cond    *sync.Cond
	n, seen int
}

func NewBarrier(n int) *Barrier {
	b := &Barrier{n: n}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *Barrier) Await() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.seen++
	if b.seen == b.n {
		b.seen = 0
		b.cond.Broadcast()
		return
	}
	for b.seen != 0 {
		b.cond.Wait()
	}
}
