// mutant: Close asks the loop to flush and waits for the ack, but the loop is never told to return, so one goroutine per session stays parked in select
package solution

import (
	"errors"
	"sync"
	"time"
)

var ErrClosed = errors.New("recorder closed")

type Recorder struct {
	mu     sync.RWMutex
	closed bool

	events    chan string
	flushNow  chan chan struct{}
	sink      func(batch []string)
	batchSize int
	ticker    *time.Ticker
}

func NewRecorder(sink func(batch []string), batchSize int, interval time.Duration) *Recorder {
	r := &Recorder{
		events:    make(chan string, 128),
		flushNow:  make(chan chan struct{}),
		sink:      sink,
		batchSize: batchSize,
		ticker:    time.NewTicker(interval),
	}
	go r.loop()
	return r
}

func (r *Recorder) Record(event string) error {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.closed {
		return ErrClosed
	}
	r.events <- event
	return nil
}

func (r *Recorder) loop() {
	var batch []string
	flush := func() {
		if len(batch) > 0 {
			r.sink(batch)
			batch = nil
		}
	}
	for {
		select {
		case e := <-r.events:
			batch = append(batch, e)
			if len(batch) >= r.batchSize {
				flush()
			}
		case <-r.ticker.C:
			flush()
		case ack := <-r.flushNow:
			// drain whatever is still buffered, then flush it all
			for {
				select {
				case e := <-r.events:
					batch = append(batch, e)
					if len(batch) >= r.batchSize {
						flush()
					}
					continue
				default:
				}
				break
			}
			flush()
			close(ack)
		}
	}
}

func (r *Recorder) Close() {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.closed = true
	r.ticker.Stop()
	ack := make(chan struct{})
	r.flushNow <- ack
	<-ack
	r.mu.Unlock()
}
