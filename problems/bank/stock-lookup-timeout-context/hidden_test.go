package solution

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type testCtxKey struct{}

// testSlowBackend blocks until its context ends and reports each cancellation.
type testSlowBackend struct {
	started   chan struct{}
	cancelled chan struct{}
}

func newTestSlowBackend() *testSlowBackend {
	return &testSlowBackend{started: make(chan struct{}, 1000), cancelled: make(chan struct{}, 1000)}
}

func (b *testSlowBackend) Lookup(ctx context.Context, sku string) (int, error) {
	b.started <- struct{}{}
	<-ctx.Done()
	b.cancelled <- struct{}{}
	return 0, ctx.Err()
}

func testWait(t *testing.T, ch <-chan struct{}, n int, what string) {
	t.Helper()
	deadline := time.After(3 * time.Second)
	for i := 0; i < n; i++ {
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("waited 3s: only %d of %d %s", i, n, what)
		}
	}
}

func TestHiddenBackendErrorPassesThrough(t *testing.T) {
	boom := errors.New("inventory down")
	b := testFuncBackend(func(ctx context.Context, sku string) (int, error) { return 0, boom })
	if _, err := StockLevel(context.Background(), b, "x", time.Second); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
}

func TestHiddenBackendSeesRequestValuesAndDeadline(t *testing.T) {
	ctx := context.WithValue(context.Background(), testCtxKey{}, "trace-42")
	b := testFuncBackend(func(ctx context.Context, sku string) (int, error) {
		if v, _ := ctx.Value(testCtxKey{}).(string); v != "trace-42" {
			return 0, fmt.Errorf("backend context lost the request's values (trace id %q)", v)
		}
		dl, ok := ctx.Deadline()
		if !ok || time.Until(dl) > time.Hour {
			return 0, errors.New("backend context carries no deadline from the timeout")
		}
		return 3, nil
	})
	if n, err := StockLevel(ctx, b, "x", time.Minute); err != nil || n != 3 {
		t.Fatalf("StockLevel = %d, %v; want 3, nil", n, err)
	}
}

func TestHiddenTimeoutCancelsBackend(t *testing.T) {
	b := newTestSlowBackend()
	start := time.Now()
	_, err := StockLevel(context.Background(), b, "x", 20*time.Millisecond)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Fatalf("StockLevel took %v with a 20ms timeout", el)
	}
	testWait(t, b.cancelled, 1, "backend calls cancelled")
}

func TestHiddenClientGoesAway(t *testing.T) {
	b := newTestSlowBackend()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-b.started:
			cancel() // the HTTP client disconnected mid-lookup
		case <-time.After(5 * time.Second):
		}
	}()
	start := time.Now()
	_, err := StockLevel(ctx, b, "x", time.Second)
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v after %v, want context.Canceled: the caller left, the lookup did not time out", err, time.Since(start))
	}
	testWait(t, b.cancelled, 1, "backend calls cancelled")
}

// A legacy backend that ignores its context must not hold the request past
// the timeout, and its goroutine must still finish once it returns.
func TestHiddenBackendIgnoresContext(t *testing.T) {
	release := make(chan struct{})
	var returned sync.WaitGroup
	returned.Add(1)
	b := testFuncBackend(func(ctx context.Context, sku string) (int, error) {
		defer returned.Done()
		<-release
		return 1, nil
	})
	start := time.Now()
	_, err := StockLevel(context.Background(), b, "x", 20*time.Millisecond)
	el := time.Since(start)
	close(release)
	returned.Wait()
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if el > 3*time.Second {
		t.Fatalf("StockLevel took %v with a 20ms timeout", el)
	}
}

func TestHiddenLateAnswerIsDropped(t *testing.T) {
	release := make(chan struct{})
	done := make(chan struct{})
	b := testFuncBackend(func(ctx context.Context, sku string) (int, error) {
		defer close(done)
		<-release
		return 99, errors.New("too late")
	})
	if _, err := StockLevel(context.Background(), b, "x", 10*time.Millisecond); !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	close(release)
	testWait(t, done, 1, "late backend calls finished")
}

// A burst of requests against a mix of fast, failing and hanging backends.
func TestHiddenConcurrentRequests(t *testing.T) {
	slow := newTestSlowBackend()
	fast := testFuncBackend(func(ctx context.Context, sku string) (int, error) { return len(sku), nil })
	const n = 300
	var wg sync.WaitGroup
	var timeouts, ok atomic.Int64
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%3 == 0 {
				if _, err := StockLevel(context.Background(), slow, "s", 5*time.Millisecond); !errors.Is(err, ErrTimeout) {
					t.Errorf("slow: err = %v, want ErrTimeout", err)
					return
				}
				timeouts.Add(1)
				return
			}
			sku := fmt.Sprintf("sku-%d", i)
			got, err := StockLevel(context.Background(), fast, sku, time.Minute)
			if err != nil || got != len(sku) {
				t.Errorf("fast: StockLevel(%q) = %d, %v", sku, got, err)
				return
			}
			ok.Add(1)
		}()
	}
	wg.Wait()
	if timeouts.Load() != n/3 || ok.Load() != n-n/3 {
		t.Fatalf("timeouts=%d ok=%d, want %d and %d", timeouts.Load(), ok.Load(), n/3, n-n/3)
	}
	testWait(t, slow.cancelled, n/3, "hanging backend calls cancelled")
}

func TestHiddenParentDeadlineWins(t *testing.T) {
	b := newTestSlowBackend()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := StockLevel(ctx, b, "x", time.Second)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the request's own context.DeadlineExceeded", err)
	}
	testWait(t, b.cancelled, 1, "backend calls cancelled")
}
