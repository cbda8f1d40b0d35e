package solution

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testURLs(n int) []string {
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("https://svc-%03d.example/health", i)
	}
	return urls
}

func testCheckFailing(every int) func(string) error {
	return func(u string) error {
		var i int
		fmt.Sscanf(u, "https://svc-%03d.example/health", &i)
		if i%every == 0 {
			return fmt.Errorf("%s: status 503", u)
		}
		return nil
	}
}

func TestHiddenEveryResultLandsAtItsIndex(t *testing.T) {
	urls := testURLs(300)
	errs, failed := CheckAll(urls, 8, testCheckFailing(7))
	if len(errs) != len(urls) {
		t.Fatalf("len(errs) = %d, want %d", len(errs), len(urls))
	}
	want := 0
	for i, err := range errs {
		if i%7 == 0 {
			want++
			if err == nil || err.Error() != urls[i]+": status 503" {
				t.Fatalf("errs[%d] = %v, want the check's error for %s", i, err, urls[i])
			}
		} else if err != nil {
			t.Fatalf("errs[%d] = %v, want nil", i, err)
		}
	}
	if failed != want {
		t.Fatalf("failed = %d, want %d", failed, want)
	}
}

func TestHiddenLimitIsRespected(t *testing.T) {
	for _, limit := range []int{1, 3, 8} {
		var inFlight, maxInFlight atomic.Int64
		errs, failed := CheckAll(testURLs(64), limit, func(u string) error {
			n := inFlight.Add(1)
			for {
				m := maxInFlight.Load()
				if n <= m || maxInFlight.CompareAndSwap(m, n) {
					break
				}
			}
			time.Sleep(500 * time.Microsecond)
			inFlight.Add(-1)
			return nil
		})
		if failed != 0 || len(errs) != 64 {
			t.Fatalf("limit %d: failed=%d len=%d, want 0 and 64", limit, failed, len(errs))
		}
		if m := maxInFlight.Load(); m > int64(limit) {
			t.Fatalf("limit %d: %d checks ran at the same time", limit, m)
		}
		if limit > 1 && maxInFlight.Load() < 2 {
			t.Fatalf("limit %d: checks never overlapped; they should run concurrently", limit)
		}
	}
}

func TestHiddenEmptyURLsMixedIn(t *testing.T) {
	// No timeout around this call: a WaitGroup that never reaches zero hangs here.
	urls := testURLs(120)
	for i := 0; i < len(urls); i += 5 {
		urls[i] = ""
	}
	var calls atomic.Int64
	errs, failed := CheckAll(urls, 4, func(u string) error {
		calls.Add(1)
		if u == "" {
			return errors.New("check called with an empty URL")
		}
		return nil
	})
	if failed != 24 {
		t.Fatalf("failed = %d, want 24 (the empty URLs)", failed)
	}
	for i, err := range errs {
		if (i%5 == 0) != errors.Is(err, ErrEmptyURL) {
			t.Fatalf("errs[%d] = %v", i, err)
		}
	}
	if calls.Load() != 96 {
		t.Fatalf("check called %d times, want 96", calls.Load())
	}
}

func TestHiddenOnlyEmptyURLs(t *testing.T) {
	errs, failed := CheckAll([]string{"", "", "", "", "", ""}, 2, func(string) error { return nil })
	if failed != 6 || len(errs) != 6 {
		t.Fatalf("got failed=%d len=%d, want 6 and 6", failed, len(errs))
	}
}

func TestHiddenNoURLs(t *testing.T) {
	errs, failed := CheckAll(nil, 3, func(string) error { return errors.New("unexpected call") })
	if failed != 0 || len(errs) != 0 {
		t.Fatalf("got errs=%v failed=%d for no URLs", errs, failed)
	}
}

func TestHiddenConcurrentCallers(t *testing.T) {
	var wg sync.WaitGroup
	errCh := make(chan error, 16)
	for g := 1; g <= 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			urls := testURLs(40 + g)
			errs, failed := CheckAll(urls, 1+g%4, testCheckFailing(g%3+2))
			want := 0
			for i := range urls {
				if i%(g%3+2) == 0 {
					want++
				}
			}
			got := 0
			for _, err := range errs {
				if err != nil {
					got++
				}
			}
			if failed != want || got != want {
				errCh <- fmt.Errorf("caller %d: failed=%d, non-nil errs=%d, want %d", g, failed, got, want)
			}
		}()
	}
	wg.Wait()
	close(errCh)
	for err := range errCh {
		t.Error(err)
	}
}
