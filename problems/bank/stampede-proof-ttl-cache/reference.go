package solution

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
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

type entry struct {
	val     string
	err     error // nil or an ErrNotFound: negative answers are cached too
	expires time.Time
}

// call is one load in flight; done is closed when val and err are set.
type call struct {
	done chan struct{}
	val  string
	err  error
}

// Cache is a read-through cache in front of the product database. Concurrent
// misses on one key share a single load; loads of different keys run in
// parallel; the lock is never held while loading.
type Cache struct {
	load func(ctx context.Context, key string) (string, error)
	ttl  time.Duration

	mu      sync.Mutex
	entries map[string]entry
	calls   map[string]*call

	hits, misses, loads atomic.Int64
}

// NewCache returns a cache that fills itself with load and keeps answers
// for ttl.
func NewCache(load func(ctx context.Context, key string) (string, error), ttl time.Duration) *Cache {
	return &Cache{
		load:    load,
		ttl:     ttl,
		entries: make(map[string]entry),
		calls:   make(map[string]*call),
	}
}

// Get returns the value for key. On a miss it starts a load, or joins the
// one already running for key, and waits for it or for ctx, whichever ends
// first. A caller that gives up does not cancel the load: others may be
// waiting for it, and its answer still fills the cache.
func (c *Cache) Get(ctx context.Context, key string) (string, error) {
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && time.Now().Before(e.expires) {
		c.mu.Unlock()
		c.hits.Add(1)
		return e.val, e.err
	}
	c.misses.Add(1)
	cl, running := c.calls[key]
	if !running {
		cl = &call{done: make(chan struct{})}
		c.calls[key] = cl
		c.loads.Add(1)
		// Keep the caller's values (trace IDs) but not its cancellation.
		go c.run(context.WithoutCancel(ctx), key, cl)
	}
	c.mu.Unlock()

	select {
	case <-cl.done:
		return cl.val, cl.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (c *Cache) run(ctx context.Context, key string, cl *call) {
	val, err := c.load(ctx, key)
	c.mu.Lock()
	if err == nil || errors.Is(err, ErrNotFound) {
		c.entries[key] = entry{val: val, err: err, expires: time.Now().Add(c.ttl)}
	}
	delete(c.calls, key)
	c.mu.Unlock()
	cl.val, cl.err = val, err
	close(cl.done) // publishes val and err to every waiter
}

// Stats returns the counters.
func (c *Cache) Stats() Stats {
	return Stats{Hits: c.hits.Load(), Misses: c.misses.Load(), Loads: c.loads.Load()}
}
