package solution

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testLoadFunc fails the first `failures` calls, then succeeds. It checks
// that calls never overlap.
type testLoadFunc struct {
	t        *testing.T
	failures int32
	calls    atomic.Int32
	inFlight atomic.Int32
	work     time.Duration
}

var errTestUnreachable = errors.New("config server unreachable")

func (f *testLoadFunc) load() (map[string]string, error) {
	if f.inFlight.Add(1) != 1 {
		f.t.Errorf("load called while another load was still running")
	}
	defer f.inFlight.Add(-1)
	n := f.calls.Add(1)
	if f.work > 0 {
		time.Sleep(f.work)
	}
	if n <= f.failures {
		return nil, fmt.Errorf("attempt %d: %w", n, errTestUnreachable)
	}
	return map[string]string{"attempt": fmt.Sprint(n)}, nil
}

func TestHiddenConcurrentFirstUse(t *testing.T) {
	f := &testLoadFunc{t: t, work: 2 * time.Millisecond}
	l := NewLoader(f.load)
	start := make(chan struct{})
	results := make([]map[string]string, 200)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			cfg, err := l.Get()
			if err != nil {
				t.Errorf("Get: %v", err)
			}
			results[i] = cfg
		}()
	}
	close(start)
	wg.Wait()
	if n := f.calls.Load(); n != 1 {
		t.Fatalf("load called %d times, want 1", n)
	}
	for i, r := range results {
		if reflect.ValueOf(r).UnsafePointer() != reflect.ValueOf(results[0]).UnsafePointer() {
			t.Fatalf("caller %d got a different map than caller 0", i)
		}
	}
}

func TestHiddenErrorsAreNotCached(t *testing.T) {
	f := &testLoadFunc{t: t, failures: 3}
	l := NewLoader(f.load)
	for i := 1; i <= 3; i++ {
		_, err := l.Get()
		if !errors.Is(err, errTestUnreachable) {
			t.Fatalf("Get #%d: err = %v, want the load error", i, err)
		}
	}
	for i := 0; i < 5; i++ {
		cfg, err := l.Get()
		if err != nil || cfg["attempt"] != "4" {
			t.Fatalf("Get after recovery = %v, %v; want attempt 4", cfg, err)
		}
	}
	if n := f.calls.Load(); n != 4 {
		t.Fatalf("load called %d times, want 4", n)
	}
}

// The config server flaps while the service starts: many goroutines ask at
// once, some attempts fail. Loads never overlap, every caller gets either an
// error from a failed attempt or the one good config, and once it is loaded
// nobody loads again.
func TestHiddenConcurrentRetries(t *testing.T) {
	f := &testLoadFunc{t: t, failures: 5, work: 200 * time.Microsecond}
	l := NewLoader(f.load)
	start := make(chan struct{})
	var wg sync.WaitGroup
	var good atomic.Int32
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for attempt := 0; attempt < 20; attempt++ {
				cfg, err := l.Get()
				if err != nil {
					if !errors.Is(err, errTestUnreachable) {
						t.Errorf("unexpected error %v", err)
						return
					}
					continue
				}
				if cfg["attempt"] != "6" {
					t.Errorf("got config from attempt %s, want 6", cfg["attempt"])
				}
				good.Add(1)
				return
			}
			t.Errorf("no config after 20 tries")
		}()
	}
	close(start)
	wg.Wait()
	if n := f.calls.Load(); n != 6 {
		t.Fatalf("load called %d times, want 6 (5 failures + 1 success)", n)
	}
	if good.Load() != 64 {
		t.Fatalf("%d of 64 callers got the config", good.Load())
	}
}

func TestHiddenReadersAfterLoad(t *testing.T) {
	f := &testLoadFunc{t: t}
	l := NewLoader(f.load)
	if _, err := l.Get(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				if cfg, err := l.Get(); err != nil || cfg["attempt"] != "1" {
					t.Errorf("Get = %v, %v", cfg, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if n := f.calls.Load(); n != 1 {
		t.Fatalf("load called %d times, want 1", n)
	}
}
