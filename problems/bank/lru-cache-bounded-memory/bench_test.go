package solution

import (
	"strconv"
	"testing"
)

// A warm cache of 4096 entries under a 3:1 Get/Put mix over twice as many
// keys: every operation should be O(1).
func BenchmarkLRUMixed(b *testing.B) {
	const capacity, keys = 4096, 8192
	names := make([]string, keys)
	for i := range names {
		names[i] = "key-" + strconv.Itoa(i)
	}
	payload := []byte("payload")
	c := NewLRU(capacity)
	for i := 0; i < capacity; i++ {
		c.Put(names[i], payload)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := names[(i*7919)%keys]
		if i%4 == 0 {
			c.Put(k, payload)
		} else {
			c.Get(k)
		}
	}
}

func BenchmarkLRUParallel(b *testing.B) {
	const capacity, keys = 4096, 8192
	names := make([]string, keys)
	for i := range names {
		names[i] = "key-" + strconv.Itoa(i)
	}
	payload := []byte("payload")
	c := NewLRU(capacity)
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			k := names[(i*7919)%keys]
			if i%4 == 0 {
				c.Put(k, payload)
			} else {
				c.Get(k)
			}
			i++
		}
	})
}
