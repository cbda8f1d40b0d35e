package solution

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testScript feeds the watchdog a fixed sequence of samples, then repeats rest forever.
type testScript struct {
	mu        sync.Mutex
	values    []int
	rest      int
	next      int
	exhausted chan struct{} // closed once every scripted value has been sampled
	stopped   atomic.Bool   // set by the test after Stop has returned
	late      atomic.Int32  // samples taken after Stop returned
}

func testNewScript(rest int, values ...int) *testScript {
	s := &testScript{values: values, rest: rest, exhausted: make(chan struct{})}
	if len(values) == 0 {
		close(s.exhausted)
	}
	return s
}

func (s *testScript) sample() int {
	if s.stopped.Load() {
		s.late.Add(1)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next < len(s.values) {
		v := s.values[s.next]
		s.next++
		if s.next == len(s.values) {
			close(s.exhausted)
		}
		return v
	}
	return s.rest
}

// testRecorder collects the values passed to onAlert.
type testRecorder struct {
	mu  sync.Mutex
	got []int
}

func (r *testRecorder) onAlert(n int) {
	r.mu.Lock()
	r.got = append(r.got, n)
	r.mu.Unlock()
}

func (r *testRecorder) list() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got)
}

func testWaitClosed(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(2 * time.Second):
		t.Fatalf("timed out after 2s waiting for %s", what)
	}
}

// testStop calls Stop and fails the test if it does not return within 2s.
func testStop(t *testing.T, w *Watchdog) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Stop()
	}()
	testWaitClosed(t, done, "Stop to return")
}

func TestExampleOneAlertPerExcursion(t *testing.T) {
	s := testNewScript(0, 3, 12, 15, 4, 20, 0)
	var r testRecorder
	w := NewWatchdog(time.Millisecond, 10, s.sample, r.onAlert)
	w.Start()
	testWaitClosed(t, s.exhausted, "the scripted samples to be taken")
	testStop(t, w)

	want := []int{12, 20}
	if got := w.Alerts(); !slices.Equal(got, want) {
		t.Fatalf("Alerts() = %v, want %v", got, want)
	}
	if got := r.list(); !slices.Equal(got, want) {
		t.Fatalf("onAlert saw %v, want %v", got, want)
	}
}

func TestExampleStopEndsSampling(t *testing.T) {
	s := testNewScript(0)
	w := NewWatchdog(time.Millisecond, 10, s.sample, func(int) {})
	w.Start()
	testWaitClosed(t, s.exhausted, "the watchdog to start")
	testStop(t, w)
	s.stopped.Store(true)
	time.Sleep(20 * time.Millisecond) // give a still-running loop the chance to show itself
	if n := s.late.Load(); n != 0 {
		t.Fatalf("sample was called %d times after Stop returned", n)
	}
}
