package poolsubmitorclosed

import (
	"errors"
	"sync"
)

var ErrClosed = errors.New("pool closed")

type Pool struct {
	jobs chan func()
	quit chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

func NewPool(workers int) *Pool {
	p := &Pool{jobs: make(chan func()), quit: make(chan struct{})}
	for i := 0; i < workers; i++ {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for {
				select {
				case job := <-p.jobs:
					job()
				case <-p.quit:
					return
				}
			}
		}()
	}
	return p
}

func (p *Pool) Submit(job func()) error {
	select {
	case p.jobs <- job:
		return nil
	case <-p.quit:
		return ErrClosed
	}
}

func (p *Pool) Close() {
	p.once.Do(func() { close(p.quit) })
	p.wg.Wait()
}
