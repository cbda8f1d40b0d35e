package solution

import (
	"slices"
	"testing"
)

func TestPublicPublishInOrder(t *testing.T) {
	b := NewBus()
	var got []string
	b.Subscribe("order.created", func(m string) { got = append(got, "mail:"+m) })
	unsub := b.Subscribe("order.created", func(m string) { got = append(got, "stock:"+m) })
	b.Subscribe("order.paid", func(m string) { got = append(got, "paid:"+m) })

	if n := b.Publish("order.created", "42"); n != 2 {
		t.Fatalf("Publish returned %d, want 2", n)
	}
	unsub()
	unsub() // idempotent
	b.Publish("order.created", "43")

	want := []string{"mail:42", "stock:42", "mail:43"}
	if !slices.Equal(got, want) {
		t.Fatalf("handlers saw %q, want %q", got, want)
	}
	if n := b.Subscribers("order.created"); n != 1 {
		t.Fatalf("Subscribers = %d, want 1", n)
	}
}

func TestPublicHandlerUnsubscribesItself(t *testing.T) {
	b := NewBus()
	calls := 0
	var unsub func()
	unsub = b.Subscribe("ready", func(string) {
		calls++
		unsub() // a "once" listener
	})
	b.Publish("ready", "1")
	b.Publish("ready", "2")
	if calls != 1 {
		t.Fatalf("once-listener called %d times, want 1", calls)
	}
}
