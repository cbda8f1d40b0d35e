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

func TestPublicOneLoadForManyCallers(t *testing.T) {
	var loads atomic.Int32
	c := NewCache(func(ctx context.Context, key string) (string, error) {
		loads.Add(1)
		time.Sleep(5 * time.Millisecond) // a slow database query
		return "product " + key, nil
	}, time.Hour)
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := c.Get(context.Background(), "42")
			if err != nil || v != "product 42" {
				t.Errorf("Get = %q, %v", v, err)
			}
		}()
	}
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Fatalf("load called %d times for one key, want 1", n)
	}
}

func TestPublicNotFoundIsCached(t *testing.T) {
	var loads atomic.Int32
	c := NewCache(func(ctx context.Context, key string) (string, error) {
		loads.Add(1)
		return "", fmt.Errorf("product %s: %w", key, ErrNotFound)
	}, time.Hour)
	for i := 0; i < 3; i++ {
		if _, err := c.Get(context.Background(), "missing"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Get = %v, want ErrNotFound", err)
		}
	}
	if n := loads.Load(); n != 1 {
		t.Fatalf("load called %d times, want 1: a not-found answer is cached", n)
	}
}
