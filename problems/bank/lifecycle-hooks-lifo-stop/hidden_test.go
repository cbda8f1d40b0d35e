package solution

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestHiddenNilFunctionsAreSkipped(t *testing.T) {
	var log testLog
	var lc Lifecycle
	lc.Append(Hook{Name: "only-start", OnStart: func(context.Context) error { log.add("start a"); return nil }})
	lc.Append(Hook{Name: "nothing"})
	lc.Append(Hook{Name: "only-stop", OnStop: func(context.Context) error { log.add("stop c"); return nil }})
	if err := lc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := lc.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := log.list(), []string{"start a", "stop c"}; !slices.Equal(got, want) {
		t.Fatalf("calls %v, want %v", got, want)
	}
}

// No timeout on purpose: a Stop that waits for a signal only sent by a successful Start
// blocks for ever after a failed one.
func TestHiddenStopAfterFailedStart(t *testing.T) {
	var log testLog
	var lc Lifecycle
	errA, errB, errC := errors.New("a stop failed"), errors.New("b stop failed"), errors.New("c failed")
	lc.Append(testHook(&log, "a", nil, errA))
	lc.Append(testHook(&log, "b", nil, errB))
	lc.Append(testHook(&log, "c", errC, nil))
	err := lc.Start(context.Background())
	for _, want := range []error{errA, errB, errC} {
		if !errors.Is(err, want) {
			t.Errorf("Start error %v does not wrap %v", err, want)
		}
	}
	if err == nil || !strings.Contains(err.Error(), `"c"`) {
		t.Errorf("Start error %v should name the hook that failed, \"c\"", err)
	}
	if err := lc.Stop(context.Background()); err != nil {
		t.Errorf("Stop after a failed Start = %v, want nil (everything was already rolled back)", err)
	}
	want := []string{"start a", "start b", "start c", "stop b", "stop a"}
	if got := log.list(); !slices.Equal(got, want) {
		t.Fatalf("calls %v\nwant  %v", got, want)
	}
}

func TestHiddenStopContinuesAfterErrors(t *testing.T) {
	var log testLog
	var lc Lifecycle
	errA, errC := errors.New("a"), errors.New("c")
	lc.Append(testHook(&log, "a", nil, errA))
	lc.Append(testHook(&log, "b", nil, nil))
	lc.Append(testHook(&log, "c", nil, errC))
	if err := lc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	err := lc.Stop(context.Background())
	if !errors.Is(err, errA) || !errors.Is(err, errC) {
		t.Fatalf("Stop returned %v, want it to wrap both %v and %v", err, errA, errC)
	}
	for _, name := range []string{`"a"`, `"c"`} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("Stop error %q does not name hook %s", err, name)
		}
	}
	if got, want := log.list(), []string{"start a", "start b", "start c", "stop c", "stop b", "stop a"}; !slices.Equal(got, want) {
		t.Fatalf("calls %v\nwant  %v", got, want)
	}
}

func TestHiddenConcurrentStopRunsHooksOnce(t *testing.T) {
	var lc Lifecycle
	var stops [5]atomic.Int32
	errLast := errors.New("last failed")
	for i := range 5 {
		lc.Append(Hook{Name: fmt.Sprint(i), OnStop: func(context.Context) error {
			stops[i].Add(1)
			time.Sleep(time.Millisecond)
			if i == 4 {
				return errLast
			}
			return nil
		}})
	}
	if err := lc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	const callers = 16
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := lc.Stop(context.Background())
			for i := range stops { // every caller returns only after stopping is over
				if stops[i].Load() != 1 {
					errs <- fmt.Errorf("Stop returned while hook %d had run %d times", i, stops[i].Load())
					return
				}
			}
			if !errors.Is(err, errLast) {
				errs <- fmt.Errorf("Stop returned %v, want the error of hook 4", err)
				return
			}
			errs <- nil
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("16 concurrent Stop calls did not return within 5s")
	}
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if err := lc.Stop(context.Background()); !errors.Is(err, errLast) {
		t.Fatalf("a later Stop returned %v, want the same error", err)
	}
}

