// mutant: Snapshot copies the map of pointers under the lock but reads the Stats fields after unlocking
package solution

import (
	"net/http"
	"sync"
	"time"
)

// Stats is what the dashboard shows for one URL path.
type Stats struct {
	Requests int           // requests served
	Errors   int           // responses with status >= 500, plus handlers that panicked
	Total    time.Duration // time spent in the wrapped handler, summed
}

// Metrics collects Stats per URL path. It is safe for concurrent use.
type Metrics struct {
	mu     sync.Mutex
	byPath map[string]*Stats
}

// NewMetrics returns an empty collector.
func NewMetrics() *Metrics {
	return &Metrics{byPath: map[string]*Stats{}}
}

// Middleware wraps next and records every request it serves.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		finished := false
		// A closure, so that the status and the duration are read when the handler is
		// done, not when the defer statement runs. It also runs while a panic unwinds.
		defer func() {
			failed := !finished || rec.status >= 500
			m.record(r.URL.Path, failed, time.Since(start))
		}()
		next.ServeHTTP(rec, r)
		finished = true
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (m *Metrics) record(path string, failed bool, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.byPath[path]
	if !ok {
		s = &Stats{}
		m.byPath[path] = s
	}
	s.Requests++
	if failed {
		s.Errors++
	}
	s.Total += d
}

// Snapshot returns a copy of the current Stats of every path seen so far.
func (m *Metrics) Snapshot() map[string]Stats {
	m.mu.Lock()
	ptrs := make(map[string]*Stats, len(m.byPath))
	for path, s := range m.byPath {
		ptrs[path] = s
	}
	m.mu.Unlock() // keep the critical section short

	out := make(map[string]Stats, len(ptrs))
	for path, s := range ptrs {
		out[path] = *s
	}
	return out
}
