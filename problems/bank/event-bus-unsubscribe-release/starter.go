package solution

// Bus delivers messages to handlers subscribed to a topic.
type Bus struct {
	// TODO
}

// NewBus returns an empty bus.
func NewBus() *Bus {
	return &Bus{}
}

// Subscribe registers fn for topic and returns a function that removes it.
func (b *Bus) Subscribe(topic string, fn func(msg string)) (unsubscribe func()) {
	return func() {}
}

// Publish calls the handlers of topic with msg and returns how many it called.
func (b *Bus) Publish(topic, msg string) int {
	return 0
}

// Subscribers returns the number of handlers currently subscribed to topic.
func (b *Bus) Subscribers(topic string) int {
	return 0
}
