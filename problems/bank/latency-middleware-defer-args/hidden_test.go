package solution

import (
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestHiddenLatencyIsSummed(t *testing.T) {
	m := NewMetrics()
	h := m.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(10 * time.Millisecond)
	}))
	for range 3 {
		testDo(h, "/a")
	}
	s := m.Snapshot()["/a"]
	if s.Requests != 3 || s.Total < 30*time.Millisecond {
		t.Fatalf("got %+v, want 3 requests and Total >= 30ms", s)
	}
}

func TestHiddenStatusClassification(t *testing.T) {
	m := NewMetrics()
	h := m.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/implicit-ok":
			io.WriteString(w, "hello")
		case "/nothing":
		case "/not-found":
			http.NotFound(w, r)
		case "/internal":
			w.WriteHeader(http.StatusInternalServerError)
		case "/gateway":
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, "upstream down")
		}
	}))
	for _, p := range []string{"/implicit-ok", "/nothing", "/not-found", "/internal", "/gateway"} {
		testDo(h, p)
	}
	want := map[string]int{"/implicit-ok": 0, "/nothing": 0, "/not-found": 0, "/internal": 1, "/gateway": 1}
	snap := m.Snapshot()
	for p, errs := range want {
		if s := snap[p]; s.Requests != 1 || s.Errors != errs {
			t.Errorf("%s: got %+v, want 1 request and %d errors", p, s, errs)
		}
	}
	if len(snap) != len(want) {
		t.Errorf("Snapshot has %d paths, want %d", len(snap), len(want))
	}
}

func TestHiddenResponsePassesThrough(t *testing.T) {
	m := NewMetrics()
	h := m.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Check", "1")
		w.WriteHeader(http.StatusTeapot)
		io.WriteString(w, "short and stout")
	}))
	rec := testDo(h, "/tea")
	if rec.Code != http.StatusTeapot || rec.Body.String() != "short and stout" || rec.Header().Get("X-Check") != "1" {
		t.Fatalf("client saw %d %q %v", rec.Code, rec.Body.String(), rec.Header())
	}
}

func TestHiddenPanicIsCountedAndPropagated(t *testing.T) {
	m := NewMetrics()
	h := m.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Millisecond)
		panic("boom")
	}))
	var got any
	func() {
		defer func() { got = recover() }()
		testDo(h, "/panics")
	}()
	if got != "boom" {
		t.Fatalf("recovered %v, want the handler's panic value \"boom\" to reach the caller", got)
	}
	s := m.Snapshot()["/panics"]
	if s.Requests != 1 || s.Errors != 1 || s.Total < 5*time.Millisecond {
		t.Fatalf("got %+v, want 1 request, 1 error and Total >= 5ms", s)
	}
}

func TestHiddenConcurrentTraffic(t *testing.T) {
	m := NewMetrics()
	h := m.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("fail") == "1" {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		io.WriteString(w, "ok")
	}))
	const workers, perWorker = 32, 50
	paths := []string{"/a", "/b", "/c", "/d"}
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				p := paths[(g+i)%len(paths)]
				if i%5 == 0 {
					p += "?fail=1"
				}
				testDo(h, p)
			}
		}()
	}
	// Readers poll the dashboard while the traffic runs.
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for range 2 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			prev := 0
			for {
				total := 0
				for _, s := range m.Snapshot() {
					total += s.Requests
				}
				if total < prev {
					t.Errorf("total requests went down from %d to %d", prev, total)
					return
				}
				prev = total
				select {
				case <-stop:
					return
				default:
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	readers.Wait()

	snap := m.Snapshot()
	totalReq, totalErr := 0, 0
	for _, p := range paths {
		totalReq += snap[p].Requests
		totalErr += snap[p].Errors
	}
	if totalReq != workers*perWorker || totalErr != workers*perWorker/5 {
		t.Fatalf("recorded %d requests and %d errors, want %d and %d (snapshot %v)",
			totalReq, totalErr, workers*perWorker, workers*perWorker/5, snap)
	}
}

func TestHiddenSnapshotIsACopy(t *testing.T) {
	m := NewMetrics()
	h := m.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	testDo(h, "/x")
	snap := m.Snapshot()
	snap["/x"] = Stats{Requests: 100}
	delete(snap, "/x")
	testDo(h, "/x")
	if got := m.Snapshot()["/x"].Requests; got != 2 {
		t.Fatalf("Requests = %d after two requests, want 2", got)
	}
}

func TestHiddenOneCollectorManyHandlers(t *testing.T) {
	m := NewMetrics()
	var wg sync.WaitGroup
	for i := range 8 {
		h := m.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, "handler %d", i)
		}))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				testDo(h, fmt.Sprintf("/h%d", i%2))
			}
		}()
	}
	wg.Wait()
	snap := m.Snapshot()
	if snap["/h0"].Requests != 80 || snap["/h1"].Requests != 80 {
		t.Fatalf("got %v, want 80 requests on /h0 and on /h1", snap)
	}
}
