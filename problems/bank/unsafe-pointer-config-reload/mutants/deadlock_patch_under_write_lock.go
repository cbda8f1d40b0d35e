// mutant: replaces unsafe.Pointer with an RWMutex and calls patch while holding the write lock, so a patch that reads Current blocks on RLock forever
package solution

import (
	"slices"
	"sync"
)

type Config struct {
	Version   int64
	RateLimit int
	Endpoints []string
}

type Holder struct {
	mu  sync.RWMutex
	cur *Config
}

func NewHolder(initial Config) *Holder {
	c := initial
	c.Endpoints = slices.Clone(initial.Endpoints)
	return &Holder{cur: &c}
}

func (h *Holder) Current() *Config {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.cur
}

func (h *Holder) Apply(patch func(c *Config)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	next := *h.cur
	next.Endpoints = slices.Clone(h.cur.Endpoints)
	patch(&next)
	next.Version = h.cur.Version + 1
	h.cur = &next
}
