package solution

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

const testWait = 2 * time.Second

func TestHiddenManyFastCallsGetTheirOwnResults(t *testing.T) {
	var wg sync.WaitGroup
	errCh := make(chan error, 64*20)
	for g := 0; g < 64; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				want := fmt.Sprintf("v-%d-%d", g, i)
				var wantErr error
				if i%3 == 0 {
					wantErr = fmt.Errorf("upstream %d-%d failed", g, i)
				}
				got, err := FetchWithTimeout(context.Background(), testWait, func(ctx context.Context) (string, error) {
					if wantErr != nil {
						return "", wantErr
					}
					return want, nil
				})
				if wantErr != nil {
					if err != wantErr {
						errCh <- fmt.Errorf("call %d-%d: err = %v, want the fetch's own error %v", g, i, err, wantErr)
					}
					continue
				}
				if err != nil || got != want {
					errCh <- fmt.Errorf("call %d-%d: got (%q, %v), want (%q, nil)", g, i, got, err, want)
				}
			}
		}()
	}
	wg.Wait()
	close(errCh)
	for err := range errCh {
		t.Error(err)
	}
}

func TestHiddenSlowFetchIgnoringContextTimesOut(t *testing.T) {
	// These fetches ignore ctx and only finish once every call has returned: the
	// caller must not wait for them, and nothing may stay behind afterwards.
	const n = 32
	release := make(chan struct{})
	var fetches sync.WaitGroup
	fetches.Add(n)
	var calls sync.WaitGroup
	errCh := make(chan error, n)
	for i := 0; i < n; i++ {
		calls.Add(1)
		go func() {
			defer calls.Done()
			start := time.Now()
			_, err := FetchWithTimeout(context.Background(), 5*time.Millisecond, func(ctx context.Context) (string, error) {
				defer fetches.Done()
				<-release
				return "late", nil
			})
			if !errors.Is(err, ErrTimeout) {
				errCh <- fmt.Errorf("err = %v, want ErrTimeout", err)
			}
			if el := time.Since(start); el > testWait {
				errCh <- fmt.Errorf("call returned after %v with a 5ms timeout", el)
			}
		}()
	}
	calls.Wait()
	close(release)
	fetches.Wait()
	close(errCh)
	for err := range errCh {
		t.Error(err)
	}
}

func TestHiddenTimeoutCancelsTheFetchContext(t *testing.T) {
	// A well-behaved fetch waits for its ctx; after the timeout it must be told to stop.
	const n = 32
	cancelled := make(chan struct{}, n)
	var calls sync.WaitGroup
	errCh := make(chan error, n)
	for i := 0; i < n; i++ {
		calls.Add(1)
		go func() {
			defer calls.Done()
			_, err := FetchWithTimeout(context.Background(), 10*time.Millisecond, func(ctx context.Context) (string, error) {
				<-ctx.Done()
				cancelled <- struct{}{}
				return "", ctx.Err()
			})
			if !errors.Is(err, ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) {
				errCh <- fmt.Errorf("err = %v, want ErrTimeout", err)
			}
		}()
	}
	calls.Wait()
	close(errCh)
	for err := range errCh {
		t.Error(err)
	}
	deadline := time.After(testWait)
	for i := 0; i < n; i++ {
		select {
		case <-cancelled:
		case <-deadline:
			t.Fatalf("only %d of %d fetches saw their context cancelled after the timeout: the rest run (and block) forever", i, n)
		}
	}
}

func TestHiddenParentCancelMidFlight(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	stopped := make(chan struct{})
	type out struct {
		val string
		err error
	}
	done := make(chan out, 1)
	go func() {
		v, err := FetchWithTimeout(ctx, time.Hour, func(fctx context.Context) (string, error) {
			close(started)
			<-fctx.Done()
			close(stopped)
			return "", fctx.Err()
		})
		done <- out{v, err}
	}()
	select {
	case <-started:
	case <-time.After(testWait):
		t.Fatal("fetch was never started")
	}
	cancel()
	select {
	case o := <-done:
		if !errors.Is(o.err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", o.err)
		}
	case <-time.After(testWait):
		t.Fatal("FetchWithTimeout did not return after the caller's context was cancelled")
	}
	select {
	case <-stopped:
	case <-time.After(testWait):
		t.Fatal("fetch never saw the caller's cancellation")
	}
}

func TestHiddenParentDeadlineWinsOverLongTimeout(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	release := make(chan struct{})
	defer close(release)
	_, err := FetchWithTimeout(ctx, time.Hour, func(fctx context.Context) (string, error) {
		select {
		case <-fctx.Done():
		case <-release:
		}
		return "", errors.New("gave up")
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the caller's context.DeadlineExceeded", err)
	}
}

func TestHiddenZeroTimeoutNeverHangs(t *testing.T) {
	done := make(chan error, 1)
	go func() {
		_, err := FetchWithTimeout(context.Background(), 0, func(ctx context.Context) (string, error) {
			<-ctx.Done()
			return "", ctx.Err()
		})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want ErrTimeout", err)
		}
	case <-time.After(testWait):
		t.Fatal("FetchWithTimeout with d=0 did not return")
	}
}