func TestHiddenStopDuringStart(t *testing.T) {
	var log testLog
	var lc Lifecycle
	entered := make(chan struct{})
	release := make(chan struct{})
	lc.Append(testHook(&log, "a", nil, nil))
	lc.Append(Hook{
		Name: "slow",
		OnStart: func(context.Context) error {
			log.add("start slow")
			close(entered)
			<-release
			return nil
		},
		OnStop: func(context.Context) error { log.add("stop slow"); return nil },
	})
	lc.Append(testHook(&log, "c", nil, nil))

	startErr := make(chan error, 1)
	go func() { startErr <- lc.Start(context.Background()) }()
	select {
	case <-entered:
	case <-time.After(2 * time.Second):
		t.Fatalf("Start did not reach the slow hook")
	}
	stopErr := make(chan error, 1)
	go func() { stopErr <- lc.Stop(context.Background()) }()
	select {
	case err := <-stopErr:
		close(release)
		<-startErr
		t.Fatalf("Stop returned (%v) while Start was still running", err)
	case <-time.After(20 * time.Millisecond):
	}
	close(release)
	for _, ch := range []chan error{startErr, stopErr} {
		select {
		case err := <-ch:
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("Start or Stop did not return within 2s")
		}
	}
	want := []string{"start a", "start slow", "start c", "stop c", "stop slow", "stop a"}
	if got := log.list(); !slices.Equal(got, want) {
		t.Fatalf("calls %v\nwant  %v", got, want)
	}
}

func TestHiddenStopBeforeStartAndStartTwice(t *testing.T) {
	var log testLog
	var lc Lifecycle
	lc.Append(testHook(&log, "a", nil, nil))
	if err := lc.Stop(context.Background()); err != nil {
		t.Fatalf("Stop before Start = %v, want nil", err)
	}
	if err := lc.Start(context.Background()); err == nil {
		t.Fatalf("Start after Stop returned nil, want an error")
	}
	if got := log.list(); len(got) != 0 {
		t.Fatalf("hooks ran: %v", got)
	}

	var log2 testLog
	var lc2 Lifecycle
	lc2.Append(testHook(&log2, "a", nil, nil))
	if err := lc2.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := lc2.Start(context.Background()); err == nil {
		t.Fatalf("second Start returned nil, want an error")
	}
	lc2.Stop(context.Background())
	if got, want := log2.list(), []string{"start a", "stop a"}; !slices.Equal(got, want) {
		t.Fatalf("calls %v, want %v", got, want)
	}
}

type testKey struct{}

func TestHiddenHooksGetTheContext(t *testing.T) {
	var lc Lifecycle
	var seen []any
	var mu sync.Mutex
	record := func(ctx context.Context) error {
		mu.Lock()
		seen = append(seen, ctx.Value(testKey{}))
		mu.Unlock()
		return nil
	}
	lc.Append(Hook{Name: "x", OnStart: record, OnStop: record})
	lc.Start(context.WithValue(context.Background(), testKey{}, "start-ctx"))
	lc.Stop(context.WithValue(context.Background(), testKey{}, "stop-ctx"))
	if len(seen) != 2 || seen[0] != "start-ctx" || seen[1] != "stop-ctx" {
		t.Fatalf("hooks saw contexts with values %v, want [start-ctx stop-ctx]", seen)
	}
}

func TestHiddenManyLifecyclesAtOnce(t *testing.T) {
	var wg sync.WaitGroup
	for n := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var log testLog
			var lc Lifecycle
			fail := n % 7 // hook index that fails to start; 5 and 6 mean none
			for i := range 5 {
				var startErr error
				if i == fail {
					startErr = errors.New("boom")
				}
				lc.Append(testHook(&log, fmt.Sprint(i), startErr, nil))
			}
			startErr := lc.Start(context.Background())
			var stoppers sync.WaitGroup
			for range 3 {
				stoppers.Add(1)
				go func() { defer stoppers.Done(); lc.Stop(context.Background()) }()
			}
			stoppers.Wait()
			started := min(fail, 5)
			var want []string
			for i := range min(fail+1, 5) {
				want = append(want, fmt.Sprint("start ", i))
			}
			for i := started - 1; i >= 0; i-- {
				want = append(want, fmt.Sprint("stop ", i))
			}
			if (startErr != nil) != (fail < 5) {
				t.Errorf("lifecycle %d: Start error %v", n, startErr)
			}
			if got := log.list(); !slices.Equal(got, want) {
				t.Errorf("lifecycle %d: calls %v\nwant %v", n, got, want)
			}
		}()
	}
	wg.Wait()
}
