// mutant: keeps MaxQueueDelay in a plain field that every worker compares and updates without synchronisation
package solution

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

var (
	ErrClosed    = errors.New("pool closed")
	ErrQueueFull = errors.New("queue full")
)

// Stats is a snapshot of the pool's counters.
type Stats struct {
	Submitted     int64         // tasks accepted by Submit or TrySubmit
	Completed     int64         // tasks that have finished running
	MaxQueueDelay time.Duration // longest time an accepted task waited before a worker started it
}

type job struct {
	fn       func()
	enqueued time.Time
}

// Pool runs tasks on a fixed number of worker goroutines fed by a bounded
// queue (a buffered channel).
type Pool struct {
	tasks   chan job
	closing chan struct{} // closed first by Close: wakes waiting submitters

	// Submitters hold mu shared while they may send on tasks; Close takes it
	// exclusively before closing tasks, so no send can hit a closed channel.
	mu        sync.RWMutex
	closeOnce sync.Once
	workers   sync.WaitGroup

	submitted atomic.Int64
	completed atomic.Int64
	maxDelay  time.Duration
}

// NewPool starts workers goroutines sharing a queue of queueSize tasks.
func NewPool(workers, queueSize int) *Pool {
	if workers < 1 {
		workers = 1
	}
	if queueSize < 0 {
		queueSize = 0
	}
	p := &Pool{tasks: make(chan job, queueSize), closing: make(chan struct{})}
	p.workers.Add(workers)
	for i := 0; i < workers; i++ {
		go p.work()
	}
	return p
}

func (p *Pool) work() {
	defer p.workers.Done()
	for j := range p.tasks { // ends when Close closes tasks and the queue is drained
		p.recordDelay(time.Since(j.enqueued))
		j.fn()
		p.completed.Add(1)
	}
}

func (p *Pool) recordDelay(d time.Duration) {
	if d > p.maxDelay {
		p.maxDelay = d
	}
}

// Submit queues task, waiting while the queue is full. It returns ctx.Err()
// if ctx ends first and ErrClosed if the pool is closed first.
func (p *Pool) Submit(ctx context.Context, task func()) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	select {
	case <-p.closing:
		return ErrClosed
	default:
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case p.tasks <- job{task, time.Now()}:
		p.submitted.Add(1)
		return nil
	case <-p.closing:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TrySubmit queues task if there is room right now; it never waits for
// queue space.
func (p *Pool) TrySubmit(task func()) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	select {
	case <-p.closing:
		return ErrClosed
	default:
	}
	select {
	case p.tasks <- job{task, time.Now()}:
		p.submitted.Add(1)
		return nil
	default:
		return ErrQueueFull
	}
}

// Close stops accepting tasks, lets the workers run every accepted task, and
// returns when all workers have exited. It is idempotent and safe to call
// concurrently with everything else.
func (p *Pool) Close() {
	p.closeOnce.Do(func() {
		close(p.closing) // waiting submitters give up now
		p.mu.Lock()      // wait for submitters still inside their select
		close(p.tasks)
		p.mu.Unlock()
	})
	p.workers.Wait()
}

// Stats returns the current counters.
func (p *Pool) Stats() Stats {
	return Stats{
		Submitted:     p.submitted.Load(),
		Completed:     p.completed.Load(),
		MaxQueueDelay: p.maxDelay,
	}
}
