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

type testTraceKey struct{}

func TestHiddenStampedeSharesOneLoad(t *testing.T) {
	var loads atomic.Int32
	release := make(chan struct{})
	c := NewCache(func(ctx context.Context, key string) (string, error) {
		loads.Add(1)
		<-release
		return "v:" + key, nil
	}, time.Hour)
	const callers = 200
	var wg sync.WaitGroup
	for i := 0; i < callers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := c.Get(context.Background(), "hot"); err != nil || v != "v:hot" {
				t.Errorf("Get = %q, %v", v, err)
			}
		}()
	}
	time.Sleep(20 * time.Millisecond) // let callers pile up on the miss (not needed for correctness)
	close(release)
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Fatalf("%d loads for one hot key, want 1", n)
	}
	if s := c.Stats(); s.Loads != 1 {
		t.Fatalf("Stats().Loads = %d, want 1", s.Loads)
	}
}

// Loads of different keys must not wait for each other: the load of "a"
// only finishes once the load of "b" has started.
func TestHiddenDifferentKeysLoadInParallel(t *testing.T) {
	bStarted := make(chan struct{})
	c := NewCache(func(ctx context.Context, key string) (string, error) {
		if key == "b" {
			close(bStarted)
			return "B", nil
		}
		select {
		case <-bStarted:
			return "A", nil
		case <-time.After(5 * time.Second):
			return "", errors.New("load of a waited 5s: loads of different keys are serialised")
		}
	}, time.Hour)
	errc := make(chan error, 1)
	go func() {
		_, err := c.Get(context.Background(), "a")
		errc <- err
	}()
	time.Sleep(5 * time.Millisecond) // let the load of a start first (not needed for correctness)
	if v, err := c.Get(context.Background(), "b"); err != nil || v != "B" {
		t.Fatalf("Get(b) = %q, %v", v, err)
	}
	if err := <-errc; err != nil {
		t.Fatalf("Get(a): %v", err)
	}
}

// Rendering a page needs the user, which is cached too: the loader uses the
// cache itself.
func TestHiddenLoaderMayUseTheCache(t *testing.T) {
	var c *Cache
	c = NewCache(func(ctx context.Context, key string) (string, error) {
		if key == "page:7" {
			user, err := c.Get(ctx, "user:7")
			if err != nil {
				return "", err
			}
			return "page for " + user, nil
		}
		return "alice", nil
	}, time.Hour)
	v, err := c.Get(context.Background(), "page:7")
	if err != nil || v != "page for alice" {
		t.Fatalf("Get(page:7) = %q, %v", v, err)
	}
	if s := c.Stats(); s.Loads != 2 {
		t.Fatalf("Loads = %d, want 2", s.Loads)
	}
}

func TestHiddenHitsWithinTTLAndReloadAfter(t *testing.T) {
	var loads atomic.Int32
	load := func(ctx context.Context, key string) (string, error) {
		return fmt.Sprintf("%s#%d", key, loads.Add(1)), nil
	}
	long := NewCache(load, time.Hour)
	for i := 0; i < 5; i++ {
		if v, _ := long.Get(context.Background(), "k"); v != "k#1" {
			t.Fatalf("Get #%d = %q, want k#1 (fresh entry)", i, v)
		}
	}
	short := NewCache(load, 20*time.Millisecond)
	first, _ := short.Get(context.Background(), "k")
	time.Sleep(100 * time.Millisecond) // well past the TTL
	second, _ := short.Get(context.Background(), "k")
	if first == second {
		t.Fatalf("entry %q still served after its TTL expired", second)
	}
}

func TestHiddenOtherErrorsAreNotCached(t *testing.T) {
	var loads atomic.Int32
	boom := errors.New("db timeout")
	c := NewCache(func(ctx context.Context, key string) (string, error) {
		if loads.Add(1) == 1 {
			return "", boom
		}
		return "ok", nil
	}, time.Hour)
	if _, err := c.Get(context.Background(), "k"); !errors.Is(err, boom) {
		t.Fatalf("first Get = %v, want %v", err, boom)
	}
	if v, err := c.Get(context.Background(), "k"); err != nil || v != "ok" {
		t.Fatalf("second Get = %q, %v; a failed load must not be cached", v, err)
	}
}

func TestHiddenLoaderSeesCallerValues(t *testing.T) {
	c := NewCache(func(ctx context.Context, key string) (string, error) {
		v, _ := ctx.Value(testTraceKey{}).(string)
		return v, nil
	}, time.Hour)
	ctx := context.WithValue(context.Background(), testTraceKey{}, "trace-9")
	if v, _ := c.Get(ctx, "k"); v != "trace-9" {
		t.Fatalf("loader saw trace id %q, want trace-9", v)
	}
}

