package solution

import (
	"errors"
	"slices"
	"testing"
)

func testMustLock(t *testing.T, h *Holder, m *Mutex) {
	t.Helper()
	if err := h.Lock(m); err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func TestExampleInvertedOrderIsReported(t *testing.T) {
	d := NewDetector()
	a, b := d.NewMutex("A"), d.NewMutex("B")

	h1 := d.NewHolder()
	testMustLock(t, h1, a)
	testMustLock(t, h1, b) // order A -> B observed
	h1.Unlock(b)
	h1.Unlock(a)

	h2 := d.NewHolder()
	testMustLock(t, h2, b)
	err := h2.Lock(a) // B held, locking A: closes A -> B -> A
	if !errors.Is(err, ErrLockOrder) {
		t.Fatalf("Lock returned %v, want an error wrapping ErrLockOrder", err)
	}
	var oe *OrderError
	if !errors.As(err, &oe) || !slices.Equal(oe.Cycle, []string{"A", "B"}) {
		t.Fatalf("got %#v, want an *OrderError with Cycle [A B]", err)
	}
	h2.Unlock(b)
}

func TestExampleConsistentOrderIsFine(t *testing.T) {
	d := NewDetector()
	a, b := d.NewMutex("A"), d.NewMutex("B")
	for range 3 {
		h := d.NewHolder()
		testMustLock(t, h, a)
		testMustLock(t, h, b)
		h.Unlock(b)
		h.Unlock(a)
	}
}
