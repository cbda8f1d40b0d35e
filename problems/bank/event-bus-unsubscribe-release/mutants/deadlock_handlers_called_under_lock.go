// mutant: Publish calls the handlers while still holding the bus lock; a handler that unsubscribes (or subscribes) blocks on that lock forever
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

	var once sync.Once
	return func() {
		once.Do(func() { b.remove(topic, id) })
	}
}

func (b *Bus) remove(topic string, id uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	// DeleteFunc also clears the vacated tail slot, so the bus keeps no
	// pointer to the removed handler (or to anything its closure captured).
	subs := slices.DeleteFunc(b.topics[topic], func(s *subscription) bool { return s.id == id })
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
	defer b.mu.Unlock()
	subs := b.topics[topic]
	for _, s := range subs {
		s.fn(msg)
	}
	return len(subs)
}

// Subscribers returns the number of handlers currently subscribed to topic.
func (b *Bus) Subscribers(topic string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.topics[topic])
}
