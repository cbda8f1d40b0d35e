package solution

import "unsafe"

// Config is one version of the service configuration.
type Config struct {
	Version   int64
	RateLimit int
	Endpoints []string
}

// Holder publishes the configuration in force to many reader goroutines.
type Holder struct {
	p unsafe.Pointer // *Config; swapped as a whole, so readers never see half an update
}

func NewHolder(initial Config) *Holder {
	c := initial
	return &Holder{p: unsafe.Pointer(&c)}
}

// Current returns the configuration in force. Callers must not modify it.
func (h *Holder) Current() *Config {
	return (*Config)(h.p)
}

// Apply lets patch edit a copy of the current configuration, bumps Version and
// publishes the copy.
func (h *Holder) Apply(patch func(c *Config)) {
	old := (*Config)(h.p)
	next := *old
	patch(&next)
	next.Version = old.Version + 1
	h.p = unsafe.Pointer(&next)
}
