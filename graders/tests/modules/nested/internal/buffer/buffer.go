// Package buffer is a bounded FIFO shared by the stages.
package buffer

import "sync"

// Buffer holds at most Cap items; Put blocks while it is full.
type Buffer struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
	limit int
}

func New(limit int) *Buffer {
	b := &Buffer{limit: limit}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *Buffer) Put(v int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.items) == b.limit {
		b.cond.Wait()
	}
	b.items = append(b.items, v)
	b.cond.Broadcast()
}

func (b *Buffer) Take() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.items) == 0 {
		b.cond.Wait()
	}
	v := b.items[0]
	b.items = b.items[1:]
	b.cond.Broadcast()
	return v
}
