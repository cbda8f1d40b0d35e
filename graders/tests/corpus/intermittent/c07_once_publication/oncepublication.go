package oncepublication

import "sync"

type Lazy struct {
	once  sync.Once
	value []int
}

func (l *Lazy) Get() []int {
	l.once.Do(func() { l.value = []int{1, 2, 3} })
	return l.value
}
