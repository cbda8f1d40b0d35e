package solution

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
)

// testLog records hook calls in order; it is safe for concurrent use.
type testLog struct {
	mu    sync.Mutex
	calls []string
}

func (l *testLog) add(s string) {
	l.mu.Lock()
	l.calls = append(l.calls, s)
	l.mu.Unlock()
}

func (l *testLog) list() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.calls)
}

// testHook returns a hook that logs "start NAME" / "stop NAME" and fails as told.
func testHook(log *testLog, name string, startErr, stopErr error) Hook {
	return Hook{
		Name: name,
		OnStart: func(ctx context.Context) error {
			log.add("start " + name)
			return startErr
		},
		OnStop: func(ctx context.Context) error {
			log.add("stop " + name)
			return stopErr
		},
	}
}

func TestExampleStopsInReverseOrder(t *testing.T) {
	var log testLog
	var lc Lifecycle
	for _, name := range []string{"config", "db", "http"} {
		lc.Append(testHook(&log, name, nil, nil))
	}
	if err := lc.Start(context.Background()); err != nil {
		t.Fatalf("Start: %v", err)
	}
	if err := lc.Stop(context.Background()); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	want := []string{"start config", "start db", "start http", "stop http", "stop db", "stop config"}
	if got := log.list(); !slices.Equal(got, want) {
		t.Fatalf("calls %v\nwant  %v", got, want)
	}
}

func TestExampleFailedStartRollsBack(t *testing.T) {
	var log testLog
	var lc Lifecycle
	errDB := errors.New("db unreachable")
	lc.Append(testHook(&log, "config", nil, nil))
	lc.Append(testHook(&log, "cache", nil, nil))
	lc.Append(testHook(&log, "db", errDB, nil))
	lc.Append(testHook(&log, "http", nil, nil))

	err := lc.Start(context.Background())
	if !errors.Is(err, errDB) {
		t.Fatalf("Start returned %v, want an error wrapping %v", err, errDB)
	}
	want := []string{"start config", "start cache", "start db", "stop cache", "stop config"}
	if got := log.list(); !slices.Equal(got, want) {
		t.Fatalf("calls %v\nwant  %v", got, want)
	}
}
