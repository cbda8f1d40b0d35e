// Package racy counts hits per key from many goroutines, with a lock on writes only.
package racy

import "sync"

type Stats struct {
	mu   sync.Mutex
	hits map[string]int
}

func NewStats() *Stats { return &Stats{hits: map[string]int{}} }

func (s *Stats) Hit(key string) { s.mu.Lock(); s.hits[key]++; s.mu.Unlock() }

// Count reads without the lock: a data race with Hit.
func (s *Stats) Count(key string) int { return s.hits[key] }
