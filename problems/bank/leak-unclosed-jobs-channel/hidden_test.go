package solution

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// testLines builds n lines; every third one contains "ERROR".
func testLines(n int) ([]string, int) {
	lines := make([]string, n)
	want := 0
	for i := range lines {
		if i%3 == 0 {
			lines[i] = fmt.Sprintf("%d ERROR something broke", i)
			want++
		} else {
			lines[i] = fmt.Sprintf("%d INFO all good", i)
		}
	}
	return lines, want
}

func testIsError(s string) bool { return strings.Contains(s, "ERROR") }

func TestHiddenWorkerCounts(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100, 500} {
		for _, w := range []int{1, 2, 3, 8} {
			lines, want := testLines(n)
			if got := CountMatches(lines, w, testIsError); got != want {
				t.Fatalf("n=%d workers=%d: got %d, want %d", n, w, got, want)
			}
		}
	}
}

func TestHiddenMoreWorkersThanLines(t *testing.T) {
	lines, want := testLines(3)
	if got := CountMatches(lines, 32, testIsError); got != want {
		t.Fatalf("got %d, want %d", got, want)
	}
}

func TestHiddenEachLineMatchedOnceWithinWorkerBound(t *testing.T) {
	const workers = 4
	lines, _ := testLines(400)
	var calls, inFlight, maxInFlight atomic.Int64
	var mu sync.Mutex
	seen := make(map[string]int)
	match := func(s string) bool {
		cur := inFlight.Add(1)
		for {
			m := maxInFlight.Load()
			if cur <= m || maxInFlight.CompareAndSwap(m, cur) {
				break
			}
		}
		calls.Add(1)
		mu.Lock()
		seen[s]++
		mu.Unlock()
		inFlight.Add(-1)
		return true
	}
	if got := CountMatches(lines, workers, match); got != len(lines) {
		t.Fatalf("got %d, want %d", got, len(lines))
	}
	if calls.Load() != int64(len(lines)) {
		t.Fatalf("match called %d times, want %d", calls.Load(), len(lines))
	}
	for _, l := range lines {
		if seen[l] != 1 {
			t.Fatalf("line %q matched %d times, want 1", l, seen[l])
		}
	}
	if m := maxInFlight.Load(); m > workers {
		t.Fatalf("%d match calls ran at once, want at most %d workers", m, workers)
	}
}

func TestHiddenConcurrentCallers(t *testing.T) {
	const callers = 24
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for c := 0; c < callers; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lines, want := testLines(50 + c*7)
			if got := CountMatches(lines, 1+c%4, testIsError); got != want {
				errs <- fmt.Errorf("caller %d: got %d, want %d", c, got, want)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestHiddenLongRunningService(t *testing.T) {
	// A service calls CountMatches once per request, many times over.
	lines, want := testLines(20)
	for i := 0; i < 50; i++ {
		if got := CountMatches(lines, 2, testIsError); got != want {
			t.Fatalf("request %d: got %d, want %d", i, got, want)
		}
	}
}
