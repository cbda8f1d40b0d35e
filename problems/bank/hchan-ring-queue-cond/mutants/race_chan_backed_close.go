// mutant: builds the queue on a buffered channel and closes it in Close, so a Put after Close panics with "send on closed channel"; the race detector reports the close racing the send, and the panic is its consequence
package solution

import (
	"context"
	"errors"
	"sync"
)

var ErrClosed = errors.New("queue: closed")

type Queue[T any] struct {
	ch   chan T
	once sync.Once
}

func NewQueue[T any](capacity int) *Queue[T] {
	if capacity < 1 {
		panic("queue: capacity must be at least 1")
	}
	return &Queue[T]{ch: make(chan T, capacity)}
}

func (q *Queue[T]) Put(ctx context.Context, v T) error {
	select {
	case q.ch <- v:
		return nil
	default:
	}
	select {
	case q.ch <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (q *Queue[T]) Get(ctx context.Context) (T, error) {
	var zero T
	select {
	case v, ok := <-q.ch:
		if !ok {
			return zero, ErrClosed
		}
		return v, nil
	default:
	}
	select {
	case v, ok := <-q.ch:
		if !ok {
			return zero, ErrClosed
		}
		return v, nil
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}

func (q *Queue[T]) Len() int { return len(q.ch) }

// Close closes the channel: receivers drain what is left, then see !ok.
func (q *Queue[T]) Close() { q.once.Do(func() { close(q.ch) }) }
