package solution

import (
	"context"
	"errors"
)

// ErrClosed is returned by Put after Close, and by Get once a closed queue is empty.
var ErrClosed = errors.New("queue: closed")

// Queue is a bounded FIFO queue, safe for concurrent use.
type Queue[T any] struct {
	// TODO
}

// NewQueue returns an empty queue holding at most capacity items (capacity >= 1).
func NewQueue[T any](capacity int) *Queue[T] {
	panic("TODO")
}

// Put appends v, waiting while the queue is full.
func (q *Queue[T]) Put(ctx context.Context, v T) error {
	panic("TODO")
}

// Get removes and returns the oldest item, waiting while the queue is empty.
func (q *Queue[T]) Get(ctx context.Context) (T, error) {
	panic("TODO")
}

// Len reports how many items are queued.
func (q *Queue[T]) Len() int {
	panic("TODO")
}

// Close stops the queue; see the statement.
func (q *Queue[T]) Close() {
	panic("TODO")
}
