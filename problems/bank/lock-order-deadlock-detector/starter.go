package solution

import (
	"errors"
	"strings"
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
	// TODO
}

// Mutex is a mutual-exclusion lock whose lock order is checked by its Detector.
type Mutex struct {
	// TODO
}

// Holder is one thread of control (usually one goroutine) that takes mutexes.
type Holder struct {
	// TODO
}

// NewDetector returns a detector with an empty lock-order graph.
func NewDetector() *Detector {
	return &Detector{}
}

// NewMutex returns a new unlocked mutex named name.
func (d *Detector) NewMutex(name string) *Mutex {
	// TODO
	return &Mutex{}
}

// NewHolder returns a holder that holds nothing.
func (d *Detector) NewHolder() *Holder {
	// TODO
	return &Holder{}
}

// Lock locks m, or returns an *OrderError without locking it.
func (h *Holder) Lock(m *Mutex) error {
	// TODO
	return nil
}

// Unlock unlocks m, which h must hold.
func (h *Holder) Unlock(m *Mutex) {
	// TODO
}
