package solution

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type testKey struct{}

func testPanicker(ctx context.Context) error {
	var m map[string]int
	m["boom"]++ // assignment to entry in nil map
	return nil
}

// testCollectPanics walks an error tree and records every *PanicError in it.
func testCollectPanics(err error, found map[string]*PanicError) {
	if err == nil {
		return
	}
	if pe, ok := err.(*PanicError); ok {
		found[pe.Name] = pe
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			testCollectPanics(e, found)
		}
	case interface{ Unwrap() error }:
		testCollectPanics(u.Unwrap(), found)
	}
}

func TestHiddenRunningCountsByName(t *testing.T) {
	s := NewScope(context.Background())
	release := make(chan struct{})
	names := map[string]int{"fetch": 5, "index": 3, "gc": 1}
	for name, n := range names {
		for i := 0; i < n; i++ {
			if err := s.Go(name, func(ctx context.Context) error { <-release; return nil }); err != nil {
				t.Fatalf("Go: %v", err)
			}
		}
	}
	got := s.Running()
	for name, n := range names {
		if got[name] != n {
			t.Fatalf("Running() = %v, want %v", got, names)
		}
	}
	close(release)
	if err := s.Close(context.Background()); err != nil {
		t.Fatalf("Close = %v", err)
	}
	if r := s.Running(); len(r) != 0 {
		t.Fatalf("Running() after Close = %v, want empty (names with no goroutine left are omitted)", r)
	}
}

func TestHiddenContextIsDerivedAndCancelledByClose(t *testing.T) {
	parent := context.WithValue(context.Background(), testKey{}, "trace-7f3a")
	s := NewScope(parent)
	seen := make(chan any, 1)
	s.Go("worker", func(ctx context.Context) error {
		seen <- ctx.Value(testKey{})
		<-ctx.Done()
		return ctx.Err()
	})
	if v := <-seen; v != "trace-7f3a" {
		t.Fatalf("fn's context carries %v, want the parent's value", v)
	}
	if err := s.Close(context.Background()); err != nil {
		t.Fatalf("Close = %v; context.Canceled returned after Close must not be reported", err)
	}
}

func TestHiddenParentCancellationReachesGoroutines(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	s := NewScope(parent)
	var exited sync.WaitGroup
	for i := 0; i < 10; i++ {
		exited.Add(1)
		s.Go("watcher", func(ctx context.Context) error {
			defer exited.Done()
			<-ctx.Done()
			return ctx.Err()
		})
	}
	cancel()
	exited.Wait() // every goroutine saw the parent's cancellation
	if err := s.Close(context.Background()); err != nil {
		t.Fatalf("Close = %v", err)
	}
}

func TestHiddenErrorsAreJoined(t *testing.T) {
	s := NewScope(context.Background())
	var want []error
	for i := 0; i < 10; i++ {
		err := fmt.Errorf("task %d failed", i)
		want = append(want, err)
		s.Go(fmt.Sprintf("task-%d", i), func(context.Context) error { return err })
	}
	for i := 0; i < 10; i++ {
		s.Go("ok", func(context.Context) error { return nil })
	}
	err := s.Close(context.Background())
	for _, w := range want {
		if !errors.Is(err, w) {
			t.Fatalf("Close = %v; missing %v", err, w)
		}
	}
	if err2 := s.Close(context.Background()); err2 == nil || !errors.Is(err2, want[3]) {
		t.Fatalf("second Close = %v, want the same errors again", err2)
	}
}

func TestHiddenPanicsBecomeErrors(t *testing.T) {
	s := NewScope(context.Background())
	s.Go("nil-map", testPanicker)
	s.Go("explicit", func(context.Context) error { panic(fmt.Errorf("wrapped: %w", context.DeadlineExceeded)) })
	s.Go("fine", func(context.Context) error { return nil })
	err := s.Close(context.Background())
	if err == nil {
		t.Fatal("Close = nil, want the recovered panics")
	}
	found := map[string]*PanicError{}
	testCollectPanics(err, found)
	pe := found["nil-map"]
	if pe == nil {
		t.Fatalf("no *PanicError for nil-map in %v", err)
	}
	if !strings.Contains(fmt.Sprint(pe.Value), "nil map") {
		t.Fatalf("PanicError.Value = %v, want the runtime error", pe.Value)
	}
	if !strings.Contains(string(pe.Stack), "testPanicker") {
		t.Fatalf("PanicError.Stack does not show the panicking function:\n%s", pe.Stack)
	}
	if found["explicit"] == nil {
		t.Fatalf("no *PanicError for explicit in %v", err)
	}
	if n := len(s.Running()); n != 0 {
		t.Fatalf("Running() = %v after panics, want empty", s.Running())
	}
}

