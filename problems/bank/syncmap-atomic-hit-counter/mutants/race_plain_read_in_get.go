// mutant: increments with atomic.AddInt64 but reads the counters with a plain load ("reading an int64 is atomic on amd64 anyway")
package solution

import (
	"sync"
	"sync/atomic"
)

type HitCounter struct {
	keys  sync.Map // string -> *int64
	total int64
}

func NewHitCounter() *HitCounter { return &HitCounter{} }

func (c *HitCounter) Inc(key string) int64 {
	v, ok := c.keys.Load(key)
	if !ok {
		v, _ = c.keys.LoadOrStore(key, new(int64))
	}
	n := atomic.AddInt64(v.(*int64), 1)
	atomic.AddInt64(&c.total, 1)
	return n
}

func (c *HitCounter) Get(key string) int64 {
	if v, ok := c.keys.Load(key); ok {
		return *v.(*int64)
	}
	return 0
}

func (c *HitCounter) Total() int64 { return c.total }

func (c *HitCounter) Snapshot() map[string]int64 {
	out := make(map[string]int64)
	c.keys.Range(func(k, v any) bool {
		out[k.(string)] = *v.(*int64)
		return true
	})
	return out
}
