package solution

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

func TestStopReleasesOnce(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var n atomic.Int32
	stop := ReleaseOnDone(ctx, func() { n.Add(1) })
	stop()
	if n.Load() != 1 {
		t.Fatalf("after stop: released %d times, want 1", n.Load())
	}
	stop()
	cancel()
	time.Sleep(20 * time.Millisecond) // give a wrong solution the chance to release again
	if n.Load() != 1 {
		t.Fatalf("after a second stop and cancel: released %d times, want 1", n.Load())
	}
}

func TestCancelReleases(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	released := make(chan struct{})
	stop := ReleaseOnDone(ctx, func() { close(released) })
	defer stop()
	cancel()
	select {
	case <-released:
	case <-time.After(2 * time.Second):
		t.Fatal("release did not run after ctx was cancelled")
	}
}
