package solution

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testCluster builds peers from a description: g = grant, d = deny,
// e = RPC error, h = hangs until its context is done.
type testCluster struct {
	inFlight atomic.Int64
	calls    atomic.Int64
	mu       sync.Mutex
	ctxs     []context.Context
	terms    []int
}

func (c *testCluster) peers(desc string) []Peer {
	var ps []Peer
	for _, k := range desc {
		ps = append(ps, func(ctx context.Context, term int) (bool, error) {
			c.inFlight.Add(1)
			defer c.inFlight.Add(-1)
			c.calls.Add(1)
			c.mu.Lock()
			c.ctxs = append(c.ctxs, ctx)
			c.terms = append(c.terms, term)
			c.mu.Unlock()
			runtime.Gosched()
			switch k {
			case 'g':
				return true, nil
			case 'd':
				return false, nil
			case 'e':
				return true, errors.New("connection refused")
			default:
				<-ctx.Done()
				return false, ctx.Err()
			}
		})
	}
	return ps
}

// testSettled waits until no peer call is in flight any more.
func (c *testCluster) testSettled(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for c.inFlight.Load() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d vote requests still running 3s after RequestVotes returned: their context was not cancelled", c.inFlight.Load())
		}
		time.Sleep(time.Millisecond)
	}
}

func testElect(t *testing.T, desc string, timeout time.Duration) (bool, error, time.Duration, *testCluster) {
	t.Helper()
	c := &testCluster{}
	start := time.Now()
	won, err := RequestVotes(context.Background(), 7, c.peers(desc), timeout)
	return won, err, time.Since(start), c
}

func TestHiddenSingleNodeWinsAlone(t *testing.T) {
	won, err := RequestVotes(context.Background(), 1, nil, time.Second)
	if !won || err != nil {
		t.Fatalf("single node: got (%v, %v), want (true, nil)", won, err)
	}
}

func TestHiddenWinsWithoutWaitingForSlowPeers(t *testing.T) {
	for _, desc := range []string{"gh", "gghh", "ggghh", "ggghhh", "hhhggg", "hgdggh"} {
		won, err, took, c := testElect(t, desc, time.Second)
		if !won || err != nil {
			t.Fatalf("%s: got (%v, %v), want (true, nil)", desc, won, err)
		}
		if took > 500*time.Millisecond {
			t.Fatalf("%s: took %v; a majority had answered after a few ms", desc, took)
		}
		c.testSettled(t)
	}
}

func TestHiddenLosesAsSoonAsMajorityIsImpossible(t *testing.T) {
	for _, desc := range []string{"ddh", "dddh", "eedh", "gdddh", "hdede", "ddhhd"} {
		won, err, took, c := testElect(t, desc, time.Second)
		if won || err != nil {
			t.Fatalf("%s: got (%v, %v), want (false, nil)", desc, won, err)
		}
		if took > 500*time.Millisecond {
			t.Fatalf("%s: took %v; the election was lost after a few ms", desc, took)
		}
		c.testSettled(t)
	}
}

func TestHiddenRPCErrorsAreNotVotes(t *testing.T) {
	// An error response carries granted=true here: it must still not count.
	won, err, _, c := testElect(t, "eeeg", 2*time.Second)
	if won || err != nil {
		t.Fatalf("eeeg: got (%v, %v), want (false, nil)", won, err)
	}
	c.testSettled(t)
	won, err, _, c = testElect(t, "egeg", 2*time.Second)
	if !won || err != nil {
		t.Fatalf("egeg: got (%v, %v), want (true, nil)", won, err)
	}
	c.testSettled(t)
}

func TestHiddenSplitVoteTimesOut(t *testing.T) {
	const timeout = 50 * time.Millisecond
	won, err, took, c := testElect(t, "gdhh", timeout)
	if won || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("split vote: got (%v, %v), want (false, context.DeadlineExceeded)", won, err)
	}
	if took < timeout {
		t.Fatalf("returned after %v, before the %v election timeout", took, timeout)
	}
	if took > 2*time.Second {
		t.Fatalf("returned after %v with a %v election timeout", took, timeout)
	}
	c.testSettled(t)
}

func TestHiddenParentCancellation(t *testing.T) {
	c := &testCluster{}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for c.calls.Load() < 4 {
			time.Sleep(100 * time.Microsecond)
		}
		cancel() // the node is shutting down mid-election
	}()
	won, err := RequestVotes(ctx, 9, c.peers("ghhh"), 10*time.Second)
	if won || !errors.Is(err, context.Canceled) {
		t.Fatalf("got (%v, %v), want (false, context.Canceled)", won, err)
	}
	c.testSettled(t)
}

func TestHiddenEveryRequestIsCancelledAndCarriesTheTerm(t *testing.T) {
	c := &testCluster{}
	won, err := RequestVotes(context.Background(), 42, c.peers("ggghdd"), time.Second)
	if !won || err != nil {
		t.Fatalf("got (%v, %v), want (true, nil)", won, err)
	}
	c.testSettled(t)
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, ctx := range c.ctxs {
		if ctx.Err() == nil {
			t.Fatalf("request %d: its context is still live after RequestVotes returned", i)
		}
		if c.terms[i] != 42 {
			t.Fatalf("request %d was for term %d, want 42", i, c.terms[i])
		}
	}
}

func TestHiddenPeersAreAskedConcurrently(t *testing.T) {
	// Every peer waits until all of them have been called: asking one peer
	// after another would wait here until the shared deadline.
	const n = 8
	var called atomic.Int64
	all := make(chan struct{})
	deadline := make(chan struct{})
	timer := time.AfterFunc(5*time.Second, func() { close(deadline) })
	defer timer.Stop()
	var notConcurrent atomic.Bool
	peers := make([]Peer, n)
	for i := range peers {
		peers[i] = func(ctx context.Context, term int) (bool, error) {
			if called.Add(1) == n {
				close(all)
			}
			select {
			case <-all:
			case <-deadline:
				notConcurrent.Store(true)
			case <-ctx.Done():
				return false, ctx.Err()
			}
			return true, nil
		}
	}
	won, err := RequestVotes(context.Background(), 1, peers, 10*time.Second)
	if notConcurrent.Load() {
		t.Fatal("peers were not asked concurrently")
	}
	if !won || err != nil {
		t.Fatalf("got (%v, %v), want (true, nil)", won, err)
	}
}

func TestHiddenManyElectionsAtOnce(t *testing.T) {
	cases := []struct {
		desc string
		won  bool
	}{
		{"gghh", true}, {"dddh", false}, {"gh", true}, {"ddh", false},
		{"gggggddhh", true}, {"dddddgghh", false}, {"egeggh", true}, {"eeehg", false},
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tc := cases[i%len(cases)]
			c := &testCluster{}
			won, err := RequestVotes(context.Background(), i, c.peers(tc.desc), time.Second)
			if won != tc.won || err != nil {
				errs <- fmt.Errorf("%s: got (%v, %v), want (%v, nil)", tc.desc, won, err, tc.won)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
