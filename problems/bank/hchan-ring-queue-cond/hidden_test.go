package solution

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testWithin(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not finish within %v", what, d)
	}
}

func TestHiddenSingleProducerOrder(t *testing.T) {
	q := NewQueue[int](4)
	ctx := context.Background()
	const n = 20000
	go func() {
		for i := 0; i < n; i++ {
			q.Put(ctx, i)
		}
		q.Close()
	}()
	testWithin(t, 20*time.Second, "single producer/consumer run", func() {
		for want := 0; ; want++ {
			v, err := q.Get(ctx)
			if errors.Is(err, ErrClosed) {
				if want != n {
					t.Errorf("ErrClosed after %d items; want %d", want, n)
				}
				return
			}
			if err != nil || v != want {
				t.Errorf("Get() = %d, %v; want %d", v, err, want)
				return
			}
		}
	})
}

func TestHiddenManyProducersManyConsumers(t *testing.T) {
	const producers, per, consumers = 8, 2000, 8
	q := NewQueue[[2]int](3)
	ctx := context.Background()
	var orderErr atomic.Value
	var prod sync.WaitGroup
	for p := 0; p < producers; p++ {
		prod.Add(1)
		go func() {
			defer prod.Done()
			for i := 0; i < per; i++ {
				if err := q.Put(ctx, [2]int{p, i}); err != nil {
					orderErr.Store("Put failed: " + err.Error())
					return
				}
			}
		}()
	}
	go func() { prod.Wait(); q.Close() }()

	seen := make([][]atomic.Int32, producers)
	for p := range seen {
		seen[p] = make([]atomic.Int32, per)
	}
	var cons sync.WaitGroup
	for c := 0; c < consumers; c++ {
		cons.Add(1)
		go func() {
			defer cons.Done()
			last := make([]int, producers)
			for i := range last {
				last[i] = -1
			}
			for {
				v, err := q.Get(ctx)
				if err != nil {
					return
				}
				p, i := v[0], v[1]
				if p < 0 || p >= producers || i < 0 || i >= per {
					orderErr.Store("got an item nobody put")
					continue
				}
				if i <= last[p] {
					orderErr.Store("items of one producer came out of order")
				}
				last[p] = i
				seen[p][i].Add(1)
			}
		}()
	}
	testWithin(t, 20*time.Second, "8x8 producers/consumers", cons.Wait)
	if msg := orderErr.Load(); msg != nil {
		t.Fatal(msg)
	}
	for p := range seen {
		for i := range seen[p] {
			if c := seen[p][i].Load(); c != 1 {
				t.Fatalf("item %d of producer %d delivered %d times; want once", i, p, c)
			}
		}
	}
}

// A full Put and an empty Get must give up when their context ends. These
// calls are not wrapped in a timeout: ignoring ctx means waiting forever.
func TestHiddenWaitsHonorDeadline(t *testing.T) {
	q := NewQueue[int](2)
	q.Put(context.Background(), 1)
	q.Put(context.Background(), 2)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if err := q.Put(ctx, 3); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Put on a full queue with a 30ms deadline = %v; want DeadlineExceeded", err)
	}
	if n := q.Len(); n != 2 {
		t.Fatalf("Len() = %d after a timed-out Put; want 2", n)
	}
	empty := NewQueue[int](2)
	ctx2, cancel2 := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel2()
	if _, err := empty.Get(ctx2); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Get on an empty queue with a 30ms deadline = %v; want DeadlineExceeded", err)
	}
}

func TestHiddenCancelSomeWaiters(t *testing.T) {
	q := NewQueue[int](1)
	q.Put(context.Background(), 0)
	type waiter struct {
		cancel context.CancelFunc
		done   chan error
	}
	ws := make([]waiter, 20)
	for i := range ws {
		ctx, cancel := context.WithCancel(context.Background())
		ws[i] = waiter{cancel, make(chan error, 1)}
		go func() { ws[i].done <- q.Put(ctx, i) }()
	}
	defer func() {
		for _, w := range ws {
			w.cancel()
		}
	}()
	for i := 0; i < 10; i++ {
		ws[i].cancel()
	}
	for i := 0; i < 10; i++ {
		select {
		case err := <-ws[i].done:
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("canceled Put = %v; want context.Canceled", err)
			}
		case <-time.After(2 * time.Second):
			t.Fatal("a waiting Put did not return within 2s of its cancel")
		}
	}
	time.Sleep(20 * time.Millisecond)
	for i := 10; i < 20; i++ {
		select {
		case err := <-ws[i].done:
			t.Fatalf("Put %d returned %v although its context is live and the queue is full", i, err)
		default:
		}
	}
	q.Close()
	for i := 10; i < 20; i++ {
		select {
		case err := <-ws[i].done:
			if !errors.Is(err, ErrClosed) {
				t.Fatalf("waiting Put after Close = %v; want ErrClosed", err)
			}
		case <-time.After(2 * time.Second):
			t.Fatal("Close did not wake a waiting Put within 2s")
		}
	}
}

