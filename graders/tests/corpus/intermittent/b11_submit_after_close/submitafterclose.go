package submitafterclose

import "sync"

type Pool struct {
	jobs chan func()
	quit chan struct{}
	wg   sync.WaitGroup
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

func (p *Pool) Submit(job func()) { p.jobs <- job }

func (p *Pool) Close() {
	close(p.quit)
	p.wg.Wait()
}
