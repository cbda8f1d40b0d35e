package solution

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestFastFetchReturnsItsValue(t *testing.T) {
	got, err := FetchWithTimeout(context.Background(), time.Second, func(ctx context.Context) (string, error) {
		return "hello", nil
	})
	if err != nil || got != "hello" {
		t.Fatalf("got (%q, %v), want (\"hello\", nil)", got, err)
	}
}

func TestSlowFetchReturnsErrTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	start := time.Now()
	_, err := FetchWithTimeout(context.Background(), 10*time.Millisecond, func(ctx context.Context) (string, error) {
		select {
		case <-release:
			return "late", nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Fatalf("FetchWithTimeout took %v with a 10ms timeout", time.Since(start))
	}
}
