package solution

import (
	"context"
	"errors"
)

// ErrClosed is returned by Submit once Shutdown has begun.
var ErrClosed = errors.New("pool: closed")

// Pool runs submitted jobs on a fixed set of worker goroutines.
type Pool struct {
	// TODO
}

// NewPool starts workers goroutines (at least 1) sharing a queue of up to
// queue pending jobs (0 means a job is handed straight to an idle worker).
func NewPool(workers, queue int) *Pool {
	panic("TODO")
}

// Submit queues job, waiting while the queue is full.
func (p *Pool) Submit(ctx context.Context, job func()) error {
	panic("TODO")
}

// Shutdown stops accepting jobs and waits for the accepted ones to finish.
func (p *Pool) Shutdown(ctx context.Context) error {
	panic("TODO")
}
