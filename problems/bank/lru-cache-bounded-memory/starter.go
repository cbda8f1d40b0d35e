package solution

// LRU is a fixed-capacity cache of byte payloads keyed by string,
// safe for concurrent use.
type LRU struct {
	// TODO
}

// NewLRU returns an empty cache that holds at most capacity entries
// (capacity >= 1).
func NewLRU(capacity int) *LRU {
	return &LRU{}
}

// Get returns the value for key and marks it as most recently used.
func (c *LRU) Get(key string) ([]byte, bool) {
	return nil, false
}

// Put inserts or replaces the value for key and marks it as most recently
// used, evicting the least recently used entry if the cache is full.
func (c *LRU) Put(key string, value []byte) {
}

// Len returns the number of entries in the cache.
func (c *LRU) Len() int {
	return 0
}
