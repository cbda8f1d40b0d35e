package solution

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testSink records batches and checks that the recorder never calls it
// from two goroutines at once.
type testSink struct {
	t        *testing.T
	inFlight atomic.Int32
	mu       sync.Mutex
	batches  [][]string
	arrived  chan struct{}
}

func newTestSink(t *testing.T) *testSink {
	return &testSink{t: t, arrived: make(chan struct{}, 1)}
}

func (s *testSink) fn(b []string) {
	if s.inFlight.Add(1) != 1 {
		s.t.Errorf("sink called concurrently")
	}
	s.mu.Lock()
	s.batches = append(s.batches, b)
	s.mu.Unlock()
	s.inFlight.Add(-1)
	select {
	case s.arrived <- struct{}{}:
	default:
	}
}

func (s *testSink) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, b := range s.batches {
		out = append(out, b...)
	}
	return out
}

func (s *testSink) sizes() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []int
	for _, b := range s.batches {
		out = append(out, len(b))
	}
	return out
}

func TestHiddenBatchesAndFinalFlush(t *testing.T) {
	s := newTestSink(t)
	r := NewRecorder(s.fn, 10, time.Hour)
	var want []string
	for i := 0; i < 25; i++ {
		e := "e" + strconv.Itoa(i)
		want = append(want, e)
		if err := r.Record(e); err != nil {
			t.Fatalf("Record: %v", err)
		}
	}
	r.Close()
	if got := s.all(); !slices.Equal(got, want) {
		t.Fatalf("delivered %q, want %q", got, want)
	}
	if got := s.sizes(); !slices.Equal(got, []int{10, 10, 5}) {
		t.Fatalf("batch sizes %v, want [10 10 5]", got)
	}
}

func TestHiddenSinkMayKeepBatches(t *testing.T) {
	s := newTestSink(t)
	r := NewRecorder(s.fn, 3, time.Hour)
	for i := 0; i < 30; i++ {
		if err := r.Record(fmt.Sprint(i)); err != nil {
			t.Fatalf("Record: %v", err)
		}
	}
	r.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, b := range s.batches {
		for _, e := range b {
			if e != fmt.Sprint(n) {
				t.Fatalf("kept batch overwritten: event %d reads %q", n, e)
			}
			n++
		}
	}
	if n != 30 {
		t.Fatalf("delivered %d events, want 30", n)
	}
}

func TestHiddenIntervalFlush(t *testing.T) {
	s := newTestSink(t)
	r := NewRecorder(s.fn, 100, 5*time.Millisecond)
	defer r.Close()
	for _, e := range []string{"a", "b", "c"} {
		if err := r.Record(e); err != nil {
			t.Fatalf("Record: %v", err)
		}
	}
	deadline := time.After(5 * time.Second)
	for len(s.all()) < 3 {
		select {
		case <-s.arrived:
		case <-deadline:
			t.Fatalf("partial batch not flushed by the interval; delivered %q", s.all())
		}
	}
	if got := s.all(); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Fatalf("delivered %q, want [a b c]", got)
	}
}

func TestHiddenConcurrentRecord(t *testing.T) {
	s := newTestSink(t)
	r := NewRecorder(s.fn, 16, time.Millisecond)
	const producers, perP = 32, 200
	var wg sync.WaitGroup
	for p := 0; p < producers; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perP; i++ {
				if err := r.Record(fmt.Sprintf("%d:%d", p, i)); err != nil {
					t.Errorf("Record: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	r.Close()

	next := make([]int, producers)
	total := 0
	for _, e := range s.all() {
		var p, i int
		if _, err := fmt.Sscanf(e, "%d:%d", &p, &i); err != nil {
			t.Fatalf("bad event %q", e)
		}
		if i != next[p] {
			t.Fatalf("producer %d: got event %d, want %d (lost, duplicated or reordered)", p, i, next[p])
		}
		next[p]++
		total++
	}
	if total != producers*perP {
		t.Fatalf("delivered %d events, want %d", total, producers*perP)
	}
	for _, n := range s.sizes() {
		if n < 1 || n > 16 {
			t.Fatalf("batch of %d events, want 1..16", n)
		}
	}
}

// Sessions end while their last events are still being recorded: every
// Record either reports ErrClosed or its event is delivered, and nothing
// panics.
func TestHiddenRecordRacingClose(t *testing.T) {
	for round := 0; round < 20; round++ {
		s := newTestSink(t)
		r := NewRecorder(s.fn, 4, time.Hour)
		var accepted atomic.Int64
		var wg sync.WaitGroup
		start := make(chan struct{})
		for p := 0; p < 8; p++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for i := 0; i < 100; i++ {
					err := r.Record("x")
					if errors.Is(err, ErrClosed) {
						return
					}
					if err != nil {
						t.Errorf("Record: %v", err)
						return
					}
					accepted.Add(1)
				}
			}()
		}
		close(start)
		r.Close()
		wg.Wait()
		if got, want := len(s.all()), int(accepted.Load()); got != want {
			t.Fatalf("round %d: %d events accepted but %d delivered", round, want, got)
		}
		if err := r.Record("late"); !errors.Is(err, ErrClosed) {
			t.Fatalf("Record after Close = %v, want ErrClosed", err)
		}
	}
}

func TestHiddenCloseTwiceAndConcurrently(t *testing.T) {
	s := newTestSink(t)
	r := NewRecorder(s.fn, 8, time.Hour)
	for i := 0; i < 5; i++ {
		if err := r.Record("e"); err != nil {
			t.Fatalf("Record: %v", err)
		}
	}
	var wg sync.WaitGroup
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Close()
			if n := len(s.all()); n != 5 {
				t.Errorf("after Close returned, %d of 5 events delivered", n)
			}
		}()
	}
	wg.Wait()
	r.Close()
}

// One recorder per session: thousands of sessions must not leave
// goroutines or tickers behind (checked by the harness after all tests).
func TestHiddenManySessions(t *testing.T) {
	var delivered atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				r := NewRecorder(func(b []string) { delivered.Add(int64(len(b))) }, 4, time.Millisecond)
				for _, e := range strings.Fields("open read close") {
					if err := r.Record(e); err != nil {
						t.Errorf("Record: %v", err)
					}
				}
				r.Close()
			}
		}()
	}
	wg.Wait()
	if got := delivered.Load(); got != 8*50*3 {
		t.Fatalf("delivered %d events, want %d", got, 8*50*3)
	}
}
