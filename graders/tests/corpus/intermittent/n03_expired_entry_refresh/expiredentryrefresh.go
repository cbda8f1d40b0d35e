package expiredentryrefresh

import (
	"sync"
	"time"
)

type entry struct {
	value   int
	expires time.Time
}

type TTLCache struct {
	mu    sync.RWMutex
	items map[string]entry
	ttl   time.Duration
	load  func(string) int
}

func NewTTLCache(ttl time.Duration, load func(string) int) *TTLCache {
	return &TTLCache{items: map[string]entry{}, ttl: ttl, load: load}
}

func (c *TTLCache) Get(k string) int {
	c.mu.RLock()
	e, ok := c.items[k]
	c.mu.RUnlock()
	if ok && time.Now().Before(e.expires) {
		return e.value
	}
	v := c.load(k)
	if ok {
		c.items[k] = entry{v, time.Now().Add(c.ttl)} // refresh in place
		return v
	}
	c.mu.Lock()
	c.items[k] = entry{v, time.Now().Add(c.ttl)}
	c.mu.Unlock()
	return v
}
