// mutant: locks each touched shard once, in index order, for the whole batch, but unlocks once per key, so a shard hit twice is unlocked twice
package solution

import (
	"hash/fnv"
	"sort"
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

func (c *Counters) shardIndex(key string) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % shardCount)
}

// UpdateMany replaces the value of each key with fn(key, old), in order. The whole
// batch is applied atomically: every shard it touches is locked first, in index order.
func (c *Counters) UpdateMany(keys []string, fn func(key string, old int) int) {
	seen := make(map[int]bool)
	var idx []int
	for _, k := range keys {
		if i := c.shardIndex(k); !seen[i] {
			seen[i] = true
			idx = append(idx, i)
		}
	}
	sort.Ints(idx)
	for _, i := range idx {
		c.shards[i].mu.Lock()
	}
	for _, k := range keys {
		s := &c.shards[c.shardIndex(k)]
		s.m[k] = fn(k, s.m[k])
	}
	for _, k := range keys {
		c.shards[c.shardIndex(k)].mu.Unlock()
	}
}
