package solution

import (
	"errors"
	"slices"
	"strings"
	"sync"
)

// ErrLockOrder is wrapped by every *OrderError.
var ErrLockOrder = errors.New("lock order violation")

// OrderError reports a lock that could close a cycle in the observed lock order.
// Cycle[0] is the mutex being locked and the last element is a mutex the holder already
// holds; each adjacent pair (a, b) is an order seen before (b was locked while a was held).
type OrderError struct {
	Cycle []string
}

func (e *OrderError) Error() string {
	return ErrLockOrder.Error() + ": " + strings.Join(e.Cycle, " -> ") + " -> " + e.Cycle[0]
}

func (e *OrderError) Unwrap() error { return ErrLockOrder }

// Detector owns a lock-order graph shared by its mutexes.
type Detector struct {
	graph sync.Mutex // guards every Mutex.after; never held while waiting for a Mutex
}

// Mutex is a mutual-exclusion lock whose lock order is checked by its Detector.
type Mutex struct {
	d     *Detector
	name  string
	mu    sync.Mutex
	after []*Mutex // mutexes locked while this one was held (guarded by d.graph)
}

// Holder is one thread of control (usually one goroutine) that takes mutexes.
// It must not be used by two goroutines at once.
type Holder struct {
	d    *Detector
	held []*Mutex // in the order they were locked
}

// NewDetector returns a detector with an empty lock-order graph.
func NewDetector() *Detector {
	return &Detector{}
}

// NewMutex returns a new unlocked mutex named name.
func (d *Detector) NewMutex(name string) *Mutex {
	return &Mutex{d: d, name: name}
}

// NewHolder returns a holder that holds nothing.
func (d *Detector) NewHolder() *Holder {
	return &Holder{d: d}
}

// Lock locks m, or returns an *OrderError without locking it.
func (h *Holder) Lock(m *Mutex) error {
	// Check and record under the graph lock, before waiting: two goroutines that are
	// about to deadlock on each other cannot both pass the check.
	h.d.graph.Lock()
	for _, held := range h.held {
		if path := pathFrom(m, held); path != nil {
			h.d.graph.Unlock()
			return &OrderError{Cycle: path}
		}
	}
	for _, held := range h.held {
		if !slices.Contains(held.after, m) {
			held.after = append(held.after, m)
		}
	}
	h.d.graph.Unlock()

	m.mu.Lock() // may wait: the graph lock is not held here
	h.held = append(h.held, m)
	return nil
}

// pathFrom returns the names along a shortest path from -> ... -> to in the order graph,
// or nil if there is none. The caller holds the graph lock.
func pathFrom(from, to *Mutex) []string {
	prev := map[*Mutex]*Mutex{from: nil}
	queue := []*Mutex{from}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == to {
			var names []string
			for n := cur; n != nil; n = prev[n] {
				names = append(names, n.name)
			}
			slices.Reverse(names)
			return names
		}
		for _, next := range cur.after {
			if _, seen := prev[next]; !seen {
				prev[next] = cur
				queue = append(queue, next)
			}
		}
	}
	return nil
}

// Unlock unlocks m, which h must hold.
func (h *Holder) Unlock(m *Mutex) {
	i := slices.Index(h.held, m)
	if i < 0 {
		panic("solution: Unlock of a mutex the holder does not hold: " + m.name)
	}
	h.held = slices.Delete(h.held, i, i+1)
	m.mu.Unlock()
}
