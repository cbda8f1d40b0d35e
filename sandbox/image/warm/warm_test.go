package solution

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"go.uber.org/goleak"
)

func TestWarmPipeline(t *testing.T) {
	defer goleak.VerifyNone(t)
	got, err := warmPipeline(context.Background(), []int{1, 2, 3, 4}, 2)
	if err != nil || !slices.Equal(got, []int{1, 4, 9, 16}) {
		t.Fatalf("warmPipeline = %v, %v", got, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := warmPipeline(ctx, []int{1, 2, 3}, 1); err == nil {
		t.Fatal("expected an error from a cancelled context")
	}
}

func TestWarmCounterAndLoad(t *testing.T) {
	defer goleak.VerifyNone(t)
	var c warmCounter
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			c.Inc([]string{"a", "b"}[i%2])
			if v, err := warmLoad("k"); err != nil || v != "K" {
				t.Errorf("warmLoad = %q, %v", v, err)
			}
		})
	}
	wg.Wait()
	if got := slices.Collect(warmKeys(c.Snapshot())); !slices.Equal(got, []string{"a", "b"}) || c.n.Load() != 8 {
		t.Fatalf("keys %v, n %d", got, c.n.Load())
	}
}

func TestWarmSynctest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
		defer cancel()
		done := make(chan struct{})
		go func() {
			<-ctx.Done()
			close(done)
		}()
		time.Sleep(2 * time.Hour) // fake clock: returns at once
		synctest.Wait()
		select {
		case <-done:
		default:
			t.Fatal("timeout did not fire")
		}
	})
}

func TestWarmHTTPAndJSON(t *testing.T) {
	defer goleak.VerifyNone(t)
	srv := httptest.NewServer(warmHandler(&warmCounter{}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/hit/x")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]int
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil || m["x"] != 1 {
		t.Fatalf("got %v, %v", m, err)
	}
	srv.Client().CloseIdleConnections()

	lru := newWarmLRU(2)
	lru.Put("a", 1)
	lru.Put("b", 2)
	lru.Put("c", 3)
	if _, ok := lru.Get("a"); ok {
		t.Fatal("a should have been evicted")
	}
	if b, err := lru.warmJSON(); err != nil || string(b) != `[{"key":"b","value":2},{"key":"c","value":3}]` {
		t.Fatalf("warmJSON = %s, %v", b, err)
	}
	if err := warmMisc(io.Discard); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkWarmCounter(b *testing.B) {
	var c warmCounter
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Inc("k")
		}
	})
}

func BenchmarkWarmQueue(b *testing.B) {
	for b.Loop() {
		q := &warmQueue{5, 3, 8}
		if got := warmDrain(q, 1); len(got) != 4 || got[0] != 1 {
			b.Fatal(got)
		}
	}
}
