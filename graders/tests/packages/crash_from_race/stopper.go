// Package stopper crashes because of a race: Stop checks a flag and then acts on it with no
// lock, so two concurrent calls both see it unset and both close the channel. The plain run
// dies of "close of closed channel"; the race binary names the unsynchronised flag.
package stopper

import "time"

type Stopper struct {
	stopped bool
	done    chan struct{}
}

func New() *Stopper { return &Stopper{done: make(chan struct{})} }

func (s *Stopper) Stop() {
	if !s.stopped {
		time.Sleep(20 * time.Millisecond) // the flush before stopping: widens the window
		s.stopped = true
		close(s.done)
	}
}
