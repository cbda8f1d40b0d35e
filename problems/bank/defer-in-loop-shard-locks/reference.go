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
	total := 0
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		for _, v := range s.m {
			total += v
		}
		s.mu.Unlock()
	}
	return total
}

// UpdateMany replaces the value of each key with fn(key, old), in order. A key that
// appears several times is updated once per occurrence.
func (c *Counters) UpdateMany(keys []string, fn func(key string, old int) int) {
	for _, k := range keys {
		c.update(k, fn)
	}
}

// update holds one shard lock for one key. The defer belongs to this small
// function, so it runs at the end of each iteration, not at the end of the batch.
func (c *Counters) update(key string, fn func(key string, old int) int) {
	s := c.shardFor(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[key] = fn(key, s.m[key])
}
