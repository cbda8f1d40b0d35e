package solution

import (
	"net/http"
	"time"
)

// Stats is what the dashboard shows for one URL path.
type Stats struct {
	Requests int           // requests served
	Errors   int           // responses with status >= 500, plus handlers that panicked
	Total    time.Duration // time spent in the wrapped handler, summed
}

// Metrics collects Stats per URL path.
type Metrics struct {
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
		defer m.record(r.URL.Path, rec.status, time.Since(start))
		next.ServeHTTP(rec, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (m *Metrics) record(path string, status int, d time.Duration) {
	s, ok := m.byPath[path]
	if !ok {
		s = &Stats{}
		m.byPath[path] = s
	}
	s.Requests++
	if status >= 500 {
		s.Errors++
	}
	s.Total += d
}

// Snapshot returns the current Stats of every path seen so far.
func (m *Metrics) Snapshot() map[string]Stats {
	out := make(map[string]Stats, len(m.byPath))
	for path, s := range m.byPath {
		out[path] = *s
	}
	return out
}
