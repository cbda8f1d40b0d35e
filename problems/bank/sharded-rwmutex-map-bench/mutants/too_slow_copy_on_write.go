// mutant: lock-free reads through an atomic pointer to an immutable map, but every write copies the whole map
package solution

import (
	"sync"
	"sync/atomic"
)

// Map is a map from string keys to V values, safe for concurrent use. Readers never
// lock: they load an immutable snapshot; writers copy it (copy-on-write).
type Map[V any] struct {
	mu   sync.Mutex // serialises writers
	snap atomic.Pointer[map[string]V]
}

// New returns an empty map. Shards are not needed: reads are lock-free.
func New[V any](shards int) *Map[V] {
	m := &Map[V]{}
	empty := map[string]V{}
	m.snap.Store(&empty)
	return m
}

// Load returns the value stored under key, if any.
func (m *Map[V]) Load(key string) (V, bool) {
	v, ok := (*m.snap.Load())[key]
	return v, ok
}

// update applies change to a private copy and publishes it.
func (m *Map[V]) update(change func(next map[string]V)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	cur := *m.snap.Load()
	next := make(map[string]V, len(cur)+1)
	for k, v := range cur {
		next[k] = v
	}
	change(next)
	m.snap.Store(&next)
}

// Store sets the value under key.
func (m *Map[V]) Store(key string, v V) {
	m.update(func(next map[string]V) { next[key] = v })
}

// LoadOrStore returns the existing value for key if there is one (loaded is true).
// Otherwise it stores v and returns it (loaded is false).
func (m *Map[V]) LoadOrStore(key string, v V) (actual V, loaded bool) {
	if cur, ok := m.Load(key); ok {
		return cur, true
	}
	m.update(func(next map[string]V) {
		if cur, ok := next[key]; ok {
			actual, loaded = cur, true
			return
		}
		next[key] = v
		actual = v
	})
	return actual, loaded
}

// Delete removes key.
func (m *Map[V]) Delete(key string) {
	m.update(func(next map[string]V) { delete(next, key) })
}

// Range calls f for the entries of the map until f returns false.
func (m *Map[V]) Range(f func(key string, v V) bool) {
	for k, v := range *m.snap.Load() {
		if !f(k, v) {
			return
		}
	}
}

// Len returns the number of entries.
func (m *Map[V]) Len() int {
	return len(*m.snap.Load())
}
