// mutant: Publish sends with a plain blocking send, so one subscriber that stopped reading stalls every publisher (and every Subscribe and cancel behind the lock)
package solution

import (
	"context"
	"sync"
	"sync/atomic"
)

type Bus struct {
	mu      sync.RWMutex
	closed  bool
	subs    map[string]map[*subscription]struct{}
	dropped atomic.Int64
}

type subscription struct {
	ch   chan string
	stop func() bool
}

func NewBus() *Bus {
	return &Bus{subs: make(map[string]map[*subscription]struct{})}
}

func (b *Bus) Subscribe(ctx context.Context, topic string, buf int) <-chan string {
	s := &subscription{ch: make(chan string, max(buf, 1))}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		close(s.ch)
		return s.ch
	}
	if b.subs[topic] == nil {
		b.subs[topic] = make(map[*subscription]struct{})
	}
	b.subs[topic][s] = struct{}{}
	s.stop = context.AfterFunc(ctx, func() { b.unsubscribe(topic, s) })
	return s.ch
}

func (b *Bus) unsubscribe(topic string, s *subscription) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[topic][s]; !ok {
		return
	}
	delete(b.subs[topic], s)
	if len(b.subs[topic]) == 0 {
		delete(b.subs, topic)
	}
	close(s.ch)
}

func (b *Bus) Publish(topic, msg string) int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	delivered := 0
	for s := range b.subs[topic] {
		s.ch <- msg // every subscriber gets every message
		delivered++
	}
	return delivered
}

func (b *Bus) Subscribers(topic string) int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return len(b.subs[topic])
}

func (b *Bus) Dropped() int64 { return b.dropped.Load() }

func (b *Bus) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.closed = true
	for _, set := range b.subs {
		for s := range set {
			s.stop()
			close(s.ch)
		}
	}
	b.subs = nil
}
