package solution

import (
	"context"
	"testing"
	"time"
)

func TestBusExample(t *testing.T) {
	b := NewBus()
	defer b.Close()
	ctx, cancel := context.WithCancel(context.Background())
	ch := b.Subscribe(ctx, "orders", 4)

	if n := b.Publish("orders", "order#1"); n != 1 {
		t.Fatalf("Publish delivered to %d subscribers, want 1", n)
	}
	if got := <-ch; got != "order#1" {
		t.Fatalf("received %q, want order#1", got)
	}

	cancel() // the subscriber goes away
	select {
	case _, ok := <-ch:
		if ok {
			t.Fatal("received a message after cancellation, want the channel closed")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("channel not closed 5s after the subscriber's context was cancelled")
	}
	if n := b.Subscribers("orders"); n != 0 {
		t.Fatalf("Subscribers = %d after cancellation, want 0", n)
	}
}
