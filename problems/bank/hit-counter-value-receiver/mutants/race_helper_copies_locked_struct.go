// mutant: Top passes *c (mutex included) to a helper by value; the copy reads the mutex while other goroutines lock it (go vet copylocks flags it too)
package solution

import (
	"sort"
	"sync"
)

type HitCounter struct {
	mu     sync.Mutex
	counts map[string]int
	total  int
}

func NewHitCounter() *HitCounter {
	return &HitCounter{counts: make(map[string]int)}
}

func (c *HitCounter) Add(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[key]++
	c.total++
}

func (c *HitCounter) Count(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[key]
}

func (c *HitCounter) Total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}

func (c *HitCounter) Top(n int) []string {
	if n <= 0 {
		return []string{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return topKeys(*c, n)
}

// topKeys sorts the keys of a counter the caller has locked.
func topKeys(c HitCounter, n int) []string {
	keys := make([]string, 0, len(c.counts))
	for k := range c.counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if c.counts[keys[i]] != c.counts[keys[j]] {
			return c.counts[keys[i]] > c.counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if n < len(keys) {
		keys = keys[:n]
	}
	return keys
}