func TestHiddenGoAfterCloseIsRejected(t *testing.T) {
	s := NewScope(context.Background())
	s.Close(context.Background())
	var ran atomic.Bool
	if err := s.Go("late", func(context.Context) error { ran.Store(true); return nil }); !errors.Is(err, ErrScopeClosed) {
		t.Fatalf("Go after Close = %v, want ErrScopeClosed", err)
	}
	time.Sleep(5 * time.Millisecond)
	if ran.Load() {
		t.Fatal("fn ran although Go returned ErrScopeClosed")
	}
}

func TestHiddenGoRacingClose(t *testing.T) {
	for round := 0; round < 20; round++ {
		s := NewScope(context.Background())
		var accepted, finished atomic.Int64
		var callers sync.WaitGroup
		for c := 0; c < 8; c++ {
			callers.Add(1)
			go func() {
				defer callers.Done()
				for i := 0; i < 200; i++ {
					err := s.Go("job", func(ctx context.Context) error {
						defer finished.Add(1)
						return nil
					})
					if err == nil {
						accepted.Add(1)
					} else if !errors.Is(err, ErrScopeClosed) {
						t.Errorf("Go = %v", err)
						return
					} else {
						return
					}
				}
			}()
		}
		time.Sleep(time.Duration(round%4) * 100 * time.Microsecond)
		if err := s.Close(context.Background()); err != nil {
			t.Fatalf("Close = %v", err)
		}
		// Every accepted fn has finished by the time Close returned; later
		// Go calls are all rejected.
		done := finished.Load()
		callers.Wait()
		if a := accepted.Load(); done != a {
			t.Fatalf("round %d: Close returned with %d of %d accepted goroutines finished", round, done, a)
		}
	}
}

func TestHiddenCloseGivesUpAtDeadline(t *testing.T) {
	s := NewScope(context.Background())
	stuck := make(chan struct{})
	errLate := errors.New("late failure")
	s.Go("ignores-ctx", func(context.Context) error { <-stuck; return errLate })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := s.Close(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Close = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("Close took %v with a 30ms deadline", d)
	}
	if s.Running()["ignores-ctx"] != 1 {
		t.Fatalf("Running() = %v, want ignores-ctx still running", s.Running())
	}
	close(stuck)
	if err := s.Close(context.Background()); !errors.Is(err, errLate) {
		t.Fatalf("second Close = %v, want the late failure", err)
	}
}

func TestHiddenManyShortTasksWithObservers(t *testing.T) {
	s := NewScope(context.Background())
	stop := make(chan struct{})
	var observers sync.WaitGroup
	for i := 0; i < 4; i++ {
		observers.Add(1)
		go func() {
			defer observers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				// Names t0..t4 only: never more than 5 entries.
				if n := len(s.Running()); n > 5 {
					t.Errorf("Running() has %d names, want at most 5", n)
					return
				}
				time.Sleep(50 * time.Microsecond)
			}
		}()
	}
	var submitters sync.WaitGroup
	for g := 0; g < 8; g++ {
		submitters.Add(1)
		go func() {
			defer submitters.Done()
			for i := 0; i < 100; i++ {
				s.Go(fmt.Sprintf("t%d", i%5), func(ctx context.Context) error {
					time.Sleep(time.Duration(i%3) * 100 * time.Microsecond)
					return nil
				})
			}
		}()
	}
	submitters.Wait()
	if err := s.Close(context.Background()); err != nil {
		t.Fatalf("Close = %v", err)
	}
	close(stop)
	observers.Wait()
	if r := s.Running(); len(r) != 0 {
		t.Fatalf("Running() after Close = %v", r)
	}
}
