package solution

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func testDo(h http.Handler, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func TestExampleRecordsLatency(t *testing.T) {
	m := NewMetrics()
	h := m.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
		w.Write([]byte("ok"))
	}))
	testDo(h, "/slow")
	s := m.Snapshot()["/slow"]
	if s.Requests != 1 {
		t.Fatalf("Requests = %d, want 1", s.Requests)
	}
	if s.Total < 20*time.Millisecond {
		t.Fatalf("Total = %v for a handler that slept 20ms", s.Total)
	}
}

func TestExampleCountsServerErrors(t *testing.T) {
	m := NewMetrics()
	h := m.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "try later", http.StatusServiceUnavailable)
	}))
	testDo(h, "/flaky")
	if s := m.Snapshot()["/flaky"]; s.Requests != 1 || s.Errors != 1 {
		t.Fatalf("got %+v, want 1 request and 1 error", s)
	}
}
