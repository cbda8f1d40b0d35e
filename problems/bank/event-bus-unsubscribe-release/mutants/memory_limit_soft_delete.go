// mutant: unsubscribe only flags the subscription inactive (so Publish never sees the slice change under it); the handler and everything it captured stay reachable forever
package solution

import (
	"sync"
	"sync/atomic"
)

type subscription struct {
	fn     func(msg string)
	active atomic.Bool
}

type Bus struct {
	mu     sync.RWMutex
	topics map[string][]*subscription
}

func NewBus() *Bus {
	return &Bus{topics: make(map[string][]*subscription)}
}

func (b *Bus) Subscribe(topic string, fn func(msg string)) (unsubscribe func()) {
	s := &subscription{fn: fn}
	s.active.Store(true)
	b.mu.Lock()
	b.topics[topic] = append(b.topics[topic], s)
	b.mu.Unlock()
	return func() { s.active.Store(false) }
}

func (b *Bus) Publish(topic, msg string) int {
	b.mu.RLock()
	subs := b.topics[topic]
	b.mu.RUnlock()
	n := 0
	for _, s := range subs {
		if s.active.Load() {
			s.fn(msg)
			n++
		}
	}
	return n
}

func (b *Bus) Subscribers(topic string) int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	n := 0
	for _, s := range b.topics[topic] {
		if s.active.Load() {
			n++
		}
	}
	return n
}
