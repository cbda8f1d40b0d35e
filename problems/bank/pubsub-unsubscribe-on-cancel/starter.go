package solution

import "context"

// Bus is an in-process publish/subscribe hub. See the statement.
type Bus struct {
	// TODO
}

// NewBus returns an empty, open Bus.
func NewBus() *Bus {
	panic("TODO")
}

// Subscribe registers a subscriber to topic with a buffer of buf messages.
// The subscription ends, and the channel is closed, when ctx is done or the
// Bus is closed.
func (b *Bus) Subscribe(ctx context.Context, topic string, buf int) <-chan string {
	panic("TODO")
}

// Publish offers msg to every current subscriber of topic without blocking
// and reports how many received it.
func (b *Bus) Publish(topic, msg string) int {
	panic("TODO")
}

// Subscribers reports the number of live subscriptions to topic.
func (b *Bus) Subscribers(topic string) int {
	panic("TODO")
}

// Dropped reports how many messages were dropped because a subscriber's
// buffer was full.
func (b *Bus) Dropped() int64 {
	panic("TODO")
}

// Close ends every subscription.
func (b *Bus) Close() {
	panic("TODO")
}
