// mutant: replaces the mutex with an aggregator goroutine fed by a channel, started in NewMetrics and never stopped
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

type sample struct {
	path   string
	failed bool
	d      time.Duration
}

// Metrics collects Stats per URL path. One goroutine owns the map, so no lock is needed.
type Metrics struct {
	samples   chan sample
	snapshots chan chan map[string]Stats
}

// NewMetrics returns an empty collector.
func NewMetrics() *Metrics {
	m := &Metrics{samples: make(chan sample), snapshots: make(chan chan map[string]Stats)}
	go m.run()
	return m
}

func (m *Metrics) run() {
	byPath := map[string]*Stats{}
	for {
		select {
		case s := <-m.samples:
			st, ok := byPath[s.path]
			if !ok {
				st = &Stats{}
				byPath[s.path] = st
			}
			st.Requests++
			if s.failed {
				st.Errors++
			}
			st.Total += s.d
		case reply := <-m.snapshots:
			out := make(map[string]Stats, len(byPath))
			for path, st := range byPath {
				out[path] = *st
			}
			reply <- out
		}
	}
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
	m.samples <- sample{path, failed, d}
}

// Snapshot returns a copy of the current Stats of every path seen so far.
func (m *Metrics) Snapshot() map[string]Stats {
	reply := make(chan map[string]Stats)
	m.snapshots <- reply
	return <-reply
}