// Waiters that give up must not swallow the wake-ups the others need.
func TestHiddenGiveUpsDoNotStall(t *testing.T) {
	q := NewQueue[int](1)
	var accepted, received atomic.Int64
	var prod sync.WaitGroup
	for p := 0; p < 16; p++ {
		prod.Add(1)
		go func() {
			defer prod.Done()
			for i := 0; i < 200; i++ {
				var err error
				if i%3 == 0 {
					ctx, cancel := context.WithTimeout(context.Background(), 50*time.Microsecond)
					err = q.Put(ctx, 1)
					cancel()
				} else {
					err = q.Put(context.Background(), 1)
				}
				if err == nil {
					accepted.Add(1)
				}
			}
		}()
	}
	go func() { prod.Wait(); q.Close() }()
	testWithin(t, 20*time.Second, "producers with give-ups", func() {
		var cons sync.WaitGroup
		for c := 0; c < 4; c++ {
			cons.Add(1)
			go func() {
				defer cons.Done()
				for {
					if c%2 == 0 {
						ctx, cancel := context.WithTimeout(context.Background(), 50*time.Microsecond)
						_, err := q.Get(ctx)
						cancel()
						if err == nil {
							received.Add(1)
						} else if errors.Is(err, ErrClosed) {
							return
						}
						continue
					}
					if _, err := q.Get(context.Background()); err != nil {
						return
					}
					received.Add(1)
				}
			}()
		}
		cons.Wait()
	})
	if a, r := accepted.Load(), received.Load(); a != r {
		t.Fatalf("%d items accepted but %d received", a, r)
	}
}

func TestHiddenCloseWakesAllWaiters(t *testing.T) {
	empty := NewQueue[int](1)
	full := NewQueue[int](1)
	full.Put(context.Background(), 0)
	errs := make(chan error, 20)
	for i := 0; i < 10; i++ {
		go func() { _, err := empty.Get(context.Background()); errs <- err }()
		go func() { errs <- full.Put(context.Background(), 1) }()
	}
	time.Sleep(10 * time.Millisecond)
	empty.Close()
	full.Close()
	for i := 0; i < 20; i++ {
		select {
		case err := <-errs:
			if !errors.Is(err, ErrClosed) {
				t.Fatalf("woken waiter got %v; want ErrClosed", err)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("only %d of 20 waiters woke up within 2s of Close", i)
		}
	}
	if v, err := full.Get(context.Background()); err != nil || v != 0 {
		t.Fatalf("Get on closed queue with one item = %d, %v; want 0, nil", v, err)
	}
}

func TestHiddenPutAfterCloseWithRoom(t *testing.T) {
	q := NewQueue[int](8)
	q.Close()
	for i := 0; i < 3; i++ {
		if err := q.Put(context.Background(), i); !errors.Is(err, ErrClosed) {
			t.Fatalf("Put after Close = %v; want ErrClosed", err)
		}
	}
	if n := q.Len(); n != 0 {
		t.Fatalf("Len() = %d after rejected Puts; want 0", n)
	}
}

func TestHiddenConcurrentCloseAndTraffic(t *testing.T) {
	for round := 0; round < 20; round++ {
		q := NewQueue[int](2)
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(3)
			go func() { defer wg.Done(); q.Close() }()
			go func() { defer wg.Done(); q.Put(context.Background(), i) }()
			go func() {
				defer wg.Done()
				ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
				defer cancel()
				q.Get(ctx)
			}()
		}
		testWithin(t, 5*time.Second, "concurrent Close/Put/Get", wg.Wait)
	}
}

func TestHiddenLenStaysInBounds(t *testing.T) {
	q := NewQueue[int](5)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for j := 0; j < 500; j++ {
				if q.Put(ctx, j) != nil {
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for j := 0; j < 500; j++ {
				if _, err := q.Get(ctx); err != nil {
					return
				}
			}
		}()
	}
	stop := make(chan struct{})
	bad := make(chan int, 1)
	go func() {
		for {
			select {
			case <-stop:
				close(bad)
				return
			default:
			}
			if n := q.Len(); n < 0 || n > 5 {
				select {
				case bad <- n:
				default:
				}
			}
		}
	}()
	testWithin(t, 20*time.Second, "4 producers and 4 consumers", wg.Wait)
	close(stop)
	if n, ok := <-bad; ok {
		t.Fatalf("Len() = %d seen with capacity 5", n)
	}
}

func TestHiddenReadyBeatsDoneContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	q := NewQueue[int](1)
	if err := q.Put(ctx, 42); err != nil {
		t.Fatalf("Put with room and a done ctx = %v; want nil (ctx only matters when it would wait)", err)
	}
	if v, err := q.Get(ctx); err != nil || v != 42 {
		t.Fatalf("Get with an item and a done ctx = %d, %v; want 42, nil", v, err)
	}
}

func TestHiddenBadCapacityPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("NewQueue(0) did not panic")
		}
	}()
	NewQueue[int](0)
}
