package solution

import "sync"

type Loader struct {
	mu     sync.Mutex
	done   bool
	config map[string]string
	fetch  func() (map[string]string, error)
}

func NewLoader(fetch func() (map[string]string, error)) *Loader {
	return &Loader{fetch: fetch}
}

func (l *Loader) Get() (map[string]string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		return l.config, nil
	}
	config, err := l.fetch()
	if err == nil {
		l.config, l.done = config, true
	}
	return config, err
}
