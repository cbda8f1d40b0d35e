package solution

import (
	"context"
	"sync"
	"sync/atomic"
)

// Bus is an in-process publish/subscribe hub. See the statement.
type Bus struct {
	// mu protects subs and closed. Publish holds it for reading while it
	// sends, so a channel can only be closed (under the write lock) when no
	// send is in progress.
	mu      sync.RWMutex
	closed  bool
	subs    map[string]map[*subscription]struct{}
	dropped atomic.Int64 // publishers share the read lock: counters must be atomic
}

type subscription struct {
	ch   chan string
	stop func() bool // deregisters the context.AfterFunc callback
}

// NewBus returns an empty, open Bus.
func NewBus() *Bus {
	return &Bus{subs: make(map[string]map[*subscription]struct{})}
}

// Subscribe registers a subscriber to topic with a buffer of buf messages.
// The subscription ends, and the channel is closed, when ctx is done or the
// Bus is closed.
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
	// No goroutine parked per subscription: the callback runs only if ctx
	// is cancelled, and Close deregisters it otherwise.
	s.stop = context.AfterFunc(ctx, func() { b.unsubscribe(topic, s) })
	return s.ch
}

func (b *Bus) unsubscribe(topic string, s *subscription) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[topic][s]; !ok {
		return // already ended by Close
	}
	delete(b.subs[topic], s)
	if len(b.subs[topic]) == 0 {
		delete(b.subs, topic)
	}
	close(s.ch)
}

// Publish offers msg to every current subscriber of topic without blocking
// and reports how many received it.
func (b *Bus) Publish(topic, msg string) int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	delivered := 0
	for s := range b.subs[topic] {
		select {
		case s.ch <- msg:
			delivered++
		default: // a slow subscriber must not stall everybody else
			b.dropped.Add(1)
		}
	}
	return delivered
}

// Subscribers reports the number of live subscriptions to topic.
func (b *Bus) Subscribers(topic string) int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return len(b.subs[topic])
}

// Dropped reports how many messages were dropped because a subscriber's
// buffer was full.
func (b *Bus) Dropped() int64 {
	return b.dropped.Load()
}

// Close ends every subscription.
func (b *Bus) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.closed = true
	for _, set := range b.subs {
		for s := range set {
			s.stop() // if the callback already started, it will find s gone
			close(s.ch)
		}
	}
	b.subs = nil
}
