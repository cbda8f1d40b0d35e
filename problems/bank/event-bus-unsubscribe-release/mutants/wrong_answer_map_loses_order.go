// mutant: keeps each topic's handlers in a map keyed by subscription id for O(1) unsubscribe, so handlers run in random order
package solution

import "sync"

type Bus struct {
	mu     sync.Mutex
	nextID uint64
	topics map[string]map[uint64]func(string)
}

func NewBus() *Bus {
	return &Bus{topics: make(map[string]map[uint64]func(string))}
}

func (b *Bus) Subscribe(topic string, fn func(msg string)) (unsubscribe func()) {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	if b.topics[topic] == nil {
		b.topics[topic] = make(map[uint64]func(string))
	}
	b.topics[topic][id] = fn
	b.mu.Unlock()
	return func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		delete(b.topics[topic], id)
		if len(b.topics[topic]) == 0 {
			delete(b.topics, topic)
		}
	}
}

func (b *Bus) Publish(topic, msg string) int {
	b.mu.Lock()
	fns := make([]func(string), 0, len(b.topics[topic]))
	for _, fn := range b.topics[topic] {
		fns = append(fns, fn)
	}
	b.mu.Unlock()
	for _, fn := range fns {
		fn(msg)
	}
	return len(fns)
}

func (b *Bus) Subscribers(topic string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.topics[topic])
}
