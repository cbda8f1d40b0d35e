// mutant: Top sorts by hit count only, so tied keys come out in map order
package solution

import (
	"sort"
	"sync"
)

// HitCounter counts requests per key. All methods use pointer receivers so
// every call shares the one mutex and the one total.
type HitCounter struct {
	mu     sync.Mutex
	counts map[string]int
	total  int
}

// NewHitCounter returns an empty counter.
func NewHitCounter() *HitCounter {
	return &HitCounter{counts: make(map[string]int)}
}

// Add records one hit for key.
func (c *HitCounter) Add(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[key]++
	c.total++
}

// Count returns the hits recorded for key.
func (c *HitCounter) Count(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[key]
}

// Total returns the hits recorded for all keys.
func (c *HitCounter) Total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}

// Top returns up to n keys with the most hits, most hits first; ties are
// ordered alphabetically. The slice is new: the caller may keep or change it.
func (c *HitCounter) Top(n int) []string {
	if n <= 0 {
		return []string{}
	}
	c.mu.Lock()
	keys := make([]string, 0, len(c.counts))
	hits := make(map[string]int, len(c.counts))
	for k, v := range c.counts {
		keys = append(keys, k)
		hits[k] = v
	}
	c.mu.Unlock()

	// Sort the private copy outside the lock: Add is on the hot path.
	sort.Slice(keys, func(i, j int) bool {
		return hits[keys[i]] > hits[keys[j]]
	})
	if n < len(keys) {
		keys = keys[:n]
	}
	return keys
}
