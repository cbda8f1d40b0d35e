package solution

import (
	"strconv"
	"testing"
)

const testBenchKeys = 4096

var testKeyNames = func() []string {
	ks := make([]string, testBenchKeys)
	for i := range ks {
		ks[i] = "key-" + strconv.Itoa(i)
	}
	return ks
}()

func testFilled() *Map[int] {
	m := New[int](32)
	for i, k := range testKeyNames {
		m.Store(k, i)
	}
	return m
}

// testWorkload runs a parallel mix: writePct percent Store, the rest Load.
func testWorkload(b *testing.B, writePct uint32) {
	m := testFilled()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		x := uint32(2463534242)
		for pb.Next() {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			k := testKeyNames[x%testBenchKeys]
			if (x>>16)%100 < writePct {
				m.Store(k, int(x))
			} else {
				m.Load(k)
			}
		}
	})
}

func BenchmarkReadMostly(b *testing.B) { testWorkload(b, 10) }

func BenchmarkHalfWrites(b *testing.B) { testWorkload(b, 50) }

func BenchmarkLoadOrStore(b *testing.B) {
	m := testFilled()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			m.LoadOrStore(testKeyNames[i%testBenchKeys], i)
			i += 7
		}
	})
}
