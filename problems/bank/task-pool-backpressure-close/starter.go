package solution

import (
	"context"
	"errors"
	"time"
)

var (
	ErrClosed    = errors.New("pool closed")
	ErrQueueFull = errors.New("queue full")

	errNotImplemented = errors.New("not implemented")
)

// Stats is a snapshot of the pool's counters.
type Stats struct {
	Submitted     int64         // tasks accepted by Submit or TrySubmit
	Completed     int64         // tasks that have finished running
	MaxQueueDelay time.Duration // longest time an accepted task waited before a worker started it
}

// Pool runs tasks on a fixed number of worker goroutines.
type Pool struct {
	// TODO
}

// NewPool starts workers goroutines sharing a queue of queueSize tasks.
func NewPool(workers, queueSize int) *Pool {
	return &Pool{}
}

// Submit queues task, waiting while the queue is full.
func (p *Pool) Submit(ctx context.Context, task func()) error {
	return errNotImplemented
}

// TrySubmit queues task if there is room, without waiting.
func (p *Pool) TrySubmit(task func()) error {
	return errNotImplemented
}

// Close stops accepting tasks, runs the queued ones and waits for the workers.
func (p *Pool) Close() {
}

// Stats returns the current counters.
func (p *Pool) Stats() Stats {
	return Stats{}
}
