package solution

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// testBlocker returns a backend that waits for cancellation, reports it on cancelled,
// and (optionally) announces on started that it is running.
func testBlocker(started chan<- struct{}, cancelled chan<- struct{}) Backend {
	return func(ctx context.Context, q string) (string, error) {
		if started != nil {
			started <- struct{}{}
		}
		<-ctx.Done()
		cancelled <- struct{}{}
		return "", ctx.Err()
	}
}

func testFailing(ctx context.Context, q string) (string, error) {
	return "", errors.New("backend unavailable")
}

func testWaitN(t *testing.T, ch <-chan struct{}, n int, what string) {
	t.Helper()
	deadline := time.After(1 * time.Second)
	for i := 0; i < n; i++ {
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("%s: only %d of %d happened within 1s", what, i, n)
		}
	}
}

func TestHiddenFastestSuccessWins(t *testing.T) {
	cancelled := make(chan struct{}, 2)
	fast := func(ctx context.Context, q string) (string, error) { return "fast", nil }
	h := NewFirstAnswerHandler(testBlocker(nil, cancelled), testFailing, fast, testBlocker(nil, cancelled))

	rec := testServe(t, h, httptest.NewRequest(http.MethodGet, "/?q=a", nil))
	if rec.Code != http.StatusOK || rec.Body.String() != "fast" {
		t.Fatalf("got %d %q, want 200 \"fast\"", rec.Code, rec.Body.String())
	}
	testWaitN(t, cancelled, 2, "losing backends cancelled after the answer")
}

func TestHiddenQueryReachesEveryBackend(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	record := func(ctx context.Context, q string) (string, error) {
		mu.Lock()
		seen = append(seen, q)
		mu.Unlock()
		return "", errors.New("no")
	}
	echo := func(ctx context.Context, q string) (string, error) {
		time.Sleep(10 * time.Millisecond)
		return "echo:" + q, nil
	}
	h := NewFirstAnswerHandler(record, record, echo)
	rec := testServe(t, h, httptest.NewRequest(http.MethodGet, "/?q=hello+world", nil))
	if rec.Body.String() != "echo:hello world" {
		t.Fatalf("body %q, want %q", rec.Body.String(), "echo:hello world")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 2 || seen[0] != "hello world" || seen[1] != "hello world" {
		t.Fatalf("backends saw %q, want the query twice", seen)
	}
}

// No timeout here on purpose: a handler that waits for a success that never comes
// blocks forever, and that is the bug this test exists to expose.
func TestHiddenAllFailIsBadGateway(t *testing.T) {
	h := NewFirstAnswerHandler(testFailing, testFailing, testFailing)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/?q=x", nil))
	if rec.Code != http.StatusBadGateway {
		t.Fatalf("status %d, want %d", rec.Code, http.StatusBadGateway)
	}
}

func TestHiddenNoBackendsIsBadGateway(t *testing.T) {
	h := NewFirstAnswerHandler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/?q=x", nil))
	if rec.Code != http.StatusBadGateway {
		t.Fatalf("status %d, want %d", rec.Code, http.StatusBadGateway)
	}
}

func TestHiddenFailuresBeforeLateSuccess(t *testing.T) {
	late := func(ctx context.Context, q string) (string, error) {
		select {
		case <-time.After(20 * time.Millisecond):
			return "late", nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	h := NewFirstAnswerHandler(testFailing, late, testFailing)
	rec := testServe(t, h, httptest.NewRequest(http.MethodGet, "/?q=x", nil))
	if rec.Code != http.StatusOK || rec.Body.String() != "late" {
		t.Fatalf("got %d %q, want 200 \"late\"", rec.Code, rec.Body.String())
	}
}

func TestHiddenClientGoneStopsEverything(t *testing.T) {
	const n = 4
	started := make(chan struct{}, n)
	cancelled := make(chan struct{}, n)
	var bs []Backend
	for range n {
		bs = append(bs, testBlocker(started, cancelled))
	}
	h := NewFirstAnswerHandler(bs...)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req := httptest.NewRequest(http.MethodGet, "/?q=x", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(rec, req)
	}()
	testWaitN(t, started, n, "backends started")
	cancel() // the client hangs up
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatalf("handler still running 2s after the client went away")
	}
	testWaitN(t, cancelled, n, "backends cancelled after the client went away")
}

func TestHiddenManyConcurrentRequests(t *testing.T) {
	const requests = 64
	cancelled := make(chan struct{}, requests)
	var wg sync.WaitGroup
	errs := make(chan error, requests)
	for i := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			want := fmt.Sprintf("answer-%d", i)
			first := func(ctx context.Context, q string) (string, error) { return want, nil }
			second := func(ctx context.Context, q string) (string, error) { return want, nil }
			h := NewFirstAnswerHandler(testFailing, first, testBlocker(nil, cancelled), second)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/?q=x", nil))
			if rec.Code != http.StatusOK || rec.Body.String() != want {
				errs <- fmt.Errorf("request %d: got %d %q, want 200 %q", i, rec.Code, rec.Body.String(), want)
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("concurrent requests did not finish within 10s")
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	testWaitN(t, cancelled, requests, "blocking backends cancelled")
}

func TestHiddenRealServerClientTimeout(t *testing.T) {
	const n = 3
	started := make(chan struct{}, n)
	cancelled := make(chan struct{}, n)
	var bs []Backend
	for range n {
		bs = append(bs, testBlocker(started, cancelled))
	}
	srv := httptest.NewServer(NewFirstAnswerHandler(bs...))
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/?q=slow", nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	defer client.CloseIdleConnections()
	res := make(chan error, 1)
	go func() {
		resp, err := client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		res <- err
	}()
	testWaitN(t, started, n, "backends started")
	cancel() // the client gives up and closes the connection
	if err := <-res; err == nil {
		t.Fatalf("expected the cancelled client request to fail")
	}
	testWaitN(t, cancelled, n, "backends cancelled after the client disconnected")
}
