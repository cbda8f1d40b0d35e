package solution

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("k%04d", i)
	}
	return keys
}

func testCheckValues(t *testing.T, values map[string]string, keys []string, failed func(string) bool) {
	t.Helper()
	want := 0
	for _, k := range keys {
		if failed(k) {
			if _, ok := values[k]; ok {
				t.Fatalf("failed key %s present in result", k)
			}
			continue
		}
		want++
		if values[k] != "v-"+k {
			t.Fatalf("values[%s] = %q, want %q (got %d of %d values)", k, values[k], "v-"+k, len(values), len(keys))
		}
	}
	if len(values) != want {
		t.Fatalf("got %d values, want %d", len(values), want)
	}
}

func TestHiddenAllSucceed(t *testing.T) {
	keys := testKeys(400)
	values, err := FetchAll(keys, func(k string) (string, error) {
		runtime.Gosched()
		return "v-" + k, nil
	})
	if err != nil {
		t.Fatalf("err = %v, want nil", err)
	}
	testCheckValues(t, values, keys, func(string) bool { return false })
}

func TestHiddenEmpty(t *testing.T) {
	values, err := FetchAll(nil, func(k string) (string, error) { return "v-" + k, nil })
	if err != nil || len(values) != 0 {
		t.Fatalf("FetchAll(nil) = %v, %v; want empty, nil", values, err)
	}
}

func TestHiddenSomeFail(t *testing.T) {
	keys := testKeys(300)
	errs := make(map[string]error)
	for i, k := range keys {
		if i%5 == 0 {
			errs[k] = fmt.Errorf("fetch %s: %w", k, errors.ErrUnsupported)
		}
	}
	values, err := FetchAll(keys, func(k string) (string, error) {
		runtime.Gosched()
		if e, ok := errs[k]; ok {
			return "", e
		}
		return "v-" + k, nil
	})
	if err == nil {
		t.Fatal("err = nil, want one of the fetch errors")
	}
	found := false
	for _, e := range errs {
		if err == e {
			found = true
		}
	}
	if !found {
		t.Fatalf("err = %v is not one of the errors fetch returned", err)
	}
	testCheckValues(t, values, keys, func(k string) bool { return errs[k] != nil })
}

func TestHiddenAllFail(t *testing.T) {
	keys := testKeys(100)
	boom := errors.New("boom")
	values, err := FetchAll(keys, func(string) (string, error) { return "", boom })
	if err != boom {
		t.Fatalf("err = %v, want boom", err)
	}
	if len(values) != 0 {
		t.Fatalf("got %d values, want 0", len(values))
	}
}

func TestHiddenWaitsForEveryCall(t *testing.T) {
	keys := testKeys(200)
	var inFlight, calls atomic.Int64
	values, err := FetchAll(keys, func(k string) (string, error) {
		inFlight.Add(1)
		defer inFlight.Add(-1)
		calls.Add(1)
		time.Sleep(time.Millisecond)
		if k == keys[7] {
			return "", errors.New("one failure")
		}
		return "v-" + k, nil
	})
	if n := inFlight.Load(); n != 0 {
		t.Fatalf("FetchAll returned while %d fetch calls were still running", n)
	}
	if n := calls.Load(); n != int64(len(keys)) {
		t.Fatalf("fetch called %d times, want %d", n, len(keys))
	}
	if err == nil {
		t.Fatal("err = nil, want the failure")
	}
	testCheckValues(t, values, keys, func(k string) bool { return k == keys[7] })
}

func TestHiddenCallsRunConcurrently(t *testing.T) {
	// Every fetch waits until all of them have started: a sequential
	// implementation would wait here until the shared deadline fires.
	keys := testKeys(64)
	var started atomic.Int64
	all := make(chan struct{})
	deadline := make(chan struct{})
	timer := time.AfterFunc(5*time.Second, func() { close(deadline) })
	defer timer.Stop()
	var notConcurrent atomic.Bool
	values, err := FetchAll(keys, func(k string) (string, error) {
		if started.Add(1) == int64(len(keys)) {
			close(all)
		}
		select {
		case <-all:
		case <-deadline:
			notConcurrent.Store(true)
		}
		return "v-" + k, nil
	})
	if notConcurrent.Load() {
		t.Fatal("fetch calls did not run concurrently")
	}
	if err != nil {
		t.Fatalf("err = %v", err)
	}
	testCheckValues(t, values, keys, func(string) bool { return false })
}

func TestHiddenConcurrentCallers(t *testing.T) {
	const callers = 32
	var wg sync.WaitGroup
	failures := make(chan string, callers)
	for c := 0; c < callers; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			keys := testKeys(20 + c)
			boom := fmt.Errorf("caller %d failed", c)
			values, err := FetchAll(keys, func(k string) (string, error) {
				if c%2 == 1 && k == keys[0] {
					return "", boom
				}
				return "v-" + k, nil
			})
			wantErr := error(nil)
			wantLen := len(keys)
			if c%2 == 1 {
				wantErr, wantLen = boom, len(keys)-1
			}
			if err != wantErr || len(values) != wantLen {
				failures <- fmt.Sprintf("caller %d: %d values, err %v; want %d, %v", c, len(values), err, wantLen, wantErr)
			}
		}()
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
}
