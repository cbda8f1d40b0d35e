// mutant: Shutdown waits until every accepted job has run, but never closes the jobs channel, so the workers stay parked on it forever
package solution

import (
	"context"
	"errors"
	"sync"
)

var ErrClosed = errors.New("pool: closed")

type Pool struct {
	jobs    chan func()
	quit    chan struct{}
	mu      sync.Mutex
	closed  bool
	pending sync.WaitGroup // accepted jobs not yet finished
	once    sync.Once
}

func NewPool(workers, queue int) *Pool {
	p := &Pool{jobs: make(chan func(), max(queue, 0)), quit: make(chan struct{})}
	for range max(workers, 1) {
		go func() {
			for job := range p.jobs {
				job()
				p.pending.Done()
			}
		}()
	}
	return p
}

func (p *Pool) Submit(ctx context.Context, job func()) error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return ErrClosed
	}
	p.pending.Add(1)
	p.mu.Unlock()
	select {
	case p.jobs <- job:
		return nil
	case <-p.quit:
		p.pending.Done()
		return ErrClosed
	case <-ctx.Done():
		p.pending.Done()
		return ctx.Err()
	}
}

func (p *Pool) Shutdown(ctx context.Context) error {
	p.once.Do(func() {
		p.mu.Lock()
		p.closed = true
		p.mu.Unlock()
		close(p.quit)
	})
	done := make(chan struct{})
	go func() {
		p.pending.Wait() // every accepted job has run
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
