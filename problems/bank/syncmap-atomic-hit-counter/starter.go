package solution

// HitCounter counts hits per key; safe for concurrent use.
type HitCounter struct {
	// TODO
}

// NewHitCounter returns an empty counter.
func NewHitCounter() *HitCounter {
	return &HitCounter{}
}

// Inc adds one hit to key and returns the key's new count.
func (c *HitCounter) Inc(key string) int64 {
	panic("TODO")
}

// Get returns the hits counted for key so far (0 for an unknown key).
func (c *HitCounter) Get(key string) int64 {
	panic("TODO")
}

// Total returns the hits counted over all keys. It runs on every request:
// keep it O(1).
func (c *HitCounter) Total() int64 {
	panic("TODO")
}

// Snapshot returns a copy of the per-key counts.
func (c *HitCounter) Snapshot() map[string]int64 {
	panic("TODO")
}
