package solution

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned (possibly wrapped) by the loader for keys that do
// not exist; the cache remembers these answers too.
var ErrNotFound = errors.New("not found")

// Stats counts what the cache did, for the hit-rate dashboard.
type Stats struct {
	Hits   int64 // Gets answered from a fresh cache entry
	Misses int64 // Gets that had to wait for a load (started or joined)
	Loads  int64 // calls of the load function
}

// Cache is a read-through cache in front of the product database.
type Cache struct {
	// TODO
}

// NewCache returns a cache that fills itself with load and keeps answers
// for ttl.
func NewCache(load func(ctx context.Context, key string) (string, error), ttl time.Duration) *Cache {
	return &Cache{}
}

// Get returns the value for key, loading it on a miss.
func (c *Cache) Get(ctx context.Context, key string) (string, error) {
	return "", nil
}

// Stats returns the counters.
func (c *Cache) Stats() Stats {
	return Stats{}
}
