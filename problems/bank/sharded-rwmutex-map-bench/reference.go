package solution

import (
	"hash/maphash"
	"sync"
)

// Map is a map from string keys to V values, safe for concurrent use.
type Map[V any] struct {
	seed   maphash.Seed
	shards []shard[V]
}

type shard[V any] struct {
	mu sync.RWMutex
	m  map[string]V
	_  [32]byte // keep neighbouring shards' locks on different cache lines
}

// New returns an empty map split into the given number of shards (at least 1).
func New[V any](shards int) *Map[V] {
	shards = max(shards, 1)
	m := &Map[V]{seed: maphash.MakeSeed(), shards: make([]shard[V], shards)}
	for i := range m.shards {
		m.shards[i].m = make(map[string]V)
	}
	return m
}

func (m *Map[V]) shard(key string) *shard[V] {
	return &m.shards[maphash.String(m.seed, key)%uint64(len(m.shards))]
}

// Load returns the value stored under key, if any.
func (m *Map[V]) Load(key string) (V, bool) {
	s := m.shard(key)
	s.mu.RLock()
	v, ok := s.m[key]
	s.mu.RUnlock()
	return v, ok
}

// Store sets the value under key.
func (m *Map[V]) Store(key string, v V) {
	s := m.shard(key)
	s.mu.Lock()
	s.m[key] = v
	s.mu.Unlock()
}

// LoadOrStore returns the existing value for key if there is one (loaded is true).
// Otherwise it stores v and returns it (loaded is false).
func (m *Map[V]) LoadOrStore(key string, v V) (actual V, loaded bool) {
	s := m.shard(key)
	s.mu.RLock()
	actual, loaded = s.m[key]
	s.mu.RUnlock()
	if loaded {
		return actual, true // the common case takes only the read lock
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if actual, loaded = s.m[key]; loaded { // someone may have stored it in between
		return actual, true
	}
	s.m[key] = v
	return v, false
}

// Delete removes key.
func (m *Map[V]) Delete(key string) {
	s := m.shard(key)
	s.mu.Lock()
	delete(s.m, key)
	s.mu.Unlock()
}

// Range calls f for the entries of the map until f returns false. f runs without any
// lock held, so it may call any method of m.
func (m *Map[V]) Range(f func(key string, v V) bool) {
	type entry struct {
		k string
		v V
	}
	var batch []entry
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.RLock()
		batch = batch[:0]
		for k, v := range s.m {
			batch = append(batch, entry{k, v})
		}
		s.mu.RUnlock()
		for _, e := range batch {
			if !f(e.k, e.v) {
				return
			}
		}
	}
}

// Len returns the number of entries.
func (m *Map[V]) Len() int {
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.RLock()
		n += len(s.m)
		s.mu.RUnlock()
	}
	return n
}
