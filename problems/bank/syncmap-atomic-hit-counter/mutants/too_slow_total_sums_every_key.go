// mutant: correct and race-free, but Total walks every key on each call instead of keeping a running sum
package solution

import (
	"sync"
	"sync/atomic"
)

type HitCounter struct {
	keys sync.Map // string -> *atomic.Int64
}

func NewHitCounter() *HitCounter { return &HitCounter{} }

func (c *HitCounter) Inc(key string) int64 {
	v, ok := c.keys.Load(key)
	if !ok {
		v, _ = c.keys.LoadOrStore(key, new(atomic.Int64))
	}
	return v.(*atomic.Int64).Add(1)
}

func (c *HitCounter) Get(key string) int64 {
	if v, ok := c.keys.Load(key); ok {
		return v.(*atomic.Int64).Load()
	}
	return 0
}

// Total adds up the per-key counters: no second counter to keep in sync.
func (c *HitCounter) Total() int64 {
	var sum int64
	c.keys.Range(func(_, v any) bool {
		sum += v.(*atomic.Int64).Load()
		return true
	})
	return sum
}

func (c *HitCounter) Snapshot() map[string]int64 {
	out := make(map[string]int64)
	c.keys.Range(func(k, v any) bool {
		out[k.(string)] = v.(*atomic.Int64).Load()
		return true
	})
	return out
}
