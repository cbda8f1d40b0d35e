package solution

import (
	"fmt"
	"strings"
	"testing"
)

func BenchmarkJoin(b *testing.B) {
	for _, size := range []int{10, 100} {
		parts := strings.Split(strings.Repeat("ab,", size), ",")
		b.Run(fmt.Sprintf("size=%d", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = Join(parts)
			}
		})
	}
}

func BenchmarkCounter(b *testing.B) {
	var c Counter
	b.SetBytes(8)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Inc()
		}
	})
	b.ReportMetric(float64(c.n)/float64(b.N), "items/op")
}

func BenchmarkNoAllocs(b *testing.B) {
	x := 0
	for i := 0; i < b.N; i++ {
		x += i
	}
	_ = x
}
