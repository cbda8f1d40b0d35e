// mutant: stops the stampede by holding the cache mutex during the load; a loader that reads another key through the cache blocks on that mutex forever
package solution

import (
	"context"
	"errors"
	"sync"
	"time"
)

var ErrNotFound = errors.New("not found")

type Stats struct {
	Hits   int64
	Misses int64
	Loads  int64
}

type entry struct {
	val     string
	err     error
	expires time.Time
}

type Cache struct {
	load func(ctx context.Context, key string) (string, error)
	ttl  time.Duration

	mu      sync.Mutex
	entries map[string]entry
	stats   Stats
}

func NewCache(load func(ctx context.Context, key string) (string, error), ttl time.Duration) *Cache {
	return &Cache{load: load, ttl: ttl, entries: make(map[string]entry)}
}

func (c *Cache) Get(ctx context.Context, key string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok && time.Now().Before(e.expires) {
		c.stats.Hits++
		return e.val, e.err
	}
	c.stats.Misses++
	c.stats.Loads++
	// Only one goroutine can be here, so only one load per key can run.
	val, err := c.load(context.WithoutCancel(ctx), key)
	if err == nil || errors.Is(err, ErrNotFound) {
		c.entries[key] = entry{val: val, err: err, expires: time.Now().Add(c.ttl)}
	}
	return val, err
}

func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}
