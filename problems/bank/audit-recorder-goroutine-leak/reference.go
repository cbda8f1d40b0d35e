package solution

import (
	"errors"
	"sync"
	"time"
)

// ErrClosed is returned by Record once Close has been called.
var ErrClosed = errors.New("recorder closed")

// Recorder collects audit events in the background and hands them to sink
// in batches, from a single goroutine.
type Recorder struct {
	// mu guards closed and the close of events: Record holds it shared while
	// it sends, Close holds it exclusively while it closes, so no send can
	// ever hit a closed channel.
	mu     sync.RWMutex
	closed bool

	events    chan string
	done      chan struct{} // closed when loop has flushed and exited
	sink      func(batch []string)
	batchSize int
	interval  time.Duration
}

// NewRecorder starts a recorder that calls sink with up to batchSize events
// at a time, and flushes a partial batch every interval.
func NewRecorder(sink func(batch []string), batchSize int, interval time.Duration) *Recorder {
	if batchSize < 1 {
		batchSize = 1
	}
	r := &Recorder{
		events:    make(chan string, 128),
		done:      make(chan struct{}),
		sink:      sink,
		batchSize: batchSize,
		interval:  interval,
	}
	go r.loop()
	return r
}

// Record queues one event. It blocks while the buffer is full and returns
// ErrClosed once Close has started. An event accepted with a nil error is
// always delivered.
func (r *Recorder) Record(event string) error {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.closed {
		return ErrClosed
	}
	r.events <- event // loop keeps draining, so this cannot block Close forever
	return nil
}

func (r *Recorder) loop() {
	defer close(r.done)
	ticker := time.NewTicker(r.interval)
	defer ticker.Stop()

	batch := make([]string, 0, r.batchSize)
	flush := func() {
		if len(batch) > 0 {
			r.sink(batch)
			batch = make([]string, 0, r.batchSize) // the sink may keep the old one
		}
	}
	for {
		select {
		case e, ok := <-r.events:
			if !ok { // Close: everything accepted is already in the channel
				flush()
				return
			}
			batch = append(batch, e)
			if len(batch) >= r.batchSize {
				flush()
			}
		case <-ticker.C:
			flush()
		}
	}
}

// Close stops accepting events, delivers everything accepted so far, and
// returns once the background goroutine has exited. It is safe to call more
// than once and from several goroutines.
func (r *Recorder) Close() {
	r.mu.Lock()
	if !r.closed {
		r.closed = true
		close(r.events)
	}
	r.mu.Unlock()
	<-r.done
}
