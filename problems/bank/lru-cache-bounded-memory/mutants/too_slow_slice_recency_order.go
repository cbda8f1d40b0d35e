// mutant: keeps recency in a slice of keys and searches it linearly on every Get and Put: correct, but O(capacity) per operation
package solution

import "sync"

type LRU struct {
	mu       sync.Mutex
	capacity int
	values   map[string][]byte
	order    []string // least recent first
}

func NewLRU(capacity int) *LRU {
	if capacity < 1 {
		capacity = 1
	}
	return &LRU{capacity: capacity, values: make(map[string][]byte)}
}

func (c *LRU) touch(key string) {
	for i, k := range c.order {
		if k == key {
			c.order = append(c.order[:i], c.order[i+1:]...)
			break
		}
	}
	c.order = append(c.order, key)
}

func (c *LRU) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.values[key]
	if ok {
		c.touch(key)
	}
	return v, ok
}

func (c *LRU) Put(key string, value []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.values[key] = value
	c.touch(key)
	if len(c.order) > c.capacity {
		delete(c.values, c.order[0])
		c.order = c.order[1:]
	}
}

func (c *LRU) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.values)
}
