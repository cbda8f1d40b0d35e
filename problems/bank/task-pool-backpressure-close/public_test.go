package solution

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestPublicRunsEveryTask(t *testing.T) {
	p := NewPool(4, 16)
	var ran atomic.Int64
	for i := 0; i < 100; i++ {
		if err := p.Submit(context.Background(), func() { ran.Add(1) }); err != nil {
			t.Fatalf("Submit: %v", err)
		}
	}
	p.Close()
	if n := ran.Load(); n != 100 {
		t.Fatalf("%d tasks ran, want 100", n)
	}
	if s := p.Stats(); s.Submitted != 100 || s.Completed != 100 {
		t.Fatalf("Stats = %+v, want 100 submitted and completed", s)
	}
	if err := p.Submit(context.Background(), func() {}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Submit after Close = %v, want ErrClosed", err)
	}
}

func TestPublicTrySubmitWhenFull(t *testing.T) {
	p := NewPool(1, 1)
	gate, started := make(chan struct{}), make(chan struct{})
	if err := p.TrySubmit(func() { close(started); <-gate }); err != nil {
		t.Fatalf("TrySubmit #1: %v", err)
	}
	select {
	case <-started: // the only worker is busy now
	case <-time.After(5 * time.Second):
		t.Fatal("first task never started")
	}
	if err := p.TrySubmit(func() {}); err != nil {
		t.Fatalf("TrySubmit #2 (fills the queue): %v", err)
	}
	if err := p.TrySubmit(func() {}); !errors.Is(err, ErrQueueFull) {
		t.Fatalf("TrySubmit #3 = %v, want ErrQueueFull", err)
	}
	close(gate)
	p.Close()
	if s := p.Stats(); s.Completed != 2 {
		t.Fatalf("Completed = %d, want 2", s.Completed)
	}
}
