package retrylogappend

import (
	"sync"
	"time"
)

type Client struct {
	mu  sync.Mutex
	log []string
}

func (c *Client) attempt(deadline time.Time) bool { return time.Now().Before(deadline) }

// Call tries up to three times; each attempt must start before deadline.
func (c *Client) Call(name string, deadline time.Time) bool {
	for try := 0; try < 3; try++ {
		if c.attempt(deadline) {
			c.mu.Lock()
			c.log = append(c.log, name+" ok")
			c.mu.Unlock()
			return true
		}
		c.log = append(c.log, name+" retry")
		deadline = deadline.Add(time.Millisecond)
	}
	return false
}
