package registrynotrepeatable

import (
	"fmt"
	"sync"
)

var (
	mu       sync.Mutex
	handlers = map[string]func() string{}
)

// Register adds a handler; a name may be registered once.
func Register(name string, h func() string) error {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := handlers[name]; dup {
		return fmt.Errorf("handler %q already registered", name)
	}
	handlers[name] = h
	return nil
}

func Call(name string) string {
	mu.Lock()
	h := handlers[name]
	mu.Unlock()
	if h == nil {
		return ""
	}
	return h()
}
