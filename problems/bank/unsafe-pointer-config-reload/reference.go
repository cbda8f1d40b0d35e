package solution

import (
	"slices"
	"sync"
	"sync/atomic"
)

// Config is one version of the service configuration.
type Config struct {
	Version   int64
	RateLimit int
	Endpoints []string
}

// Holder publishes the configuration in force to many reader goroutines.
// Readers never lock; writers are serialised so that no Apply is lost.
type Holder struct {
	mu  sync.Mutex // held by Apply only
	cur atomic.Pointer[Config]
}

func NewHolder(initial Config) *Holder {
	h := &Holder{}
	h.cur.Store(clone(&initial))
	return h
}

// Current returns the configuration in force. Callers must not modify it.
func (h *Holder) Current() *Config {
	return h.cur.Load()
}

// Apply lets patch edit a private copy of the current configuration, bumps Version
// and publishes the copy. patch may call Current (it still sees the old version).
func (h *Holder) Apply(patch func(c *Config)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	old := h.cur.Load()
	next := clone(old)
	patch(next)
	next.Version = old.Version + 1
	h.cur.Store(next)
}

// clone copies everything a patch could change, so a published Config is never
// written again: the Endpoints backing array is shared by nobody.
func clone(c *Config) *Config {
	next := *c
	next.Endpoints = slices.Clone(c.Endpoints)
	return &next
}
