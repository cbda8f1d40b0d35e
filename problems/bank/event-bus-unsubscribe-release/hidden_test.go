package solution

import (
	"fmt"
	"runtime/debug"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

func TestHiddenOrderAndTopics(t *testing.T) {
	b := NewBus()
	var got []string
	for i := 0; i < 20; i++ {
		b.Subscribe("a", func(m string) { got = append(got, fmt.Sprintf("%d:%s", i, m)) })
	}
	b.Subscribe("b", func(m string) { got = append(got, "b:"+m) })
	if n := b.Publish("a", "x"); n != 20 {
		t.Fatalf("Publish(a) = %d, want 20", n)
	}
	var want []string
	for i := 0; i < 20; i++ {
		want = append(want, fmt.Sprintf("%d:x", i))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("order %q, want %q", got, want)
	}
	if n := b.Publish("nobody", "x"); n != 0 {
		t.Fatalf("Publish(nobody) = %d, want 0", n)
	}
}

func TestHiddenUnsubscribeMiddleKeepsOthers(t *testing.T) {
	b := NewBus()
	var got []string
	unsubs := make([]func(), 6)
	for i := range unsubs {
		name := strconv.Itoa(i)
		unsubs[i] = b.Subscribe("t", func(string) { got = append(got, name) })
	}
	unsubs[1]()
	unsubs[4]()
	unsubs[1]()
	unsubs[0]()
	b.Publish("t", "")
	if want := []string{"2", "3", "5"}; !slices.Equal(got, want) {
		t.Fatalf("called %q, want %q", got, want)
	}
	for _, u := range unsubs {
		u()
	}
	if n := b.Subscribers("t"); n != 0 {
		t.Fatalf("Subscribers = %d, want 0", n)
	}
	if n := b.Publish("t", ""); n != 0 {
		t.Fatalf("Publish after all unsubscribed = %d, want 0", n)
	}
}

// Handlers use the bus while being called: unsubscribe themselves, subscribe
// new handlers, publish follow-up events.
func TestHiddenReentrantHandlers(t *testing.T) {
	b := NewBus()
	var log []string
	var unsubOnce func()
	unsubOnce = b.Subscribe("order", func(m string) {
		log = append(log, "once:"+m)
		unsubOnce()
	})
	added := false
	b.Subscribe("order", func(m string) {
		log = append(log, "adder:"+m)
		if !added {
			added = true
			b.Subscribe("order", func(m string) { log = append(log, "late:"+m) })
		}
		b.Publish("audit", "order "+m)
	})
	b.Subscribe("audit", func(m string) { log = append(log, "audit:"+m) })

	if n := b.Publish("order", "1"); n != 2 {
		t.Fatalf("first Publish = %d, want 2 (a handler added during Publish is not called by it)", n)
	}
	if n := b.Publish("order", "2"); n != 2 {
		t.Fatalf("second Publish = %d, want 2", n)
	}
	want := []string{"once:1", "adder:1", "audit:order 1", "adder:2", "audit:order 2", "late:2"}
	if !slices.Equal(log, want) {
		t.Fatalf("log %q, want %q", log, want)
	}
}

// Publishers and subscribers churn concurrently. Every Publish must return
// the number of handlers it actually called, and a handler removed before a
// Publish starts must not be called by it.
func TestHiddenConcurrentChurn(t *testing.T) {
	b := NewBus()
	var stable atomic.Int64
	for i := 0; i < 4; i++ {
		b.Subscribe("hot", func(string) { stable.Add(1) })
	}
	var calls sync.Map // msg -> *atomic.Int64
	count := func(m string) {
		v, _ := calls.LoadOrStore(m, new(atomic.Int64))
		v.(*atomic.Int64).Add(1)
	}
	stop := make(chan struct{})
	var churners sync.WaitGroup
	for c := 0; c < 8; c++ {
		churners.Add(1)
		go func() {
			defer churners.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				unsub := b.Subscribe("hot", count)
				if i%2 == 0 {
					b.Publish("hot", fmt.Sprintf("c%d-%d", c, i))
				}
				unsub()
				// a Publish starting after unsubscribe returned must not see it
				var seen atomic.Int64
				tmp := b.Subscribe(fmt.Sprintf("private-%d", c), func(string) { seen.Add(1) })
				tmp()
				if n := b.Publish(fmt.Sprintf("private-%d", c), "p"); n != 0 || seen.Load() != 0 {
					t.Errorf("unsubscribed handler still called (n=%d, seen=%d)", n, seen.Load())
					return
				}
			}
		}()
	}
	var pubs sync.WaitGroup
	returned := make([]map[string]int, 8)
	for p := 0; p < 8; p++ {
		pubs.Add(1)
		go func() {
			defer pubs.Done()
			returned[p] = map[string]int{}
			for i := 0; i < 300; i++ {
				m := fmt.Sprintf("p%d-%d", p, i)
				before := stable.Load()
				n := b.Publish("hot", m)
				if n < 4 {
					t.Errorf("Publish(hot) = %d, but 4 handlers are always subscribed", n)
					return
				}
				if stable.Load()-before < 4 {
					t.Errorf("stable handlers not all called")
					return
				}
				returned[p][m] = n - 4
			}
		}()
	}
	pubs.Wait()
	close(stop)
	churners.Wait()

	for p := range returned {
		for m, n := range returned[p] {
			got := int64(0)
			if v, ok := calls.Load(m); ok {
				got = v.(*atomic.Int64).Load()
			}
			if got != int64(n) {
				t.Fatalf("Publish(%s) returned %d churn handlers but %d were called", m, n, got)
			}
		}
	}
	if n := b.Subscribers("hot"); n != 4 {
		t.Fatalf("Subscribers(hot) = %d after churn, want 4", n)
	}
}

// Listeners capture big objects (a rendered page, a connection's buffers).
// Unsubscribing must let them be collected: the bus may keep nothing of a
// removed handler, nor an entry per topic ever used.
func TestHiddenUnsubscribedHandlersAreReleased(t *testing.T) {
	const size = 64 << 10
	n := 16000 // 1000 MiB of captured buffers over the test
	if testRaceBuild() {
		n = 500 // the race runtime makes big allocations slow; the plain run checks memory
	}
	b := NewBus()
	delivered := 0
	for i := 0; i < n; i++ {
		buf := make([]byte, size)
		for j := 0; j < size; j += 512 { // touch every page
			buf[j] = byte(i)
		}
		topic := "session-" + strconv.Itoa(i)
		unsub := b.Subscribe(topic, func(string) { delivered += int(buf[0]) & 1 })
		b.Publish(topic, "bye")
		unsub()
	}
	want := 0
	for i := 0; i < n; i++ {
		want += i & 1
	}
	if delivered != want {
		t.Fatalf("delivered %d, want %d", delivered, want)
	}
	if s := b.Subscribers("session-0"); s != 0 {
		t.Fatalf("Subscribers(session-0) = %d, want 0", s)
	}
}

func testRaceBuild() bool {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" {
				return s.Value == "true"
			}
		}
	}
	return false
}
