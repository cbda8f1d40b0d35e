package solution

import (
	"context"
	"errors"
	"time"
)

// Backend is the client of the downstream inventory service.
type Backend interface {
	Lookup(ctx context.Context, sku string) (int, error)
}

// ErrTimeout is returned when the backend does not answer in time.
var ErrTimeout = errors.New("stock lookup timed out")

// StockLevel asks the backend how many units of sku are in stock and gives
// up after timeout. It is called once per incoming HTTP request, with the
// request's context.
func StockLevel(ctx context.Context, b Backend, sku string, timeout time.Duration) (int, error) {
	type result struct {
		n   int
		err error
	}
	ch := make(chan result)
	go func() {
		n, err := b.Lookup(context.Background(), sku)
		ch <- result{n, err}
	}()
	select {
	case r := <-ch:
		return r.n, r.err
	case <-time.After(timeout):
		return 0, ErrTimeout
	}
}
