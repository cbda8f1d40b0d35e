// mutant: releases the shard lock while calling fn ("never call user code under a lock"), so concurrent updates of a key are lost
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

// UpdateMany replaces the value of each key with fn(key, old), in order.
func (c *Counters) UpdateMany(keys []string, fn func(key string, old int) int) {
	for _, k := range keys {
		s := c.shardFor(k)
		s.mu.Lock()
		old := s.m[k]
		s.mu.Unlock()

		v := fn(k, old)

		s.mu.Lock()
		s.m[k] = v
		s.mu.Unlock()
	}
}
