package solution

import (
	"errors"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testOrderError(t *testing.T, err error) []string {
	t.Helper()
	var oe *OrderError
	if !errors.Is(err, ErrLockOrder) || !errors.As(err, &oe) {
		t.Fatalf("got %v, want an *OrderError wrapping ErrLockOrder", err)
	}
	return oe.Cycle
}

func TestHiddenRelockSameMutex(t *testing.T) {
	d := NewDetector()
	a := d.NewMutex("A")
	h := d.NewHolder()
	testMustLock(t, h, a)
	if c := testOrderError(t, h.Lock(a)); !slices.Equal(c, []string{"A"}) {
		t.Fatalf("Cycle = %v, want [A]", c)
	}
	h.Unlock(a)
}

func TestHiddenThreeMutexCycle(t *testing.T) {
	d := NewDetector()
	a, b, c := d.NewMutex("A"), d.NewMutex("B"), d.NewMutex("C")
	h := d.NewHolder()
	testMustLock(t, h, a)
	testMustLock(t, h, b) // A -> B
	h.Unlock(a)
	testMustLock(t, h, c) // B -> C
	h.Unlock(b)
	h.Unlock(c)

	testMustLock(t, h, c)
	err := h.Lock(a) // C held, locking A: A -> B -> C -> A
	if err == nil {
		h.Unlock(a)
		h.Unlock(c)
		t.Fatalf("locking A while holding C was allowed, but A -> B -> C was observed")
	}
	if cyc := testOrderError(t, err); !slices.Equal(cyc, []string{"A", "B", "C"}) {
		t.Fatalf("Cycle = %v, want [A B C]", cyc)
	}
	if got, want := err.Error(), "lock order violation: A -> B -> C -> A"; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
	h.Unlock(c)
}

func TestHiddenCycleThroughLaterHeldMutex(t *testing.T) {
	d := NewDetector()
	a, b, x := d.NewMutex("A"), d.NewMutex("B"), d.NewMutex("X")
	h := d.NewHolder()
	testMustLock(t, h, a)
	testMustLock(t, h, b) // A -> B
	h.Unlock(b)
	h.Unlock(a)

	testMustLock(t, h, x)
	testMustLock(t, h, b) // X -> B
	err := h.Lock(a)      // holding X and B; A -> B closes a cycle with the held B
	if err == nil {
		h.Unlock(a)
		h.Unlock(b)
		h.Unlock(x)
		t.Fatalf("locking A while holding B was allowed, but A -> B was observed")
	}
	if cyc := testOrderError(t, err); !slices.Equal(cyc, []string{"A", "B"}) {
		t.Fatalf("Cycle = %v, want [A B]", cyc)
	}
	h.Unlock(x) // out of order on purpose
	h.Unlock(b)
}

func TestHiddenFailedLockChangesNothing(t *testing.T) {
	d := NewDetector()
	a, b := d.NewMutex("A"), d.NewMutex("B")
	h := d.NewHolder()
	testMustLock(t, h, a)
	testMustLock(t, h, b)
	h.Unlock(b)
	h.Unlock(a)

	testMustLock(t, h, b)
	if err := h.Lock(a); err == nil {
		t.Fatalf("inverted order not reported")
	}
	// A must not have been taken: another holder gets it at once.
	got := make(chan error, 1)
	go func() {
		other := d.NewHolder()
		err := other.Lock(a)
		if err == nil {
			other.Unlock(a)
		}
		got <- err
	}()
	select {
	case err := <-got:
		if err != nil {
			t.Fatalf("another holder could not lock A: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatalf("A stayed locked after a Lock that returned an error")
	}
	h.Unlock(b)
	// And no B -> A order was recorded: A then B is still fine.
	testMustLock(t, h, a)
	testMustLock(t, h, b)
	h.Unlock(b)
	h.Unlock(a)
}

func TestHiddenUnlockNotHeldPanics(t *testing.T) {
	d := NewDetector()
	a := d.NewMutex("A")
	defer func() {
		if recover() == nil {
			t.Fatalf("Unlock of a mutex the holder does not hold did not panic")
		}
	}()
	d.NewHolder().Unlock(a)
}

// No timeouts below: a detector that lets both goroutines through deadlocks the test,
// which is exactly the failure it exists to prevent.
func TestHiddenConcurrentInversionIsCaughtBeforeItDeadlocks(t *testing.T) {
	for range 20 {
		d := NewDetector()
		a, b := d.NewMutex("A"), d.NewMutex("B")
		var ready sync.WaitGroup
		ready.Add(2)
		var errs atomic.Int32
		var wg sync.WaitGroup
		run := func(first, second *Mutex) {
			defer wg.Done()
			h := d.NewHolder()
			if err := h.Lock(first); err != nil {
				t.Errorf("first Lock failed: %v", err)
				ready.Done()
				return
			}
			ready.Done()
			ready.Wait() // both hold their first mutex now
			if err := h.Lock(second); err != nil {
				errs.Add(1)
				h.Unlock(first) // back off, letting the other one finish
				return
			}
			h.Unlock(second)
			h.Unlock(first)
		}
		wg.Add(2)
		go run(a, b)
		go run(b, a)
		wg.Wait()
		if n := errs.Load(); n != 1 {
			t.Fatalf("%d goroutines got an error, want exactly 1", n)
		}
	}
}

func TestHiddenDiningPhilosophers(t *testing.T) {
	const n, meals = 5, 40
	d := NewDetector()
	forks := make([]*Mutex, n)
	inUse := make([]atomic.Int32, n)
	for i := range forks {
		forks[i] = d.NewMutex(string(rune('0' + i)))
	}
	var violations, eaten atomic.Int32
	var wg sync.WaitGroup
	for p := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := d.NewHolder()
			left, right := forks[p], forks[(p+1)%n]
			for range meals {
				if err := h.Lock(left); err != nil {
					t.Errorf("philosopher %d: %v", p, err)
					return
				}
				if err := h.Lock(right); err != nil {
					if !errors.Is(err, ErrLockOrder) {
						t.Errorf("philosopher %d: %v", p, err)
					}
					violations.Add(1) // skip this meal
					h.Unlock(left)
					continue
				}
				for _, f := range []int{p, (p + 1) % n} {
					if inUse[f].Add(1) != 1 {
						t.Errorf("fork %d used by two philosophers at once", f)
					}
				}
				for _, f := range []int{p, (p + 1) % n} {
					inUse[f].Add(-1)
				}
				eaten.Add(1)
				h.Unlock(right)
				h.Unlock(left)
			}
		}()
	}
	wg.Wait()
	if violations.Load() == 0 {
		t.Fatalf("five philosophers taking left then right form a cycle, but no violation was reported")
	}
	if got := violations.Load() + eaten.Load(); got != n*meals {
		t.Fatalf("%d meals eaten or skipped, want %d", got, n*meals)
	}
}

func TestHiddenStressConsistentOrder(t *testing.T) {
	const workers, iterations, mutexes = 8, 300, 10
	d := NewDetector()
	ms := make([]*Mutex, mutexes)
	counters := make([]int, mutexes) // each guarded by the mutex with the same index
	for i := range ms {
		ms[i] = d.NewMutex(string(rune('a' + i)))
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			h := d.NewHolder()
			for range iterations {
				// Always lock in ascending index order: never a violation.
				picked := rng.Perm(mutexes)[:1+rng.IntN(3)]
				slices.Sort(picked)
				for _, i := range picked {
					if err := h.Lock(ms[i]); err != nil {
						t.Errorf("false positive: %v", err)
						return
					}
				}
				for _, i := range picked {
					counters[i]++
				}
				rng.Shuffle(len(picked), func(i, j int) { picked[i], picked[j] = picked[j], picked[i] })
				for _, i := range picked {
					h.Unlock(ms[i])
				}
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, c := range counters {
		total += c
	}
	if total < workers*iterations {
		t.Fatalf("counters sum to %d, want at least %d", total, workers*iterations)
	}
}
