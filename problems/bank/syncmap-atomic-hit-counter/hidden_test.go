package solution

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Every Inc on one key must return a distinct count: together exactly 1..N.
func TestHiddenIncReturnsDistinctCounts(t *testing.T) {
	c := NewHitCounter()
	const g, per = 16, 1000
	seen := make([]atomic.Int32, g*per+1)
	var bad atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < g; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < per; j++ {
				n := c.Inc("/k")
				if n < 1 || n > g*per {
					bad.Add(1)
					continue
				}
				seen[n].Add(1)
			}
		}()
	}
	wg.Wait()
	if b := bad.Load(); b != 0 {
		t.Fatalf("%d Inc calls returned a count outside 1..%d", b, g*per)
	}
	for n := 1; n <= g*per; n++ {
		if s := seen[n].Load(); s != 1 {
			t.Fatalf("count %d returned %d times; want exactly once", n, s)
		}
	}
}

// Many goroutines hit the same brand-new keys at the same moment.
func TestHiddenFirstHitsRaceOnNewKeys(t *testing.T) {
	for round := 0; round < 5; round++ {
		c := NewHitCounter()
		const g, keys = 8, 2000
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := 0; i < g; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for k := 0; k < keys; k++ {
					c.Inc(fmt.Sprint("/new/", k))
				}
			}()
		}
		close(start)
		wg.Wait()
		lost := 0
		for k := 0; k < keys; k++ {
			if n := c.Get(fmt.Sprint("/new/", k)); n != g {
				lost++
			}
		}
		if lost != 0 || c.Total() != g*keys {
			t.Fatalf("round %d: %d keys lost hits (Total %d, want %d)", round, lost, c.Total(), g*keys)
		}
	}
}

// Readers call Get, Total and Snapshot while writers Inc.
func TestHiddenReadersDuringWrites(t *testing.T) {
	c := NewHitCounter()
	stop := make(chan struct{})
	var writers, readers sync.WaitGroup
	for i := 0; i < 4; i++ {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for j := 0; j < 5000; j++ {
				c.Inc(fmt.Sprint("/p", (i*7+j)%50))
			}
		}()
	}
	var errMsg atomic.Value
	for r := 0; r < 3; r++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			var lastTotal int64
			last := map[string]int64{}
			for {
				select {
				case <-stop:
					return
				default:
				}
				tot := c.Total()
				if tot < lastTotal {
					errMsg.Store(fmt.Sprintf("Total went back from %d to %d", lastTotal, tot))
				}
				lastTotal = tot
				k := fmt.Sprint("/p", tot%50)
				if g := c.Get(k); g < last[k] {
					errMsg.Store(fmt.Sprintf("Get(%s) went back from %d to %d", k, last[k], g))
				} else {
					last[k] = g
				}
				if r == 0 {
					var sum int64
					for _, v := range c.Snapshot() {
						sum += v
					}
					if sum > 20000 {
						errMsg.Store("Snapshot sums to more than all hits")
					}
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { writers.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Error("writers did not finish within 20s")
	}
	close(stop)
	readers.Wait()
	if m := errMsg.Load(); m != nil {
		t.Fatal(m)
	}
	if tot := c.Total(); tot != 20000 {
		t.Fatalf("Total() = %d; want 20000", tot)
	}
	var sum int64
	for _, v := range c.Snapshot() {
		sum += v
	}
	if sum != 20000 {
		t.Fatalf("Snapshot sums to %d; want 20000", sum)
	}
}

func TestHiddenSnapshotIsACopy(t *testing.T) {
	c := NewHitCounter()
	c.Inc("/x")
	s := c.Snapshot()
	s["/x"] = 100
	s["/y"] = 5
	if c.Get("/x") != 1 || c.Get("/y") != 0 || c.Total() != 1 {
		t.Fatal("changing the Snapshot changed the counter")
	}
}

func TestHiddenIndependentCounters(t *testing.T) {
	a, b := NewHitCounter(), NewHitCounter()
	a.Inc("/k")
	if b.Get("/k") != 0 || b.Total() != 0 {
		t.Fatal("two counters share state")
	}
}
