package solution

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestExampleFirstSuccessWins(t *testing.T) {
	errDown := errors.New("replica down")
	got, err := FirstSuccess(context.Background(), []func(context.Context) (string, error){
		func(context.Context) (string, error) { return "", errDown },
		func(context.Context) (string, error) { return "from-b", nil },
	})
	if err != nil || got != "from-b" {
		t.Fatalf("FirstSuccess = %q, %v; want %q, nil", got, err, "from-b")
	}
}

func TestExampleAllFail(t *testing.T) {
	errA, errB := errors.New("a failed"), errors.New("b failed")
	got, err := FirstSuccess(context.Background(), []func(context.Context) (string, error){
		func(context.Context) (string, error) { return "", errA },
		func(context.Context) (string, error) { return "", errB },
	})
	if got != "" || !errors.Is(err, errA) || !errors.Is(err, errB) {
		t.Fatalf("FirstSuccess = %q, %v; want \"\" and an error wrapping both failures", got, err)
	}
}

// The slow fetchers respect their context: once FirstSuccess has its answer
// they must be told to stop, and they must be able to finish.
func TestExampleLosersAreCanceled(t *testing.T) {
	var losers sync.WaitGroup
	slow := func(ctx context.Context) (string, error) {
		defer losers.Done()
		<-ctx.Done()
		return "", ctx.Err()
	}
	losers.Add(2)
	parent, stop := context.WithCancel(context.Background())
	defer stop()
	got, err := FirstSuccess(parent, []func(context.Context) (string, error){
		slow,
		func(context.Context) (string, error) { return "fast", nil },
		slow,
	})
	if err != nil || got != "fast" {
		t.Fatalf("FirstSuccess = %q, %v; want %q, nil", got, err, "fast")
	}
	done := make(chan struct{})
	go func() { losers.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		stop() // let them go so the rest of the run is not affected
		<-done
		t.Fatal("the slow fetchers were still waiting 2s after FirstSuccess returned: their context was never canceled")
	}
}
