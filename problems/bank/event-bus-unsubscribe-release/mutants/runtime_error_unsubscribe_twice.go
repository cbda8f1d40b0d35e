// mutant: unsubscribe removes the index it finds without checking it was found, so a second call slices with -1 and panics
package solution

import (
	"slices"
	"sync"
)

type subscription struct {
	id uint64
	fn func(msg string)
}

// Bus delivers messages to handlers subscribed to a topic. Handlers run in
// the publisher's goroutine, outside the bus lock, so they may use the bus.
type Bus struct {
	mu     sync.Mutex
	nextID uint64
	topics map[string][]*subscription // in subscription order; no empty slices
}

// NewBus returns an empty bus.
func NewBus() *Bus {
	return &Bus{topics: make(map[string][]*subscription)}
}

// Subscribe registers fn for topic and returns a function that removes it.
// The returned function is idempotent and safe to call from any goroutine,
// including from inside a handler.
func (b *Bus) Subscribe(topic string, fn func(msg string)) (unsubscribe func()) {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	b.topics[topic] = append(b.topics[topic], &subscription{id: id, fn: fn})
	b.mu.Unlock()

	return func() { b.remove(topic, id) }
}

func (b *Bus) remove(topic string, id uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	subs := b.topics[topic]
	i := slices.IndexFunc(subs, func(s *subscription) bool { return s.id == id })
	subs = append(subs[:i], subs[i+1:]...)
	if len(subs) == 0 {
		delete(b.topics, topic) // do not keep one entry per topic ever used
		return
	}
	b.topics[topic] = subs
}

// Publish calls, in order, the handlers subscribed to topic when it starts,
// and returns how many it called.
func (b *Bus) Publish(topic, msg string) int {
	b.mu.Lock()
	snapshot := slices.Clone(b.topics[topic])
	b.mu.Unlock()

	// Call outside the lock: a handler may subscribe, unsubscribe or publish.
	for _, s := range snapshot {
		s.fn(msg)
	}
	return len(snapshot)
}

// Subscribers returns the number of handlers currently subscribed to topic.
func (b *Bus) Subscribers(topic string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.topics[topic])
}
