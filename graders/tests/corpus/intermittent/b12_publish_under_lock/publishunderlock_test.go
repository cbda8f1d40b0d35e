package publishunderlock

import "testing"

func TestHub(t *testing.T) {
	h := NewHub()
	id, ch := h.Subscribe()
	go h.Publish("one")
	if got := <-ch; got != "one" {
		t.Fatalf("got %q", got)
	}
	h.Unsubscribe(id)
}

func TestUnsubscribeDuringPublish(t *testing.T) {
	h := NewHub()
	id, ch := h.Subscribe()
	go func() {
		h.Publish("a")
		h.Publish("b")
	}()
	<-ch
	h.Unsubscribe(id)
}
