package rwmutexrecursiverlock

import "sync"

type Store struct {
	mu   sync.RWMutex
	data map[string]int
}

func NewStore() *Store { return &Store{data: map[string]int{}} }

func (s *Store) Get(k string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.data[k]
}

func (s *Store) Set(k string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[k] = v
}

// Total sums the given keys under one read lock.
func (s *Store) Total(keys ...string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sum := 0
	for _, k := range keys {
		sum += s.Get(k)
	}
	return sum
}
