package checkthenact

import "sync/atomic"

type Stock struct{ left atomic.Int64 }

func (s *Stock) Reserve() bool {
	n := s.left.Load()
	if n <= 0 {
		return false
	}
	s.left.Store(n - 1)
	return true
}
