package solution

import (
	"context"
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
	// TODO
}

// NewShadow returns a Shadow; see the statement for the meaning of the parameters.
func NewShadow(primary, shadow Scorer, sampleEvery, maxInFlight int, shadowTimeout time.Duration, onDiff func(Diff)) *Shadow {
	// TODO
	return &Shadow{}
}

// Score returns the primary model's answer.
func (s *Shadow) Score(ctx context.Context, txID string) (float64, error) {
	// TODO
	return 0, nil
}

// Stats returns how many shadow calls were started and how many were dropped.
func (s *Shadow) Stats() (sampled, dropped int) {
	// TODO
	return 0, 0
}

// Close stops shadow traffic and waits for the shadow calls in flight.
func (s *Shadow) Close() {
	// TODO
}
