package solution

import (
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
)

func TestHiddenOneShardAndManyShards(t *testing.T) {
	for _, shards := range []int{0, 1, 3, 64} {
		m := New[string](shards)
		for i := range 300 {
			m.Store(fmt.Sprint(i), fmt.Sprint("v", i))
		}
		for i := range 300 {
			if v, ok := m.Load(fmt.Sprint(i)); !ok || v != fmt.Sprint("v", i) {
				t.Fatalf("shards=%d: Load(%d) = %q, %v", shards, i, v, ok)
			}
		}
		if m.Len() != 300 {
			t.Fatalf("shards=%d: Len() = %d, want 300", shards, m.Len())
		}
	}
}

func TestHiddenLoadOrStoreHasOneWinner(t *testing.T) {
	for range 6 {
		testOneWinnerRound(t)
	}
}

func testOneWinnerRound(t *testing.T) {
	m := New[int](4)
	const keys, contenders = 500, 8
	names := make([]string, keys)
	for k := range names {
		names[k] = fmt.Sprint("k", k)
	}
	wins := make([]atomic.Int32, keys)
	results := make([][]int, contenders)
	var ready, wg sync.WaitGroup
	ready.Add(contenders)
	for c := range contenders {
		results[c] = make([]int, keys)
		wg.Add(1)
		go func() {
			defer wg.Done()
			ready.Done()
			ready.Wait() // all contenders walk the same keys in step
			for k, key := range names {
				v, loaded := m.LoadOrStore(key, c+1)
				if !loaded {
					wins[k].Add(1)
				}
				results[c][k] = v
			}
		}()
	}
	wg.Wait()
	for k, key := range names {
		if n := wins[k].Load(); n != 1 {
			t.Fatalf("key %s: %d callers stored a value, want exactly 1", key, n)
		}
		stored, _ := m.Load(key)
		for c := range contenders {
			if results[c][k] != stored {
				t.Fatalf("key %s: caller %d got %d, but %d is stored", key, c, results[c][k], stored)
			}
		}
	}
}

// No timeout on purpose: a Range that holds a lock while calling f deadlocks here.
func TestHiddenRangeMayModifyTheMap(t *testing.T) {
	m := New[int](4)
	for i := range 100 {
		m.Store(fmt.Sprint(i), i)
	}
	m.Range(func(k string, v int) bool {
		if v%2 == 0 {
			m.Delete(k)
		} else {
			m.Store(k, v*10)
		}
		m.Load(k)
		m.Len()
		return true
	})
	if n := m.Len(); n != 50 {
		t.Fatalf("Len() = %d after deleting the even entries, want 50", n)
	}
	for i := 1; i < 100; i += 2 {
		if v, _ := m.Load(fmt.Sprint(i)); v != i*10 {
			t.Fatalf("Load(%d) = %d, want %d", i, v, i*10)
		}
	}
}

func TestHiddenRangeVisitsEachKeyOnceAndStops(t *testing.T) {
	m := New[int](8)
	for i := range 500 {
		m.Store(fmt.Sprint(i), i)
	}
	seen := map[string]int{}
	m.Range(func(k string, v int) bool {
		seen[k]++
		return true
	})
	if len(seen) != 500 {
		t.Fatalf("Range visited %d keys, want 500", len(seen))
	}
	for k, n := range seen {
		if n != 1 {
			t.Fatalf("key %s visited %d times", k, n)
		}
	}
	calls := 0
	m.Range(func(k string, v int) bool {
		calls++
		return calls < 7
	})
	if calls != 7 {
		t.Fatalf("Range made %d calls after f returned false at call 7", calls)
	}
}

func TestHiddenRangeDuringWrites(t *testing.T) {
	m := New[int](8)
	for i := range 200 {
		m.Store(fmt.Sprint("stable", i), i)
	}
	stop := make(chan struct{})
	var writers sync.WaitGroup
	for w := range 4 {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				k := fmt.Sprint("churn", w, "-", i%50)
				if i%3 == 0 {
					m.Delete(k)
				} else {
					m.Store(k, i)
				}
			}
		}()
	}
	for range 20 {
		stable := 0
		m.Range(func(k string, v int) bool {
			if len(k) > 6 && k[:6] == "stable" {
				stable++
			}
			return true
		})
		if stable != 200 {
			t.Errorf("Range saw %d of the 200 entries present throughout", stable)
			break
		}
	}
	close(stop)
	writers.Wait()
}

func TestHiddenMixedWorkloadLen(t *testing.T) {
	m := New[int](16)
	var wg sync.WaitGroup
	const workers = 8
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 250 {
				k := fmt.Sprint(w, ":", i)
				m.Store(k, i)
				if _, ok := m.Load(k); !ok {
					t.Errorf("lost my own write %s", k)
					return
				}
				if i%5 == 0 {
					m.Delete(k)
				}
				m.Len()
			}
		}()
	}
	wg.Wait()
	if n := m.Len(); n != workers*200 {
		t.Fatalf("Len() = %d, want %d", n, workers*200)
	}
	var keys []string
	m.Range(func(k string, v int) bool { keys = append(keys, k); return true })
	sort.Strings(keys)
	if len(keys) != workers*200 {
		t.Fatalf("Range saw %d keys, want %d", len(keys), workers*200)
	}
}