// The caller that triggered a load gives up; the load continues for the
// others, is not cancelled, and fills the cache.
func TestHiddenFirstCallerGivesUp(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	var loads atomic.Int32
	c := NewCache(func(ctx context.Context, key string) (string, error) {
		loads.Add(1)
		close(started)
		select {
		case <-release:
			return "fresh", nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}, time.Hour)

	ctx, cancel := context.WithCancel(context.Background())
	firstErr := make(chan error, 1)
	go func() {
		_, err := c.Get(ctx, "k")
		firstErr <- err
	}()
	select {
	case <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("load never started")
	}
	second := make(chan string, 1)
	go func() {
		v, err := c.Get(context.Background(), "k")
		if err != nil {
			v = "error: " + err.Error()
		}
		second <- v
	}()
	for deadline := time.Now().Add(5 * time.Second); c.Stats().Misses < 2 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}

	cancel()
	select {
	case err := <-firstErr:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("first caller got %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("first caller kept waiting after its context was cancelled")
	}

	close(release)
	select {
	case v := <-second:
		if v != "fresh" {
			t.Fatalf("second caller got %q, want fresh: one caller leaving must not fail the shared load", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("second caller never got the value")
	}
	if v, err := c.Get(context.Background(), "k"); err != nil || v != "fresh" {
		t.Fatalf("Get after the load = %q, %v", v, err)
	}
	if n := loads.Load(); n != 1 {
		t.Fatalf("%d loads, want 1", n)
	}
}

// The only caller leaves and nobody else is waiting: the load still
// finishes, fills the cache, and leaves no goroutine behind.
func TestHiddenOnlyCallerGivesUp(t *testing.T) {
	release := make(chan struct{})
	finished := make(chan struct{})
	c := NewCache(func(ctx context.Context, key string) (string, error) {
		defer close(finished)
		<-release
		return "late", nil
	}, time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := c.Get(ctx, "k"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Get = %v, want context.DeadlineExceeded", err)
	}
	close(release)
	<-finished
	for deadline := time.Now().Add(5 * time.Second); ; {
		v, err := c.Get(context.Background(), "k")
		if err == nil && v == "late" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Get = %q, %v: the abandoned load did not fill the cache", v, err)
		}
		time.Sleep(time.Millisecond)
	}
	if s := c.Stats(); s.Loads != 1 {
		t.Fatalf("Loads = %d, want 1", s.Loads)
	}
}

func TestHiddenStatsSequence(t *testing.T) {
	c := NewCache(func(ctx context.Context, key string) (string, error) {
		if key == "gone" {
			return "", ErrNotFound
		}
		return key, nil
	}, time.Hour)
	ctx := context.Background()
	c.Get(ctx, "a")    // miss, load
	c.Get(ctx, "a")    // hit
	c.Get(ctx, "b")    // miss, load
	c.Get(ctx, "gone") // miss, load (negative)
	c.Get(ctx, "gone") // hit (negative)
	c.Get(ctx, "a")    // hit
	want := Stats{Hits: 3, Misses: 3, Loads: 3}
	if s := c.Stats(); s != want {
		t.Fatalf("Stats = %+v, want %+v", s, want)
	}
}

// Many goroutines, many keys, short TTL: values are always right, and no
// key is ever loaded twice at the same time.
func TestHiddenConcurrentMixed(t *testing.T) {
	var inFlight sync.Map // key -> *atomic.Int32
	c := NewCache(func(ctx context.Context, key string) (string, error) {
		v, _ := inFlight.LoadOrStore(key, new(atomic.Int32))
		n := v.(*atomic.Int32)
		if n.Add(1) != 1 {
			t.Errorf("two loads of %s at once", key)
		}
		time.Sleep(50 * time.Microsecond)
		n.Add(-1)
		if key[len(key)-1] == '7' {
			return "", ErrNotFound
		}
		return "v:" + key, nil
	}, 2*time.Millisecond)
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			for i := 0; i < 200; i++ {
				key := fmt.Sprintf("k%d", (g+i)%20)
				v, err := c.Get(ctx, key)
				if key[len(key)-1] == '7' {
					if !errors.Is(err, ErrNotFound) {
						t.Errorf("Get(%s) = %q, %v; want ErrNotFound", key, v, err)
						return
					}
					continue
				}
				if err != nil || v != "v:"+key {
					t.Errorf("Get(%s) = %q, %v", key, v, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
