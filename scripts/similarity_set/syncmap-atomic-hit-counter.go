package solution

import "sync"

// A plain map under a read-write lock: the other design for a hit counter.
type HitCounter struct {
	lock sync.RWMutex
	hits map[string]int64
	all  int64
}

func NewHitCounter() *HitCounter { return &HitCounter{hits: map[string]int64{}} }

func (h *HitCounter) Inc(key string) int64 {
	h.lock.Lock()
	defer h.lock.Unlock()
	h.hits[key]++
	h.all++
	return h.hits[key]
}

func (h *HitCounter) Get(key string) int64 {
	h.lock.RLock()
	defer h.lock.RUnlock()
	return h.hits[key]
}

func (h *HitCounter) Total() int64 {
	h.lock.RLock()
	defer h.lock.RUnlock()
	return h.all
}

func (h *HitCounter) Snapshot() map[string]int64 {
	h.lock.RLock()
	defer h.lock.RUnlock()
	copied := make(map[string]int64, len(h.hits))
	for key, n := range h.hits {
		copied[key] = n
	}
	return copied
}
