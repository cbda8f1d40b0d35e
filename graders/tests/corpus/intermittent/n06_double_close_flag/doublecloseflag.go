package doublecloseflag

import "errors"

type Job struct {
	abort   chan struct{}
	aborted bool
}

func NewJob() *Job { return &Job{abort: make(chan struct{})} }

func (j *Job) fail() {
	select {
	case <-j.abort:
		return // already aborted
	default:
	}
	if !j.aborted {
		j.aborted = true
		close(j.abort)
	}
}

// Run runs steps concurrently; a failing step aborts the job.
func (j *Job) Run(steps []func() error) error {
	done := make(chan struct{}, len(steps))
	for _, step := range steps {
		go func() {
			if step() != nil {
				j.fail()
			}
			done <- struct{}{}
		}()
	}
	for range steps {
		<-done
	}
	select {
	case <-j.abort:
		return errors.New("aborted")
	default:
		return nil
	}
}
