// Package batcher groups items and flushes them on size or on a timer.
package batcher

import (
	"sync"
	"time"
)

// Batcher collects items and hands them to flush in batches.
type Batcher struct {
	mu      sync.Mutex
	items   []string
	size    int
	flush   func([]string)
	stop    chan struct{}
	stopped sync.WaitGroup
}

// New starts a batcher that flushes every interval or when size items are waiting.
func New(size int, interval time.Duration, flush func([]string)) *Batcher {
	b := &Batcher{size: size, flush: flush, stop: make(chan struct{})}
	b.stopped.Add(1)
	go b.loop(interval)
	return b
}

func (b *Batcher) loop(interval time.Duration) {
	defer b.stopped.Done()
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			b.Flush()
		case <-b.stop:
			b.Flush()
			return
		}
	}
}

// Add queues an item, flushing at once when the batch is full.
func (b *Batcher) Add(item string) {
	b.mu.Lock()
	b.items = append(b.items, item)
	full := len(b.items) >= b.size
	b.mu.Unlock()
	if full {
		b.Flush()
	}
}

// Flush hands the waiting items to the flush function.
func (b *Batcher) Flush() {
	b.mu.Lock()
	items := b.items
	b.items = nil
	b.mu.Unlock()
	if len(items) > 0 {
		b.flush(items)
	}
}

// Close flushes what is left and stops the timer goroutine.
func (b *Batcher) Close() {
	close(b.stop)
	b.stopped.Wait()
}
