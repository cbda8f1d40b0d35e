package solution

import (
	"sync"
	"sync/atomic"
)

// HitCounter counts hits per key; safe for concurrent use. Keys are added
// once and then read and bumped forever: the case sync.Map is built for. The
// per-key counters are atomics, so after the first hit a key needs no lock.
type HitCounter struct {
	keys  sync.Map // string -> *atomic.Int64
	total atomic.Int64
}

// NewHitCounter returns an empty counter.
func NewHitCounter() *HitCounter {
	return &HitCounter{}
}

func (c *HitCounter) counter(key string) *atomic.Int64 {
	if v, ok := c.keys.Load(key); ok { // fast path: no allocation
		return v.(*atomic.Int64)
	}
	// LoadOrStore, not Load-then-Store: two first hits racing on a new key
	// must end up sharing one counter.
	v, _ := c.keys.LoadOrStore(key, new(atomic.Int64))
	return v.(*atomic.Int64)
}

// Inc adds one hit to key and returns the key's new count.
func (c *HitCounter) Inc(key string) int64 {
	n := c.counter(key).Add(1)
	c.total.Add(1)
	return n
}

// Get returns the hits counted for key so far (0 for an unknown key).
func (c *HitCounter) Get(key string) int64 {
	if v, ok := c.keys.Load(key); ok {
		return v.(*atomic.Int64).Load()
	}
	return 0
}

// Total returns the hits counted over all keys, in O(1).
func (c *HitCounter) Total() int64 {
	return c.total.Load()
}

// Snapshot returns a copy of the per-key counts.
func (c *HitCounter) Snapshot() map[string]int64 {
	out := make(map[string]int64)
	c.keys.Range(func(k, v any) bool {
		out[k.(string)] = v.(*atomic.Int64).Load()
		return true
	})
	return out
}
