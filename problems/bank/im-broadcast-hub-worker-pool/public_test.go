package solution

import (
	"sync"
	"testing"
)

func TestBroadcastToGroup(t *testing.T) {
	var mu sync.Mutex
	got := map[int64]string{}
	h := NewHub(2, 16, func(user int64, msg []byte) error {
		mu.Lock()
		defer mu.Unlock()
		got[user] = string(msg)
		return nil
	})
	for _, u := range []int64{1, 2, 3} {
		h.Join("room", u)
	}
	h.Join("other", 9)
	q, d := h.Broadcast("room", []byte("hi"))
	h.Close()
	if q != 3 || d != 0 {
		t.Fatalf("Broadcast = (%d, %d), want (3, 0)", q, d)
	}
	if len(got) != 3 || got[1] != "hi" || got[2] != "hi" || got[3] != "hi" {
		t.Fatalf("delivered %v, want users 1, 2, 3 to get \"hi\"", got)
	}
	if s := h.Stats(); s.Delivered != 3 || s.Failed != 0 || s.Dropped != 0 {
		t.Fatalf("Stats = %+v, want 3 delivered", s)
	}
}

func TestBroadcastAfterClose(t *testing.T) {
	h := NewHub(1, 4, func(int64, []byte) error { return nil })
	h.Join("room", 1)
	h.Join("room", 2)
	h.Close()
	if q, d := h.Broadcast("room", []byte("late")); q != 0 || d != 2 {
		t.Fatalf("Broadcast after Close = (%d, %d), want (0, 2)", q, d)
	}
	h.Close() // a second Close is fine
}
