// mutant: waits with "if" instead of "for": a woken goroutine trusts the wake-up, so with several waiters count goes negative and the ring index goes out of range
package solution

import (
	"context"
	"errors"
	"sync"
)

var ErrClosed = errors.New("queue: closed")

type Queue[T any] struct {
	mu       sync.Mutex
	notFull  *sync.Cond
	notEmpty *sync.Cond
	buf      []T
	head     int
	count    int
	closed   bool
}

func NewQueue[T any](capacity int) *Queue[T] {
	if capacity < 1 {
		panic("queue: capacity must be at least 1")
	}
	q := &Queue[T]{buf: make([]T, capacity)}
	q.notFull = sync.NewCond(&q.mu)
	q.notEmpty = sync.NewCond(&q.mu)
	return q
}

func (q *Queue[T]) wakeOnDone(ctx context.Context, c *sync.Cond) func() bool {
	return context.AfterFunc(ctx, func() {
		q.mu.Lock()
		c.Broadcast()
		q.mu.Unlock()
	})
}

func (q *Queue[T]) Put(ctx context.Context, v T) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	if q.count == len(q.buf) {
		if err := ctx.Err(); err != nil {
			return err
		}
		stop := q.wakeOnDone(ctx, q.notFull)
		q.notFull.Wait()
		stop()
		if q.closed {
			return ErrClosed
		}
		if q.count == len(q.buf) {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	q.buf[(q.head+q.count)%len(q.buf)] = v
	q.count++
	q.notEmpty.Broadcast()
	return nil
}

func (q *Queue[T]) Get(ctx context.Context) (T, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var zero T
	if q.count == 0 {
		if q.closed {
			return zero, ErrClosed
		}
		if err := ctx.Err(); err != nil {
			return zero, err
		}
		stop := q.wakeOnDone(ctx, q.notEmpty)
		q.notEmpty.Wait()
		stop()
		if q.closed && q.count == 0 {
			return zero, ErrClosed
		}
		if q.count == 0 {
			if err := ctx.Err(); err != nil {
				return zero, err
			}
		}
	}
	v := q.buf[q.head]
	q.buf[q.head] = zero
	q.head = (q.head + 1) % len(q.buf)
	q.count--
	q.notFull.Broadcast()
	return v, nil
}

func (q *Queue[T]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.count
}

func (q *Queue[T]) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	q.notFull.Broadcast()
	q.notEmpty.Broadcast()
}
