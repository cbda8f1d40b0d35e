// Package mixed computes a value once, however many goroutines ask.
package mixed

import "sync"

type Lazy struct {
	once  sync.Once
	calls int
	value int
	make  func() int
}

func NewLazy(make func() int) *Lazy { return &Lazy{make: make} }

func (l *Lazy) Get() int {
	l.once.Do(func() { l.calls++; l.value = l.make() })
	return l.value
}
