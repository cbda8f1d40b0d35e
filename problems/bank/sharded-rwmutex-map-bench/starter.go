package solution

// Map is a map from string keys to V values, safe for concurrent use.
type Map[V any] struct {
	// TODO
}

// New returns an empty map split into the given number of shards (at least 1).
func New[V any](shards int) *Map[V] {
	// TODO
	return &Map[V]{}
}

// Load returns the value stored under key, if any.
func (m *Map[V]) Load(key string) (v V, ok bool) {
	// TODO
	return v, false
}

// Store sets the value under key.
func (m *Map[V]) Store(key string, v V) {
	// TODO
}

// LoadOrStore returns the existing value for key if there is one (loaded is true).
// Otherwise it stores v and returns it (loaded is false).
func (m *Map[V]) LoadOrStore(key string, v V) (actual V, loaded bool) {
	// TODO
	return v, false
}

// Delete removes key.
func (m *Map[V]) Delete(key string) {
	// TODO
}

// Range calls f for the entries of the map until f returns false.
func (m *Map[V]) Range(f func(key string, v V) bool) {
	// TODO
}

// Len returns the number of entries.
func (m *Map[V]) Len() int {
	// TODO
	return 0
}
