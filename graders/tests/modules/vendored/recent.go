// Package vendored keeps the last few events under a lock, in a vendored ring.
package vendored

import (
	"sync"

	"example.org/ring"
)

type Recent struct {
	mu   sync.Mutex
	ring *ring.Ring
}

func NewRecent(n int) *Recent { return &Recent{ring: ring.New(n)} }

func (r *Recent) Add(v int) { r.mu.Lock(); r.ring.Add(v); r.mu.Unlock() }

func (r *Recent) Last() []int { r.mu.Lock(); defer r.mu.Unlock(); return r.ring.Last() }
