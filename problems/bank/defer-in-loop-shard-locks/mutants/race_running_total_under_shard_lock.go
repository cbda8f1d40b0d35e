// mutant: keeps a running total field updated under whichever shard lock is held, so different shards race on it
package solution

import (
	"hash/fnv"
	"sync"
)

const shardCount = 16

type shard struct {
	mu sync.Mutex
	m  map[string]int
}

// Counters is a sharded map of named counters, safe for concurrent use.
type Counters struct {
	shards [shardCount]shard
	total  int // kept up to date so Total is O(1)
}

func NewCounters() *Counters {
	c := &Counters{}
	for i := range c.shards {
		c.shards[i].m = make(map[string]int)
	}
	return c
}

func (c *Counters) shardFor(key string) *shard {
	h := fnv.New32a()
	h.Write([]byte(key))
	return &c.shards[h.Sum32()%shardCount]
}

// Get returns the current value of key (0 if never set).
func (c *Counters) Get(key string) int {
	s := c.shardFor(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[key]
}

// Total returns the sum of all counters.
func (c *Counters) Total() int {
	return c.total
}

// UpdateMany replaces the value of each key with fn(key, old), in order.
func (c *Counters) UpdateMany(keys []string, fn func(key string, old int) int) {
	for _, k := range keys {
		c.update(k, fn)
	}
}

func (c *Counters) update(key string, fn func(key string, old int) int) {
	s := c.shardFor(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.m[key]
	v := fn(key, old)
	s.m[key] = v
	c.total += v - old
}
