package retrylogappend

import (
	"sync"
	"testing"
	"time"
)

func TestCalls(t *testing.T) {
	c := &Client{}
	deadline := time.Now().Add(150 * time.Microsecond)
	var wg sync.WaitGroup
	for _, name := range []string{"a", "b", "c"} {
		wg.Add(1)
		go func() { defer wg.Done(); c.Call(name, deadline) }()
	}
	wg.Wait()
	if len(c.log) < 3 {
		t.Fatalf("log %v", c.log)
	}
}
