package solution

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testClosed waits (bounded) until ch is closed, discarding messages.
func testClosed(t *testing.T, ch <-chan string, what string) {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case _, ok := <-ch:
			if !ok {
				return
			}
		case <-timeout:
			t.Fatalf("%s: channel still open after 5s", what)
		}
	}
}

func TestHiddenOrderAndFanOut(t *testing.T) {
	b := NewBus()
	defer b.Close()
	ctx := context.Background()
	subs := []<-chan string{b.Subscribe(ctx, "t", 200), b.Subscribe(ctx, "t", 200), b.Subscribe(ctx, "t", 200)}
	other := b.Subscribe(ctx, "other", 10)
	for i := 0; i < 150; i++ {
		if n := b.Publish("t", fmt.Sprint(i)); n != 3 {
			t.Fatalf("Publish #%d delivered %d, want 3", i, n)
		}
	}
	for k, ch := range subs {
		for i := 0; i < 150; i++ {
			if got := <-ch; got != fmt.Sprint(i) {
				t.Fatalf("subscriber %d: message %d = %q, want %q", k, i, got, fmt.Sprint(i))
			}
		}
	}
	select {
	case m := <-other:
		t.Fatalf("subscriber of another topic received %q", m)
	default:
	}
	if n := b.Publish("nobody-listens", "x"); n != 0 {
		t.Fatalf("Publish to a topic without subscribers = %d, want 0", n)
	}
}

func TestHiddenSlowSubscriberDoesNotBlock(t *testing.T) {
	b := NewBus()
	defer b.Close()
	ctx := context.Background()
	stuck := b.Subscribe(ctx, "ticks", 2) // never reads: the collector is gone
	live := b.Subscribe(ctx, "ticks", 100)
	for i := 0; i < 10; i++ {
		b.Publish("ticks", fmt.Sprint(i))
	}
	if d := b.Dropped(); d != 8 {
		t.Fatalf("Dropped = %d, want 8 (buffer of 2, 10 messages)", d)
	}
	if len(stuck) != 2 || <-stuck != "0" || <-stuck != "1" {
		t.Fatal("the slow subscriber should hold the first two messages")
	}
	if len(live) != 10 {
		t.Fatalf("the fast subscriber got %d messages, want 10", len(live))
	}
}

func TestHiddenCancelUnsubscribes(t *testing.T) {
	b := NewBus()
	defer b.Close()
	var cancels []context.CancelFunc
	var chans []<-chan string
	for i := 0; i < 50; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		cancels = append(cancels, cancel)
		chans = append(chans, b.Subscribe(ctx, "feed", 1))
	}
	if n := b.Subscribers("feed"); n != 50 {
		t.Fatalf("Subscribers = %d, want 50", n)
	}
	for i := 0; i < 50; i += 2 {
		cancels[i]()
	}
	for i := 0; i < 50; i += 2 {
		testClosed(t, chans[i], fmt.Sprintf("cancelled subscriber %d", i))
	}
	if n := b.Subscribers("feed"); n != 25 {
		t.Fatalf("Subscribers = %d after cancelling half, want 25", n)
	}
	if n := b.Publish("feed", "after"); n != 25 {
		t.Fatalf("Publish delivered %d, want 25", n)
	}
	for i := 1; i < 50; i += 2 {
		cancels[i]()
	}
}

func TestHiddenAlreadyCancelledContext(t *testing.T) {
	b := NewBus()
	defer b.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ch := b.Subscribe(ctx, "t", 1)
	testClosed(t, ch, "subscription with a cancelled context")
	if n := b.Subscribers("t"); n != 0 {
		t.Fatalf("Subscribers = %d, want 0", n)
	}
}

func TestHiddenCloseEndsEverything(t *testing.T) {
	b := NewBus()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := b.Subscribe(ctx, "a", 4)
	c := b.Subscribe(context.Background(), "c", 4) // its context is never cancelled
	b.Publish("a", "before")
	b.Close()
	if m, ok := <-a; !ok || m != "before" {
		t.Fatalf("buffered message lost on Close: got %q, %v", m, ok)
	}
	testClosed(t, a, "subscriber a after Close")
	testClosed(t, c, "subscriber c after Close")
	if n := b.Publish("a", "after"); n != 0 {
		t.Fatalf("Publish after Close delivered %d, want 0", n)
	}
	testClosed(t, b.Subscribe(context.Background(), "a", 1), "Subscribe after Close")
	cancel() // cancelling after Close must be harmless
	b.Close()
	if n := b.Subscribers("a") + b.Subscribers("c"); n != 0 {
		t.Fatalf("Subscribers after Close = %d, want 0", n)
	}
}

func TestHiddenCancelRacingPublishAndClose(t *testing.T) {
	for round := 0; round < 5; round++ {
		b := NewBus()
		var wg sync.WaitGroup
		var delivered atomic.Int64
		stop := make(chan struct{})
		for p := 0; p < 4; p++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					delivered.Add(int64(b.Publish("hot", fmt.Sprint(i))))
					if i%8 == 0 {
						time.Sleep(20 * time.Microsecond)
					}
				}
			}()
		}
		var subs sync.WaitGroup
		for s := 0; s < 40; s++ {
			subs.Add(1)
			go func() {
				defer subs.Done()
				ctx, cancel := context.WithCancel(context.Background())
				ch := b.Subscribe(ctx, "hot", 1+s%4)
				for i := 0; i < 5+s%7; i++ {
					<-ch
				}
				if s%5 != 0 {
					cancel()
				}
				for range ch { // drain until the bus closes it
				}
				cancel()
			}()
		}
		time.Sleep(2 * time.Millisecond)
		for b.Subscribers("hot") > 8 {
			time.Sleep(100 * time.Microsecond)
		}
		b.Close()
		subs.Wait()
		close(stop)
		wg.Wait()
		if delivered.Load() == 0 {
			t.Fatal("nothing was delivered")
		}
	}
}

func TestHiddenConcurrentPublishersCountDrops(t *testing.T) {
	b := NewBus()
	defer b.Close()
	for i := 0; i < 4; i++ {
		b.Subscribe(context.Background(), "full", 1)
	}
	b.Publish("full", "fill") // every buffer is now full
	var wg sync.WaitGroup
	for p := 0; p < 8; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				b.Publish("full", "x")
			}
		}()
	}
	wg.Wait()
	if d := b.Dropped(); d < 1 || d > 8*200*4 {
		t.Fatalf("Dropped = %d, want between 1 and %d", d, 8*200*4)
	}
}
