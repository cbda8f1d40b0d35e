package solution

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"
)

// testDiffs collects the Diffs reported to onDiff.
type testDiffs struct {
	mu  sync.Mutex
	got []Diff
}

func (d *testDiffs) add(x Diff) {
	d.mu.Lock()
	d.got = append(d.got, x)
	d.mu.Unlock()
}

func (d *testDiffs) list() []Diff {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.got)
}

func testConst(v float64) Scorer {
	return func(ctx context.Context, txID string) (float64, error) { return v, nil }
}

func TestExamplePrimaryAnswersShadowIsCompared(t *testing.T) {
	var diffs testDiffs
	s := NewShadow(testConst(0.2), testConst(0.7), 1, 4, time.Second, diffs.add)
	v, err := s.Score(context.Background(), "tx-1")
	if err != nil || v != 0.2 {
		t.Fatalf("Score = %v, %v; want the primary's 0.2", v, err)
	}
	s.Close()
	if got := diffs.list(); len(got) != 1 || got[0] != (Diff{TxID: "tx-1", Primary: 0.2, Shadow: 0.7}) {
		t.Fatalf("diffs %v, want one {tx-1 0.2 0.7}", got)
	}
}

func TestExampleScoreDoesNotWaitForShadow(t *testing.T) {
	release := make(chan struct{})
	slowShadow := func(ctx context.Context, txID string) (float64, error) {
		<-release
		return 0.9, nil
	}
	s := NewShadow(testConst(0.1), slowShadow, 1, 4, time.Minute, func(Diff) {})
	done := make(chan struct{})
	go func() {
		s.Score(context.Background(), "tx-1")
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Errorf("Score waited for the shadow model")
	}
	close(release)
	s.Close()
}
