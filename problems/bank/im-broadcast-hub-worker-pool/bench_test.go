package solution

import (
	"fmt"
	"sync/atomic"
	"testing"
)

// BenchmarkBroadcastRoundTrip measures one broadcast to a 16-member room until the
// last member has received it.
func BenchmarkBroadcastRoundTrip(b *testing.B) {
	var n atomic.Int64
	done := make(chan struct{}, 1)
	h := NewHub(4, 1024, func(int64, []byte) error {
		if n.Add(1)%16 == 0 {
			done <- struct{}{}
		}
		return nil
	})
	defer h.Close()
	for u := int64(0); u < 16; u++ {
		h.Join("room", u)
	}
	msg := []byte(fmt.Sprint("hello"))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if q, _ := h.Broadcast("room", msg); q != 16 {
			b.Fatalf("queued %d of 16", q)
		}
		<-done
	}
}
