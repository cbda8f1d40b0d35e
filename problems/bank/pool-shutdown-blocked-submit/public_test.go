package solution

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestExampleRunsEveryJob(t *testing.T) {
	p := NewPool(3, 5)
	var ran atomic.Int64
	for i := 0; i < 50; i++ {
		if err := p.Submit(context.Background(), func() { ran.Add(1) }); err != nil {
			t.Fatalf("Submit #%d = %v", i, err)
		}
	}
	if err := p.Shutdown(context.Background()); err != nil {
		t.Fatalf("Shutdown = %v", err)
	}
	if n := ran.Load(); n != 50 {
		t.Fatalf("%d jobs ran by the time Shutdown returned; want 50", n)
	}
}

func TestExampleSubmitAfterShutdown(t *testing.T) {
	p := NewPool(2, 2)
	if err := p.Shutdown(context.Background()); err != nil {
		t.Fatalf("Shutdown = %v", err)
	}
	if err := p.Submit(context.Background(), func() {}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Submit after Shutdown = %v; want ErrClosed", err)
	}
}
