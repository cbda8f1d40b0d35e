// mutant: Submit checks an atomic closed flag and then blocks sending; Close sets the flag and closes the queue, so a Submit already waiting panics with send on closed channel; the race detector reports the close racing the send, and the panic is its consequence
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
	closed    atomic.Bool
	closeOnce sync.Once
	tasks     chan job
	workers   sync.WaitGroup

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
	if p.closed.Load() {
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
	if p.closed.Load() {
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
	p.closeOnce.Do(func() {
		p.closed.Store(true)
		close(p.tasks)
	})
	p.workers.Wait()
}

func (p *Pool) Stats() Stats {
	return Stats{
		Submitted:     p.submitted.Load(),
		Completed:     p.completed.Load(),
		MaxQueueDelay: time.Duration(p.maxDelay.Load()),
	}
}
