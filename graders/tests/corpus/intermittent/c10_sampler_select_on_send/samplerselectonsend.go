package samplerselectonsend

import "time"

type Sampler struct {
	events chan int
	quit   chan struct{}
}

func NewSampler(period time.Duration) *Sampler {
	s := &Sampler{events: make(chan int), quit: make(chan struct{})}
	go func() {
		t := time.NewTicker(period)
		defer t.Stop()
		for n := 0; ; n++ {
			select {
			case <-t.C:
				select {
				case s.events <- n:
				case <-s.quit:
					return
				}
			case <-s.quit:
				return
			}
		}
	}()
	return s
}

func (s *Sampler) Close() { close(s.quit) }
