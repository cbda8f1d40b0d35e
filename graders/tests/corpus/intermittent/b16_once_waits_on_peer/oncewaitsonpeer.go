package oncewaitsonpeer

import "sync"

type Config struct {
	once  sync.Once
	value string
	seed  chan string
}

func NewConfig() *Config { return &Config{seed: make(chan string)} }

// Load runs the expensive load once; it waits for the seed.
func (c *Config) Load() string {
	c.once.Do(func() { c.value = <-c.seed })
	return c.value
}

// Provide gives the seed, but first makes sure the config was loaded for its own logging.
func (c *Config) Provide(seed string, logFirst bool) {
	if logFirst {
		_ = c.Load()
	}
	c.seed <- seed
}
