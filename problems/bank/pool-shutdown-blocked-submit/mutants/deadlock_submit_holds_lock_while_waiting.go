// mutant: guards the close with a mutex that Submit holds while it waits for room, so Shutdown queues behind a Submit that only Shutdown could release
package solution

import (
	"context"
	"errors"
	"sync"
)

var ErrClosed = errors.New("pool: closed")

type Pool struct {
	mu     sync.Mutex
	jobs   chan func()
	closed bool
	wg     sync.WaitGroup
}

func NewPool(workers, queue int) *Pool {
	p := &Pool{jobs: make(chan func(), max(queue, 0))}
	for range max(workers, 1) {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for job := range p.jobs {
				job()
			}
		}()
	}
	return p
}

func (p *Pool) Submit(ctx context.Context, job func()) error {
	p.mu.Lock()
	defer p.mu.Unlock() // nobody can close jobs while we send
	if p.closed {
		return ErrClosed
	}
	select {
	case p.jobs <- job:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *Pool) Shutdown(ctx context.Context) error {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.jobs)
	}
	p.mu.Unlock()
	done := make(chan struct{})
	go func() {
		p.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
