package solution

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
)

func testSnapshot(c *Config) string {
	return fmt.Sprintf("%d|%d|%s", c.Version, c.RateLimit, strings.Join(c.Endpoints, ","))
}

func TestHiddenNewHolderCopiesItsInput(t *testing.T) {
	eps := []string{"a", "b"}
	h := NewHolder(Config{RateLimit: 5, Endpoints: eps})
	eps[0] = "changed"
	if got := h.Current().Endpoints[0]; got != "a" {
		t.Fatalf("Current().Endpoints[0] = %q after the caller reused its slice, want \"a\"", got)
	}
}

func TestHiddenConcurrentAppliesAreNotLost(t *testing.T) {
	h := NewHolder(Config{RateLimit: 1000})
	const writers, each = 8, 100
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				h.Apply(func(c *Config) {
					runtime.Gosched()
					c.RateLimit++
				})
			}
		}()
	}
	wg.Wait()
	c := h.Current()
	if c.Version != writers*each || c.RateLimit != 1000+writers*each {
		t.Fatalf("after %d applies: version=%d rateLimit=%d, want %d and %d", writers*each, c.Version, c.RateLimit, writers*each, 1000+writers*each)
	}
}

func TestHiddenSnapshotsNeverChange(t *testing.T) {
	h := NewHolder(Config{RateLimit: 0, Endpoints: []string{"e0", "e1", "e2", "e3"}})
	stop := make(chan struct{})
	var readers sync.WaitGroup
	errCh := make(chan error, 8)
	for r := 0; r < 6; r++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				c := h.Current()
				// Every patch below keeps RateLimit == Version and Endpoints[0] == "v<Version>".
				before := testSnapshot(c)
				if int64(c.RateLimit) != c.Version || (c.Version > 0 && c.Endpoints[0] != fmt.Sprintf("v%d", c.Version)) {
					errCh <- fmt.Errorf("inconsistent snapshot %s", before)
					return
				}
				runtime.Gosched()
				if after := testSnapshot(c); after != before {
					errCh <- fmt.Errorf("a published snapshot changed from %s to %s", before, after)
					return
				}
			}
		}()
	}
	var writers sync.WaitGroup
	for w := 0; w < 3; w++ {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for i := 0; i < 150; i++ {
				h.Apply(func(c *Config) {
					c.RateLimit++
					c.Endpoints[0] = fmt.Sprintf("v%d", c.RateLimit) // edits the copy in place
					if len(c.Endpoints) < 32 {
						c.Endpoints = append(c.Endpoints, "x")
					}
				})
			}
		}()
	}
	writers.Wait()
	close(stop)
	readers.Wait()
	close(errCh)
	for err := range errCh {
		t.Error(err)
	}
	if c := h.Current(); c.Version != 450 || c.RateLimit != 450 {
		t.Fatalf("final version=%d rateLimit=%d, want 450 and 450", c.Version, c.RateLimit)
	}
}

func TestHiddenPatchMayReadCurrent(t *testing.T) {
	// No timeout here: a patch that calls Current must not deadlock.
	h := NewHolder(Config{RateLimit: 7})
	for i := 0; i < 3; i++ {
		h.Apply(func(c *Config) {
			cur := h.Current()
			if cur.Version != c.Version {
				t.Errorf("inside patch Current().Version = %d, want the old version %d", cur.Version, c.Version)
			}
			c.RateLimit = cur.RateLimit * 2
		})
	}
	if c := h.Current(); c.Version != 3 || c.RateLimit != 56 {
		t.Fatalf("got version=%d rateLimit=%d, want 3 and 56", c.Version, c.RateLimit)
	}
}
