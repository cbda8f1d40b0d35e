package returnholdinglock

import (
	"errors"
	"sync"
)

var ErrClosed = errors.New("closed")

type Cache struct {
	mu     sync.Mutex
	closed bool
	items  map[string]string
}

func NewCache() *Cache { return &Cache{items: map[string]string{}} }

func (c *Cache) Put(k, v string) error {
	c.mu.Lock()
	if c.closed {
		return ErrClosed
	}
	c.items[k] = v
	c.mu.Unlock()
	return nil
}

func (c *Cache) Close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}
