// mutant: derives the shadow context from the request context, so the shadow call is cancelled as soon as the handler returns
package solution

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// Scorer returns a fraud score for a transaction.
type Scorer func(ctx context.Context, txID string) (float64, error)

// Diff is a transaction on which the shadow model disagreed with the primary one.
type Diff struct {
	TxID    string
	Primary float64
	Shadow  float64
}

// Shadow serves the primary model and compares a sample of its answers with a shadow model.
type Shadow struct {
	primary, shadow Scorer
	sampleEvery     int64
	maxInFlight     int
	timeout         time.Duration
	onDiff          func(Diff)

	calls atomic.Int64 // numbers the calls to Score across all goroutines

	base   context.Context // cancelled by Close: stops the shadows in flight
	cancel context.CancelFunc

	mu       sync.Mutex // guards the fields below, and orders wg.Add before wg.Wait
	closed   bool
	inFlight int
	sampled  int
	dropped  int
	wg       sync.WaitGroup
}

// NewShadow returns a Shadow; see the statement for the meaning of the parameters.
func NewShadow(primary, shadow Scorer, sampleEvery, maxInFlight int, shadowTimeout time.Duration, onDiff func(Diff)) *Shadow {
	base, cancel := context.WithCancel(context.Background())
	return &Shadow{
		primary:     primary,
		shadow:      shadow,
		sampleEvery: int64(max(sampleEvery, 1)),
		maxInFlight: max(maxInFlight, 1),
		timeout:     shadowTimeout,
		onDiff:      onDiff,
		base:        base,
		cancel:      cancel,
	}
}

// Score returns the primary model's answer. It never waits for the shadow model.
func (s *Shadow) Score(ctx context.Context, txID string) (float64, error) {
	n := s.calls.Add(1)
	p, err := s.primary(ctx, txID)
	if err != nil || (n-1)%s.sampleEvery != 0 {
		return p, err
	}

	s.mu.Lock()
	switch {
	case s.closed:
		s.mu.Unlock()
		return p, nil
	case s.inFlight >= s.maxInFlight:
		s.dropped++ // shed shadow load rather than queue it behind the primary
		s.mu.Unlock()
		return p, nil
	}
	s.inFlight++
	s.sampled++
	s.wg.Add(1) // under mu, so it cannot race with Close's Wait
	s.mu.Unlock()

	// The request will finish (and cancel ctx) long before the shadow does: keep its
	// values (trace IDs) but not its cancellation; bound it by the timeout and by Close.
	sctx, cancel := context.WithTimeout(ctx, s.timeout)
	stop := context.AfterFunc(s.base, cancel)
	go func() {
		defer s.wg.Done()
		defer func() {
			stop()
			cancel()
			s.mu.Lock()
			s.inFlight--
			s.mu.Unlock()
		}()
		v, err := s.shadow(sctx, txID)
		if err == nil && math.Abs(v-p) > 1e-9 {
			s.onDiff(Diff{TxID: txID, Primary: p, Shadow: v})
		}
	}()
	return p, nil
}

// Stats returns how many shadow calls were started and how many were dropped.
func (s *Shadow) Stats() (sampled, dropped int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sampled, s.dropped
}

// Close stops shadow traffic and waits for the shadow calls in flight.
func (s *Shadow) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.cancel()
	s.wg.Wait()
}
