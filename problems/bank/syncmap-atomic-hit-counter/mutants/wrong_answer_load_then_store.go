// mutant: creates a missing counter with Load then Store; two first hits on a new key each store their own counter and one of them is lost
package solution

import (
	"sync"
	"sync/atomic"
)

type HitCounter struct {
	keys  sync.Map // string -> *atomic.Int64
	total atomic.Int64
}

func NewHitCounter() *HitCounter { return &HitCounter{} }

func (c *HitCounter) Inc(key string) int64 {
	v, ok := c.keys.Load(key)
	if !ok {
		v = new(atomic.Int64)
		c.keys.Store(key, v)
	}
	c.total.Add(1)
	return v.(*atomic.Int64).Add(1)
}

func (c *HitCounter) Get(key string) int64 {
	if v, ok := c.keys.Load(key); ok {
		return v.(*atomic.Int64).Load()
	}
	return 0
}

func (c *HitCounter) Total() int64 { return c.total.Load() }

func (c *HitCounter) Snapshot() map[string]int64 {
	out := make(map[string]int64)
	c.keys.Range(func(k, v any) bool {
		out[k.(string)] = v.(*atomic.Int64).Load()
		return true
	})
	return out
}
