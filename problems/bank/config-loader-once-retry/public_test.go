package solution

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestPublicLoadsOnce(t *testing.T) {
	var calls atomic.Int32
	l := NewLoader(func() (map[string]string, error) {
		calls.Add(1)
		return map[string]string{"host": "localhost"}, nil
	})
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cfg, err := l.Get()
			if err != nil || cfg["host"] != "localhost" {
				t.Errorf("Get() = %v, %v", cfg, err)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Fatalf("load called %d times, want 1", n)
	}
}

func TestPublicRetriesAfterError(t *testing.T) {
	fail := true
	l := NewLoader(func() (map[string]string, error) {
		if fail {
			fail = false
			return nil, errors.New("config server unreachable")
		}
		return map[string]string{"port": "8080"}, nil
	})
	if _, err := l.Get(); err == nil {
		t.Fatal("first Get: want the load error")
	}
	cfg, err := l.Get()
	if err != nil || cfg["port"] != "8080" {
		t.Fatalf("second Get() = %v, %v; want the config after a retry", cfg, err)
	}
}
