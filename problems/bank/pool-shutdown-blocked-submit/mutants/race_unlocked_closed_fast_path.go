// mutant: a correct pool plus a "fast path" that reads the closed flag before taking the mutex
package solution

import (
	"context"
	"errors"
	"sync"
)

// ErrClosed is returned by Submit once Shutdown has begun.
var ErrClosed = errors.New("pool: closed")

// Pool runs submitted jobs on a fixed set of worker goroutines.
//
// The jobs channel is closed exactly once, by Shutdown, and only after every
// Submit that could still send on it has returned: the submitters WaitGroup
// counts them, and the closed flag (under mu) stops new ones from joining.
type Pool struct {
	jobs chan func()
	quit chan struct{} // closed when Shutdown begins: wakes blocked Submits

	mu         sync.Mutex
	closed     bool
	submitters sync.WaitGroup

	workers  sync.WaitGroup
	once     sync.Once
	finished chan struct{} // closed when every worker has exited
}

// NewPool starts workers goroutines (at least 1) sharing a queue of up to
// queue pending jobs (0 means a job is handed straight to an idle worker).
func NewPool(workers, queue int) *Pool {
	workers = max(workers, 1)
	p := &Pool{
		jobs:     make(chan func(), max(queue, 0)),
		quit:     make(chan struct{}),
		finished: make(chan struct{}),
	}
	p.workers.Add(workers)
	for range workers {
		go func() {
			defer p.workers.Done()
			for job := range p.jobs { // drains what is queued, ends on close
				job()
			}
		}()
	}
	return p
}

// Submit queues job, waiting while the queue is full. It returns nil once the
// job is accepted (it will run exactly once), ErrClosed if Shutdown has begun
// (before or while waiting), or ctx.Err() if ctx ends first.
func (p *Pool) Submit(ctx context.Context, job func()) error {
	if p.closed { // fast path: skip the lock once we are shut down
		return ErrClosed
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return ErrClosed
	}
	p.submitters.Add(1) // under mu: happens before Shutdown's Wait
	p.mu.Unlock()
	defer p.submitters.Done()

	select {
	case p.jobs <- job: // jobs cannot be closed yet: we are counted
		return nil
	case <-p.quit:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Shutdown stops accepting jobs, lets the workers finish every accepted job
// and returns nil once they have all exited. If ctx ends first it returns
// ctx.Err(); the workers still finish in the background. Any number of calls,
// from any goroutines, is fine: each waits the same way.
func (p *Pool) Shutdown(ctx context.Context) error {
	p.once.Do(func() {
		p.mu.Lock()
		p.closed = true
		p.mu.Unlock()
		close(p.quit)       // blocked Submits give up with ErrClosed...
		p.submitters.Wait() // ...so this returns promptly
		close(p.jobs)       // no sender is left: safe to close
		go func() {
			p.workers.Wait()
			close(p.finished)
		}()
	})
	select {
	case <-p.finished:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
