package oncewaitsonpeer

import (
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	c := NewConfig()
	go c.Provide("x", false)
	if c.Load() != "x" {
		t.Fatal("wrong value")
	}
}

func TestProvideAndLoad(t *testing.T) {
	c := NewConfig()
	go c.Provide("y", time.Now().UnixNano()%2 == 0)
	go c.Load()
}
