package mutexsendcycle

import "testing"

func TestMailbox(t *testing.T) {
	m := NewMailbox()
	go m.Publish("hello")
	if got := m.Drain(); got != "hello" {
		t.Fatalf("got %q", got)
	}
}

func TestMailboxBackground(t *testing.T) {
	m := NewMailbox()
	go m.Publish("a")
	go m.Drain()
}
