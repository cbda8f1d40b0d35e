package main

import (
	"fmt"
	"sync"
	"time"
)

type Cache struct {
	mu   sync.RWMutex
	data map[string]string
}

func (c *Cache) Get(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.data[k]
}

// Describe reads two keys. It takes the read lock, and Get takes it again.
func (c *Cache) Describe() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	time.Sleep(50 * time.Millisecond) // some slow formatting work
	return c.Get("name") + "@" + c.Get("version")
}

func (c *Cache) Set(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.data[k] = v
}

func main() {
	c := &Cache{data: map[string]string{"name": "api", "version": "v1"}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		fmt.Println(c.Describe())
	}()
	go func() {
		defer wg.Done()
		time.Sleep(10 * time.Millisecond)
		c.Set("version", "v2")
	}()
	wg.Wait()
	fmt.Println("done")
}
