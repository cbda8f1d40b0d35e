package solution

import (
	"errors"
	"sync/atomic"
	"time"
)

// ErrClosed is returned by Record once Close has been called.
var ErrClosed = errors.New("recorder closed")

// Recorder collects audit events in the background and hands them to sink
// in batches. One Recorder is created per client session.
type Recorder struct {
	events    chan string
	sink      func(batch []string)
	batchSize int
	ticker    *time.Ticker
	closed    atomic.Bool
}

// NewRecorder starts a recorder that calls sink with up to batchSize events
// at a time, and flushes a partial batch every interval.
func NewRecorder(sink func(batch []string), batchSize int, interval time.Duration) *Recorder {
	r := &Recorder{
		events:    make(chan string, 128),
		sink:      sink,
		batchSize: batchSize,
		ticker:    time.NewTicker(interval),
	}
	go r.loop()
	return r
}

// Record queues one event.
func (r *Recorder) Record(event string) error {
	if r.closed.Load() {
		return ErrClosed
	}
	r.events <- event
	return nil
}

func (r *Recorder) loop() {
	var batch []string
	for {
		select {
		case e := <-r.events:
			batch = append(batch, e)
			if len(batch) >= r.batchSize {
				r.sink(batch)
				batch = nil
			}
		case <-r.ticker.C:
			if len(batch) > 0 {
				r.sink(batch)
				batch = nil
			}
		}
	}
}

// Close stops the recorder when the session ends.
func (r *Recorder) Close() {
	r.closed.Store(true)
	r.ticker.Stop()
}
