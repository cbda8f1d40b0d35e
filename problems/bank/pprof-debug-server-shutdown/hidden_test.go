package solution

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime/trace"
	"strings"
	"sync"
	"testing"
	"time"
)

var testPublicOnce sync.Once

// testRegisterPublic stands for the application's public API, which lives on
// http.DefaultServeMux.
func testRegisterPublic() {
	testPublicOnce.Do(func() {
		http.HandleFunc("/test-public/orders", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "public orders")
		})
	})
}

type testServer struct {
	ln     *pipeListener
	cancel context.CancelFunc
	served chan error
}

func testStart(t *testing.T) *testServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &testServer{ln: newPipeListener(), cancel: cancel, served: make(chan error, 1)}
	go func() { s.served <- ServeDebug(ctx, s.ln) }()
	return s
}

func (s *testServer) get(path string) (int, string, error) {
	resp, err := s.ln.client().Get("http://debug.test" + path)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

func (s *testServer) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	select {
	case err := <-s.served:
		if err != nil {
			t.Fatalf("ServeDebug returned %v after cancellation, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ServeDebug did not return within 10s of cancellation")
	}
	if _, _, err := s.get("/debug/pprof/"); err == nil {
		t.Fatal("the listener still accepts connections after ServeDebug returned")
	}
}

func testParkedInChanReceive(ch chan struct{}) { <-ch }

func TestHiddenEndpoints(t *testing.T) {
	park := make(chan struct{})
	defer close(park)
	go testParkedInChanReceive(park)

	s := testStart(t)
	cases := []struct{ path, want string }{
		{"/debug/pprof/", "goroutine"},
		{"/debug/pprof/goroutine?debug=1", "goroutine profile: total"},
		{"/debug/pprof/goroutine?debug=2", "testParkedInChanReceive"},
		{"/debug/pprof/heap?debug=1", "heap profile"},
		{"/debug/pprof/cmdline", ""},
	}
	for _, c := range cases {
		code, body, err := s.get(c.path)
		if err != nil || code != http.StatusOK || !strings.Contains(body, c.want) {
			t.Fatalf("GET %s: err %v, status %d, want 200 containing %q; body %.200q", c.path, err, code, c.want, body)
		}
	}
	s.stop(t)
}

func TestHiddenDebugPortServesOnlyPprof(t *testing.T) {
	testRegisterPublic()
	s := testStart(t)
	code, body, err := s.get("/test-public/orders")
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	if code == http.StatusOK {
		t.Fatalf("the debug port served the public API (%q): it must use its own mux", body)
	}
	s.stop(t)
}

func TestHiddenServeErrorIsReturned(t *testing.T) {
	// The listener is broken from the start: ServeDebug must report it
	// instead of waiting for a cancellation that never comes.
	errBroken := errors.New("listener broken")
	err := ServeDebug(context.Background(), testBrokenListener{errBroken})
	if !errors.Is(err, errBroken) {
		t.Fatalf("ServeDebug = %v, want %v", err, errBroken)
	}
}

type testBrokenListener struct{ err error }

func (l testBrokenListener) Accept() (net.Conn, error) { return nil, l.err }
func (l testBrokenListener) Close() error              { return nil }
func (l testBrokenListener) Addr() net.Addr            { return pipeAddr{} }

func TestHiddenShutdownWaitsForInFlightRequest(t *testing.T) {
	s := testStart(t)
	type result struct {
		code int
		n    int
		err  error
	}
	res := make(chan result, 1)
	go func() {
		code, body, err := s.get("/debug/pprof/trace?seconds=0.3")
		res <- result{code, len(body), err}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !trace.IsEnabled() {
		if time.Now().After(deadline) {
			t.Fatal("the trace request never started")
		}
		time.Sleep(time.Millisecond)
	}

	s.cancel() // shut down while the 300ms trace is being recorded
	select {
	case err := <-s.served:
		if trace.IsEnabled() {
			t.Fatal("ServeDebug returned while a request was still in flight")
		}
		if err != nil {
			t.Fatalf("ServeDebug returned %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ServeDebug did not return within 10s of cancellation")
	}
	select {
	case r := <-res:
		if r.err != nil || r.code != http.StatusOK || r.n == 0 {
			t.Fatalf("in-flight request: status %d, %d bytes, err %v; want a complete 200", r.code, r.n, r.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the in-flight request never completed")
	}
}

func TestHiddenManyConcurrentRequests(t *testing.T) {
	s := testStart(t)
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := "/debug/pprof/goroutine?debug=1"
			if i%2 == 1 {
				path = "/debug/pprof/symbol"
			}
			code, _, err := s.get(path)
			if err != nil || code != http.StatusOK {
				errs <- fmt.Errorf("request %d: status %d, err %v", i, code, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s.stop(t)
}

func TestHiddenCancelWhileIdle(t *testing.T) {
	s := testStart(t)
	s.stop(t)
}

func TestHiddenRepeatedStartStop(t *testing.T) {
	for i := 0; i < 20; i++ {
		s := testStart(t)
		if code, _, err := s.get("/debug/pprof/goroutine?debug=1"); err != nil || code != http.StatusOK {
			t.Fatalf("cycle %d: status %d, err %v", i, code, err)
		}
		s.stop(t)
	}
}
