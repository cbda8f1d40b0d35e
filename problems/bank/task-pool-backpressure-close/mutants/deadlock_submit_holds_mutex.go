// mutant: Submit holds one plain mutex while it waits for queue space (so Close cannot close the channel under it); TrySubmit and Close need the same mutex and hang behind a waiting Submit
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

type Stats struct {
	Submitted     int64
	Completed     int64
	MaxQueueDelay time.Duration
}

type job struct {
	fn       func()
	enqueued time.Time
}

type Pool struct {
	mu      sync.Mutex
	closed  bool
	tasks   chan job
	workers sync.WaitGroup

	submitted atomic.Int64
	completed atomic.Int64
	maxDelay  atomic.Int64
}

func NewPool(workers, queueSize int) *Pool {
	p := &Pool{tasks: make(chan job, queueSize)}
	p.workers.Add(workers)
	for i := 0; i < workers; i++ {
		go func() {
			defer p.workers.Done()
			for j := range p.tasks {
				d := int64(time.Since(j.enqueued))
				for {
					cur := p.maxDelay.Load()
					if d <= cur || p.maxDelay.CompareAndSwap(cur, d) {
						break
					}
				}
				j.fn()
				p.completed.Add(1)
			}
		}()
	}
	return p
}

func (p *Pool) Submit(ctx context.Context, task func()) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case p.tasks <- job{task, time.Now()}:
		p.submitted.Add(1)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *Pool) TrySubmit(task func()) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return ErrClosed
	}
	select {
	case p.tasks <- job{task, time.Now()}:
		p.submitted.Add(1)
		return nil
	default:
		return ErrQueueFull
	}
}

func (p *Pool) Close() {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.tasks)
	}
	p.mu.Unlock()
	p.workers.Wait()
}

func (p *Pool) Stats() Stats {
	return Stats{
		Submitted:     p.submitted.Load(),
		Completed:     p.completed.Load(),
		MaxQueueDelay: time.Duration(p.maxDelay.Load()),
	}
}
