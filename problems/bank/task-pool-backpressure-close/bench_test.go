package solution

import (
	"context"
	"sync"
	"testing"
)

// Latency: submit one task to an idle pool and wait until it has run.
func BenchmarkPoolRoundTrip(b *testing.B) {
	p := NewPool(4, 64)
	defer p.Close()
	done := make(chan struct{})
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := p.Submit(ctx, func() { done <- struct{}{} }); err != nil {
			b.Fatal(err)
		}
		<-done
	}
}

// Throughput: a batch of 100 small tasks, submitted and awaited.
func BenchmarkPoolBatch100(b *testing.B) {
	p := NewPool(4, 64)
	defer p.Close()
	ctx := context.Background()
	var wg sync.WaitGroup
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		wg.Add(100)
		for j := 0; j < 100; j++ {
			if err := p.Submit(ctx, wg.Done); err != nil {
				b.Fatal(err)
			}
		}
		wg.Wait()
	}
}
