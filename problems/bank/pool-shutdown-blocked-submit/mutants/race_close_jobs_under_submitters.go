// mutant: Shutdown sets an atomic flag and closes the jobs channel; a Submit that passed the flag check and is blocked on the full queue then sends on a closed channel; the race detector reports the close racing the send, and the panic is its consequence
package solution

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

var ErrClosed = errors.New("pool: closed")

type Pool struct {
	jobs   chan func()
	closed atomic.Bool
	once   sync.Once
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
	if p.closed.Load() {
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
	p.once.Do(func() {
		p.closed.Store(true)
		close(p.jobs)
	})
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
