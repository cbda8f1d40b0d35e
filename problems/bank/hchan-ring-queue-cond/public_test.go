package solution

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestExampleFIFO(t *testing.T) {
	ctx := context.Background()
	q := NewQueue[int](3)
	for i := 1; i <= 3; i++ {
		if err := q.Put(ctx, i); err != nil {
			t.Fatalf("Put(%d) = %v", i, err)
		}
	}
	if n := q.Len(); n != 3 {
		t.Fatalf("Len() = %d; want 3", n)
	}
	for want := 1; want <= 3; want++ {
		if got, err := q.Get(ctx); err != nil || got != want {
			t.Fatalf("Get() = %d, %v; want %d, nil", got, err, want)
		}
	}
}

func TestExampleCloseDrains(t *testing.T) {
	ctx := context.Background()
	q := NewQueue[string](4)
	q.Put(ctx, "a")
	q.Put(ctx, "b")
	q.Close()
	if err := q.Put(ctx, "c"); !errors.Is(err, ErrClosed) {
		t.Fatalf("Put after Close = %v; want ErrClosed", err)
	}
	for _, want := range []string{"a", "b"} {
		if got, err := q.Get(ctx); err != nil || got != want {
			t.Fatalf("Get() = %q, %v; want %q, nil", got, err, want)
		}
	}
	if _, err := q.Get(ctx); !errors.Is(err, ErrClosed) {
		t.Fatalf("Get on a closed, empty queue = %v; want ErrClosed", err)
	}
}

func TestExamplePutWaitsForRoom(t *testing.T) {
	ctx := context.Background()
	q := NewQueue[int](1)
	q.Put(ctx, 1)
	done := make(chan error, 1)
	go func() { done <- q.Put(ctx, 2) }()
	select {
	case err := <-done:
		t.Fatalf("Put on a full queue returned %v at once; it must wait", err)
	case <-time.After(20 * time.Millisecond):
	}
	if v, _ := q.Get(ctx); v != 1 {
		t.Fatalf("Get() = %d; want 1", v)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("waiting Put = %v; want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("waiting Put did not finish within 5s after room was made")
	}
	if v, _ := q.Get(ctx); v != 2 {
		t.Fatalf("Get() = %d; want 2", v)
	}
}
