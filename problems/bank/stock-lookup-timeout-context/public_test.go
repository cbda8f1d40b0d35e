package solution

import (
	"context"
	"errors"
	"testing"
	"time"
)

type testFuncBackend func(ctx context.Context, sku string) (int, error)

func (f testFuncBackend) Lookup(ctx context.Context, sku string) (int, error) { return f(ctx, sku) }

func TestPublicFastBackend(t *testing.T) {
	b := testFuncBackend(func(ctx context.Context, sku string) (int, error) { return 7, nil })
	n, err := StockLevel(context.Background(), b, "sku-1", time.Second)
	if err != nil || n != 7 {
		t.Fatalf("StockLevel = %d, %v; want 7, nil", n, err)
	}
}

func TestPublicTimeoutCancelsBackend(t *testing.T) {
	cancelled := make(chan struct{})
	b := testFuncBackend(func(ctx context.Context, sku string) (int, error) {
		<-ctx.Done() // a slow backend that honours its context
		close(cancelled)
		return 0, ctx.Err()
	})
	_, err := StockLevel(context.Background(), b, "sku-1", 10*time.Millisecond)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("the backend's context was never cancelled: its call keeps running after we gave up")
	}
}
