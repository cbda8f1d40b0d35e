package solution

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestHiddenEveryMemberGetsEachMessageOnce(t *testing.T) {
	var mu sync.Mutex
	got := map[string]int{}
	h := NewHub(4, 2048, func(user int64, msg []byte) error {
		mu.Lock()
		got[fmt.Sprintf("%d/%s", user, msg)]++
		mu.Unlock()
		return nil
	})
	for u := int64(0); u < 200; u++ {
		h.Join("g", u)
	}
	for m := 0; m < 5; m++ {
		if q, d := h.Broadcast("g", []byte(fmt.Sprint("m", m))); q != 200 || d != 0 {
			t.Fatalf("Broadcast #%d = (%d, %d), want (200, 0)", m, q, d)
		}
	}
	h.Close()
	if len(got) != 1000 {
		t.Fatalf("%d distinct (user, message) deliveries, want 1000", len(got))
	}
	for k, n := range got {
		if n != 1 {
			t.Fatalf("%s delivered %d times", k, n)
		}
	}
	if s := h.Stats(); s != (Stats{Delivered: 1000}) {
		t.Fatalf("Stats = %+v, want {Delivered:1000}", s)
	}
}

func TestHiddenSlowClientsNeverBlockBroadcast(t *testing.T) {
	// Every delivery blocks until the gate opens. Broadcast is called directly:
	// if it waits for queue space it never returns.
	gate := make(chan struct{})
	var delivered atomic.Int64
	before := runtime.NumGoroutine()
	h := NewHub(4, 50, func(int64, []byte) error {
		<-gate
		delivered.Add(1)
		return nil
	})
	for u := int64(0); u < 1000; u++ {
		h.Join("big", u)
	}
	q, d := h.Broadcast("big", []byte("flash sale"))
	extra := runtime.NumGoroutine() - before
	close(gate)
	h.Close()
	if q+d != 1000 {
		t.Fatalf("queued %d + dropped %d != 1000 members", q, d)
	}
	if q < 50 || q > 54 {
		t.Fatalf("queued %d with 4 blocked workers and a queue of 50, want 50..54", q)
	}
	if extra > 4+3 {
		t.Fatalf("%d goroutines more than before NewHub while deliveries were blocked; want only the 4 workers", extra)
	}
	if s := h.Stats(); s.Delivered != int64(q) || s.Dropped != int64(d) || delivered.Load() != int64(q) {
		t.Fatalf("Stats = %+v, deliver called %d times, want %d delivered and %d dropped", s, delivered.Load(), q, d)
	}
}

func TestHiddenCloseWaitsForQueuedDeliveries(t *testing.T) {
	gate := make(chan struct{})
	var delivered atomic.Int64
	h := NewHub(2, 100, func(int64, []byte) error {
		<-gate
		delivered.Add(1)
		return nil
	})
	for u := int64(0); u < 30; u++ {
		h.Join("g", u)
	}
	q, _ := h.Broadcast("g", []byte("x"))
	closed := make(chan struct{})
	go func() {
		h.Close()
		close(closed)
	}()
	select {
	case <-closed:
		t.Fatal("Close returned while queued deliveries were still blocked")
	case <-time.After(30 * time.Millisecond):
	}
	close(gate)
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return after the deliveries were unblocked")
	}
	if delivered.Load() != int64(q) || q != 30 {
		t.Fatalf("queued %d, delivered %d before Close returned, want 30 and 30", q, delivered.Load())
	}
}

func TestHiddenFailuresAreCounted(t *testing.T) {
	h := NewHub(3, 1000, func(user int64, msg []byte) error {
		if user%4 == 0 {
			return errors.New("connection reset")
		}
		return nil
	})
	for u := int64(0); u < 100; u++ {
		h.Join("g", u)
	}
	h.Broadcast("g", []byte("a"))
	h.Broadcast("g", []byte("b"))
	h.Close()
	if s := h.Stats(); s != (Stats{Delivered: 150, Failed: 50}) {
		t.Fatalf("Stats = %+v, want {Delivered:150 Failed:50 Dropped:0}", s)
	}
}

func TestHiddenJoinLeaveSemantics(t *testing.T) {
	var mu sync.Mutex
	got := map[int64]int{}
	h := NewHub(2, 100, func(user int64, msg []byte) error {
		mu.Lock()
		got[user]++
		mu.Unlock()
		return nil
	})
	h.Join("g", 1)
	h.Join("g", 1)
	h.Join("g", 2)
	h.Join("g", 3)
	h.Leave("g", 2)
	h.Leave("g", 42)
	h.Leave("nope", 1)
	if q, d := h.Broadcast("g", []byte("x")); q != 2 || d != 0 {
		t.Fatalf("Broadcast = (%d, %d), want (2, 0)", q, d)
	}
	if q, d := h.Broadcast("empty", []byte("x")); q != 0 || d != 0 {
		t.Fatalf("Broadcast to an unknown group = (%d, %d), want (0, 0)", q, d)
	}
	h.Close()
	if len(got) != 2 || got[1] != 1 || got[3] != 1 {
		t.Fatalf("deliveries per user %v, want map[1:1 3:1]", got)
	}
}

func TestHiddenEverythingAtOnceIncludingClose(t *testing.T) {
	var calls atomic.Int64
	h := NewHub(4, 64, func(user int64, msg []byte) error {
		calls.Add(1)
		if user%7 == 0 {
			return errors.New("gone")
		}
		return nil
	})
	for u := int64(0); u < 64; u++ {
		h.Join(fmt.Sprint("room", u%4), u)
	}
	var queued, dropped atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := 0; i < 300; i++ {
				u := int64(64 + g*1000 + i%50)
				h.Join(fmt.Sprint("room", i%4), u)
				if i%3 == 0 {
					h.Leave(fmt.Sprint("room", i%4), u)
				}
			}
		}()
	}
	for g := 0; g < 6; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := 0; i < 200; i++ {
				q, d := h.Broadcast(fmt.Sprint("room", (g+i)%4), []byte("m"))
				queued.Add(int64(q))
				dropped.Add(int64(d))
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-start
		for i := 0; i < 50; i++ {
			_ = h.Stats()
			runtime.Gosched()
		}
		h.Close()
	}()
	close(start)
	wg.Wait()
	h.Close()
	s := h.Stats()
	if s.Delivered+s.Failed != queued.Load() || calls.Load() != queued.Load() {
		t.Fatalf("queued %d, deliver called %d times, Stats %+v: every queued message must be delivered exactly once", queued.Load(), calls.Load(), s)
	}
	if s.Dropped != dropped.Load() {
		t.Fatalf("Broadcast reported %d dropped, Stats.Dropped = %d", dropped.Load(), s.Dropped)
	}
}
