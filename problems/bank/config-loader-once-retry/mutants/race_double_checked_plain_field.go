// mutant: double-checked locking on a plain map field: the unlocked first check reads cfg while the loader writes it
package solution

import "sync"

type Loader struct {
	load func() (map[string]string, error)
	mu   sync.Mutex
	cfg  map[string]string
}

func NewLoader(load func() (map[string]string, error)) *Loader {
	return &Loader{load: load}
}

func (l *Loader) Get() (map[string]string, error) {
	if l.cfg != nil {
		return l.cfg, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cfg != nil {
		return l.cfg, nil
	}
	m, err := l.load()
	if err != nil {
		return nil, err
	}
	l.cfg = m
	return m, nil
}
