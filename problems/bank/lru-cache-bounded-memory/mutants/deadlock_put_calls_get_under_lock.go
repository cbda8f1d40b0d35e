// mutant: Put reuses Get to find an existing key while already holding the (non-reentrant) mutex
package solution

import (
	"container/list"
	"sync"
)

// LRU is a fixed-capacity cache of byte payloads keyed by string,
// safe for concurrent use. A doubly linked list keeps recency order (front =
// most recent) and a map finds list elements in O(1).
type LRU struct {
	mu       sync.Mutex // a plain Mutex: Get reorders the list, so it is a write
	capacity int
	ll       *list.List
	items    map[string]*list.Element
}

type entry struct {
	key   string
	value []byte
}

// NewLRU returns an empty cache that holds at most capacity entries
// (capacity >= 1).
func NewLRU(capacity int) *LRU {
	if capacity < 1 {
		capacity = 1
	}
	return &LRU{
		capacity: capacity,
		ll:       list.New(),
		items:    make(map[string]*list.Element, capacity),
	}
}

// Get returns the value for key and marks it as most recently used.
func (c *LRU) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.ll.MoveToFront(el)
	return el.Value.(*entry).value, true
}

// Put inserts or replaces the value for key and marks it as most recently
// used, evicting the least recently used entry if the cache is full.
func (c *LRU) Put(key string, value []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.Get(key); ok { // Get also moves it to the front
		c.items[key].Value.(*entry).value = value
		return
	}
	c.items[key] = c.ll.PushFront(&entry{key: key, value: value})
	if c.ll.Len() > c.capacity {
		oldest := c.ll.Back()
		c.ll.Remove(oldest)
		// Both structures must forget it, or the map keeps the payload alive.
		delete(c.items, oldest.Value.(*entry).key)
	}
}

// Len returns the number of entries in the cache.
func (c *LRU) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}
