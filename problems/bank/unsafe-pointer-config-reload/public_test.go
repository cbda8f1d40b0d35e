package solution

import "testing"

func TestApplyPublishesNewVersion(t *testing.T) {
	h := NewHolder(Config{RateLimit: 100, Endpoints: []string{"10.0.0.1:80"}})
	before := h.Current()
	h.Apply(func(c *Config) {
		c.RateLimit = 200
		c.Endpoints = append(c.Endpoints, "10.0.0.2:80")
	})
	after := h.Current()
	if after.Version != 1 || after.RateLimit != 200 || len(after.Endpoints) != 2 {
		t.Fatalf("after Apply: %+v, want version 1, limit 200, 2 endpoints", *after)
	}
	if before.Version != 0 || before.RateLimit != 100 || len(before.Endpoints) != 1 {
		t.Fatalf("the old snapshot changed: %+v", *before)
	}
}
