package solution

import (
	"fmt"
	"testing"
)

var benchSink int

// BenchmarkCurrent is the request hot path: look up the configuration and read a
// few fields of it.
func BenchmarkCurrent(b *testing.B) {
	eps := make([]string, 64)
	for i := range eps {
		eps[i] = fmt.Sprintf("10.0.%d.%d:8080", i/8, i%8)
	}
	h := NewHolder(Config{RateLimit: 100, Endpoints: eps})
	h.Apply(func(c *Config) { c.RateLimit = 200 })
	s := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := h.Current()
		s += c.RateLimit
		for _, e := range c.Endpoints[:32] {
			s += len(e)
		}
	}
	benchSink = s
}
