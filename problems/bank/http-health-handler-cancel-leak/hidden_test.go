package solution

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testDo(h http.Handler, ctx context.Context) (int, string) {
	req := httptest.NewRequest(http.MethodGet, "/healthz", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, strings.TrimSpace(rec.Body.String())
}

// However the handler ends, the context it gave the check must be canceled by
// the time ServeHTTP returns (otherwise its timer and anything waiting on it
// live on).
func TestHiddenCheckContextReleasedOnEveryPath(t *testing.T) {
	for _, fail := range []bool{false, true} {
		var got context.Context
		h := HealthHandler(time.Hour, func(ctx context.Context) error {
			got = ctx
			if fail {
				return errors.New("cache cold")
			}
			return nil
		})
		code, _ := testDo(h, context.Background())
		if code != http.StatusOK && code != http.StatusServiceUnavailable {
			t.Fatalf("status %d", code)
		}
		if got == nil || got.Err() == nil {
			t.Fatalf("fail=%v: the check's context is still live after ServeHTTP returned; cancel it on every path", fail)
		}
	}
}

func TestHiddenCheckHasDeadline(t *testing.T) {
	h := HealthHandler(2*time.Second, func(ctx context.Context) error {
		dl, ok := ctx.Deadline()
		if !ok {
			return errors.New("no deadline")
		}
		if left := time.Until(dl); left > 2*time.Second || left <= 0 {
			return fmt.Errorf("deadline in %v", left)
		}
		return nil
	})
	if code, body := testDo(h, context.Background()); code != http.StatusOK {
		t.Fatalf("got %d %q; the check's context must carry the handler's deadline", code, body)
	}
}

// The client disconnects: the check must be canceled right away, long before
// the handler's own timeout.
func TestHiddenClientGoneCancelsCheck(t *testing.T) {
	reqCtx, disconnect := context.WithCancel(context.Background())
	defer disconnect()
	started := make(chan struct{})
	observed := make(chan struct{})
	h := HealthHandler(3*time.Second, func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		close(observed)
		return ctx.Err()
	})
	served := make(chan int, 1)
	go func() {
		code, _ := testDo(h, reqCtx)
		served <- code
	}()
	<-started
	disconnect()
	select {
	case <-observed:
	case <-time.After(time.Second):
		<-served
		t.Fatal("the check kept running after the client went away: derive its context from the request")
	}
	select {
	case code := <-served:
		if code != http.StatusGatewayTimeout {
			t.Fatalf("status %d after the client went away; want 504", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("handler did not return after the client went away")
	}
}

// A check that ignores its context must not hold the response hostage: the
// handler answers 504 on time, and the goroutine running the check exits as
// soon as the check finally returns.
func TestHiddenCheckIgnoresContext(t *testing.T) {
	gate := make(chan struct{})
	var finished sync.WaitGroup
	finished.Add(1)
	h := HealthHandler(30*time.Millisecond, func(context.Context) error {
		defer finished.Done()
		<-gate
		return nil
	})
	code, body := testDo(h, context.Background())
	close(gate)
	if code != http.StatusGatewayTimeout || body != "timeout" {
		t.Fatalf("got %d %q; want 504 \"timeout\"", code, body)
	}
	finished.Wait()
}

func TestHiddenBurstOfTimeouts(t *testing.T) {
	var returned atomic.Int64
	h := HealthHandler(20*time.Millisecond, func(ctx context.Context) error {
		defer returned.Add(1)
		<-ctx.Done()
		return ctx.Err()
	})
	const n = 100
	codes := make(chan int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, _ := testDo(h, context.Background())
			codes <- code
		}()
	}
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusGatewayTimeout {
			t.Fatalf("status %d; want 504 for a check that outlives the timeout", code)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for returned.Load() != n && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if r := returned.Load(); r != n {
		t.Fatalf("only %d of %d checks returned after their handler answered", r, n)
	}
}

func TestHiddenConcurrentMixedRequests(t *testing.T) {
	h := HealthHandler(2*time.Second, func(ctx context.Context) error {
		id, _ := ctx.Value(testKey{}).(int)
		switch id % 3 {
		case 0:
			return nil
		case 1:
			return fmt.Errorf("dep %d down", id)
		default:
			time.Sleep(time.Millisecond)
			return nil
		}
	})
	var wg sync.WaitGroup
	var bad atomic.Int64
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, body := testDo(h, context.WithValue(context.Background(), testKey{}, i))
			want, wantBody := http.StatusOK, "ok"
			if i%3 == 1 {
				want, wantBody = http.StatusServiceUnavailable, fmt.Sprintf("unhealthy: dep %d down", i)
			}
			if code != want || body != wantBody {
				bad.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := bad.Load(); n != 0 {
		t.Fatalf("%d of 200 concurrent requests got the wrong answer (values of the request context must reach the check)", n)
	}
}

type testKey struct{}
