package tokennotreturned

import "context"

type Limiter struct{ tokens chan struct{} }

func NewLimiter(n int) *Limiter { return &Limiter{tokens: make(chan struct{}, n)} }

func (l *Limiter) Do(ctx context.Context, f func()) error {
	l.tokens <- struct{}{}
	if err := ctx.Err(); err != nil {
		return err
	}
	defer func() { <-l.tokens }()
	f()
	return nil
}
