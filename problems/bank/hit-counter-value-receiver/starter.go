package solution

import (
	"sort"
	"sync"
)

// HitCounter counts requests per key (for example per URL path) and backs
// the service's /metrics page. Add is called from every request goroutine.
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
func (c HitCounter) Add(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[key]++
	c.total++
}

// Count returns the hits recorded for key.
func (c HitCounter) Count(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[key]
}

// Total returns the hits recorded for all keys.
func (c HitCounter) Total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}

// Top returns up to n keys with the most hits, most hits first;
// keys with equal hits are ordered alphabetically.
func (c HitCounter) Top(n int) []string {
	if n <= 0 {
		return []string{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
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
