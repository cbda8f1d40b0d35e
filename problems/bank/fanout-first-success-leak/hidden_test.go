package solution

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type testFetcher = func(context.Context) (string, error)

// testWaitOrFail waits for wg; if it takes longer than d it calls release
// (which must unblock the fetchers), waits again and fails the test.
func testWaitOrFail(t *testing.T, wg *sync.WaitGroup, d time.Duration, release func(), msg string) {
	t.Helper()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
		release()
		<-done
		t.Fatal(msg)
	}
}

func TestHiddenWinnerCancelsManyLosers(t *testing.T) {
	parent, stop := context.WithCancel(context.Background())
	defer stop()
	var losers sync.WaitGroup
	fetchers := make([]testFetcher, 0, 51)
	for i := 0; i < 50; i++ {
		losers.Add(1)
		fetchers = append(fetchers, func(ctx context.Context) (string, error) {
			defer losers.Done()
			<-ctx.Done()
			return "", ctx.Err()
		})
	}
	fetchers = append(fetchers[:25], append([]testFetcher{func(context.Context) (string, error) { return "winner", nil }}, fetchers[25:]...)...)
	got, err := FirstSuccess(parent, fetchers)
	if err != nil || got != "winner" {
		t.Fatalf("FirstSuccess = %q, %v; want %q, nil", got, err, "winner")
	}
	testWaitOrFail(t, &losers, 2*time.Second, stop,
		"losers were not canceled: the context handed to fetchers must be canceled when FirstSuccess returns")
}

// Fetchers that ignore their context and answer after FirstSuccess returned
// must still be able to hand their result over and exit (the leak check after
// the run catches goroutines stuck on a send).
func TestHiddenLateLosersDoNotLeak(t *testing.T) {
	gate := make(chan struct{})
	var losers sync.WaitGroup
	fetchers := []testFetcher{func(context.Context) (string, error) { return "early", nil }}
	for i := 0; i < 30; i++ {
		losers.Add(1)
		fetchers = append(fetchers, func(context.Context) (string, error) {
			defer losers.Done()
			<-gate
			if i%2 == 0 {
				return "", fmt.Errorf("late failure %d", i)
			}
			return fmt.Sprintf("late value %d", i), nil
		})
	}
	got, err := FirstSuccess(context.Background(), fetchers)
	close(gate)
	if err != nil || got != "early" {
		t.Fatalf("FirstSuccess = %q, %v; want %q, nil", got, err, "early")
	}
	testWaitOrFail(t, &losers, 5*time.Second, func() {}, "late fetchers never returned")
}

func TestHiddenErrorsBeforeSuccess(t *testing.T) {
	var failures sync.WaitGroup
	fetchers := []testFetcher{}
	for i := 0; i < 10; i++ {
		failures.Add(1)
		fetchers = append(fetchers, func(context.Context) (string, error) {
			defer failures.Done()
			return "", fmt.Errorf("replica %d down", i)
		})
	}
	fetchers = append(fetchers, func(ctx context.Context) (string, error) {
		failures.Wait() // answer only after every failure is in
		return "late but fine", nil
	})
	got, err := FirstSuccess(context.Background(), fetchers)
	if err != nil || got != "late but fine" {
		t.Fatalf("FirstSuccess = %q, %v; want %q, nil: failures must not end the race while a fetcher is still running", got, err, "late but fine")
	}
}

func TestHiddenAllFailJoinsEveryError(t *testing.T) {
	var want []error
	var fetchers []testFetcher
	for i := 0; i < 25; i++ {
		e := fmt.Errorf("shard %d unavailable", i)
		want = append(want, e)
		fetchers = append(fetchers, func(context.Context) (string, error) {
			time.Sleep(time.Duration(i%5) * time.Millisecond)
			return "", e
		})
	}
	got, err := FirstSuccess(context.Background(), fetchers)
	if got != "" || err == nil {
		t.Fatalf("FirstSuccess = %q, %v; want \"\" and an error", got, err)
	}
	for _, e := range want {
		if !errors.Is(err, e) {
			t.Fatalf("returned error %q does not wrap %q", err, e)
		}
	}
}

// No fetcher, no answer: this must return at once, not wait forever.
func TestHiddenNoFetchers(t *testing.T) {
	if _, err := FirstSuccess(context.Background(), nil); !errors.Is(err, ErrNoFetchers) {
		t.Fatalf("FirstSuccess(nil) error = %v; want ErrNoFetchers", err)
	}
	if _, err := FirstSuccess(context.Background(), []testFetcher{}); !errors.Is(err, ErrNoFetchers) {
		t.Fatalf("FirstSuccess(empty) error = %v; want ErrNoFetchers", err)
	}
}

func TestHiddenParentCancelMidFlight(t *testing.T) {
	parent, stop := context.WithCancel(context.Background())
	defer stop()
	var started, finished sync.WaitGroup
	var fetchers []testFetcher
	for i := 0; i < 20; i++ {
		started.Add(1)
		finished.Add(1)
		fetchers = append(fetchers, func(ctx context.Context) (string, error) {
			defer finished.Done()
			started.Done()
			<-ctx.Done()
			return "", ctx.Err()
		})
	}
	type out struct {
		v   string
		err error
	}
	res := make(chan out, 1)
	go func() {
		v, err := FirstSuccess(parent, fetchers)
		res <- out{v, err}
	}()
	started.Wait()
	stop()
	select {
	case r := <-res:
		if r.v != "" || !errors.Is(r.err, context.Canceled) {
			t.Fatalf("FirstSuccess after cancel = %q, %v; want \"\", context.Canceled", r.v, r.err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("FirstSuccess did not return within 2s of its context being canceled")
	}
	testWaitOrFail(t, &finished, 2*time.Second, func() {}, "fetchers did not finish after cancel")
}

func TestHiddenAlreadyCanceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fetchers := make([]testFetcher, 5)
	for i := range fetchers {
		fetchers[i] = func(ctx context.Context) (string, error) {
			<-ctx.Done()
			return "", ctx.Err()
		}
	}
	got, err := FirstSuccess(ctx, fetchers)
	if got != "" || !errors.Is(err, context.Canceled) {
		t.Fatalf("FirstSuccess(canceled ctx) = %q, %v; want \"\", an error matching context.Canceled", got, err)
	}
}

func TestHiddenConcurrentCallers(t *testing.T) {
	var wg sync.WaitGroup
	var wrong atomic.Int64
	for c := 0; c < 32; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var fetchers []testFetcher
			for i := 0; i < 8; i++ {
				switch {
				case i == c%8:
					fetchers = append(fetchers, func(context.Context) (string, error) {
						time.Sleep(time.Millisecond)
						return fmt.Sprint("caller-", c), nil
					})
				case i%2 == 0:
					fetchers = append(fetchers, func(context.Context) (string, error) {
						return "", fmt.Errorf("caller %d fetcher %d failed", c, i)
					})
				default:
					fetchers = append(fetchers, func(ctx context.Context) (string, error) {
						<-ctx.Done()
						return "", ctx.Err()
					})
				}
			}
			got, err := FirstSuccess(context.Background(), fetchers)
			if err != nil || got != fmt.Sprint("caller-", c) {
				wrong.Add(1)
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("concurrent FirstSuccess calls did not all return within 10s")
	}
	if n := wrong.Load(); n != 0 {
		t.Fatalf("%d of 32 concurrent callers got a wrong answer", n)
	}
}
