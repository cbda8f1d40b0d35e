// mutant: checks ctx before each Wait but nothing wakes a sync.Cond waiter when ctx ends, so a Put on a full queue (or a Get on an empty one) sleeps forever
package solution

import (
	"context"
	"errors"
	"sync"
)

// ErrClosed is returned by Put after Close, and by Get once a closed queue is empty.
var ErrClosed = errors.New("queue: closed")

// Queue is a bounded FIFO queue, safe for concurrent use. Like the runtime's
// hchan it is a ring buffer under one lock; the two condition variables play
// the part of sendq and recvq.
type Queue[T any] struct {
	mu       sync.Mutex
	notFull  sync.Cond // Put waits here (sendq)
	notEmpty sync.Cond // Get waits here (recvq)
	buf      []T
	head     int // index of the oldest item
	count    int
	closed   bool
}

// NewQueue returns an empty queue holding at most capacity items (capacity >= 1).
func NewQueue[T any](capacity int) *Queue[T] {
	if capacity < 1 {
		panic("queue: capacity must be at least 1")
	}
	q := &Queue[T]{buf: make([]T, capacity)}
	q.notFull.L = &q.mu
	q.notEmpty.L = &q.mu
	return q
}

// Put appends v, waiting while the queue is full. It returns ErrClosed if the
// queue is closed (before or while waiting) and ctx.Err() if ctx ends while it
// would have to wait.
func (q *Queue[T]) Put(ctx context.Context, v T) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	for { // a loop, not an if: wake-ups are hints, re-check the state
		switch {
		case q.closed:
			return ErrClosed
		case q.count < len(q.buf):
			q.buf[(q.head+q.count)%len(q.buf)] = v
			q.count++
			q.notEmpty.Signal()
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		}
		q.notFull.Wait()
	}
}

// Get removes and returns the oldest item, waiting while the queue is empty.
// Items queued before Close are still handed out; after that it returns
// ErrClosed. It returns ctx.Err() if ctx ends while it would have to wait.
func (q *Queue[T]) Get(ctx context.Context) (T, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var zero T
	for {
		switch {
		case q.count > 0:
			v := q.buf[q.head]
			q.buf[q.head] = zero // drop the reference for the GC
			q.head = (q.head + 1) % len(q.buf)
			q.count--
			q.notFull.Signal()
			return v, nil
		case q.closed:
			return zero, ErrClosed
		case ctx.Err() != nil:
			return zero, ctx.Err()
		}
		q.notEmpty.Wait()
	}
}

// Len reports how many items are queued.
func (q *Queue[T]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.count
}

// Close stops the queue: later and waiting Puts fail with ErrClosed, Gets
// drain what is left and then fail with ErrClosed. Calling it again is a no-op.
func (q *Queue[T]) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	q.closed = true
	q.notFull.Broadcast()
	q.notEmpty.Broadcast()
}
