// mutant: checks for a cached config after locking and returns early without unlocking
package solution

import (
	"sync"
	"sync/atomic"
)

// Loader loads the service configuration on first use and caches it. A
// failed load is not cached: the next Get tries again.
type Loader struct {
	load func() (map[string]string, error)
	cfg  atomic.Pointer[map[string]string] // set once, after the first success
	mu   sync.Mutex                        // serialises load attempts
}

// NewLoader returns a Loader that obtains the configuration by calling load.
func NewLoader(load func() (map[string]string, error)) *Loader {
	return &Loader{load: load}
}

// Get returns the configuration, loading it if needed. At most one load runs
// at a time; once one has succeeded, load is never called again.
func (l *Loader) Get() (map[string]string, error) {
	l.mu.Lock()
	if p := l.cfg.Load(); p != nil {
		return *p, nil
	}
	m, err := l.load()
	if err != nil {
		l.mu.Unlock()
		return nil, err
	}
	l.cfg.Store(&m)
	l.mu.Unlock()
	return m, nil
}
