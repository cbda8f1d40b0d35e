package solution

import (
	"fmt"
	"testing"
)

// Hot path: a handful of popular keys, Inc from every goroutine.
func BenchmarkIncHotKeys(b *testing.B) {
	c := NewHitCounter()
	keys := make([]string, 64)
	for i := range keys {
		keys[i] = fmt.Sprint("/api/v1/item/", i)
	}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			c.Inc(keys[i&63])
			i++
		}
	})
}

// A dashboard reads Total after every hit on a counter with 10,000 keys.
func BenchmarkIncAndTotalManyKeys(b *testing.B) {
	c := NewHitCounter()
	keys := make([]string, 10000)
	for i := range keys {
		keys[i] = fmt.Sprint("/page/", i)
		c.Inc(keys[i])
	}
	b.ResetTimer()
	var sink int64
	for i := 0; i < b.N; i++ {
		c.Inc(keys[i%len(keys)])
		sink += c.Total()
	}
	if sink < 0 {
		b.Fatal("impossible")
	}
}
