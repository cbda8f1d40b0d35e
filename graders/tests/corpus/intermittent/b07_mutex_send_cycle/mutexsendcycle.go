package mutexsendcycle

import "sync"

type Mailbox struct {
	mu    sync.Mutex
	count int
	ch    chan string
}

func NewMailbox() *Mailbox { return &Mailbox{ch: make(chan string)} }

func (m *Mailbox) Publish(msg string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.count++
	m.ch <- msg
}

func (m *Mailbox) Drain() string {
	m.mu.Lock()
	seen := m.count
	m.mu.Unlock()
	_ = seen
	return <-m.ch
}
