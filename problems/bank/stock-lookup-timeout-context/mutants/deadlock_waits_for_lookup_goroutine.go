// mutant: waits for the lookup goroutine before returning so it cannot leak; a backend that ignores its context then holds the request (and the test) forever
package solution

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Backend is the client of the downstream inventory service.
type Backend interface {
	Lookup(ctx context.Context, sku string) (int, error)
}

// ErrTimeout is returned when the backend does not answer in time.
var ErrTimeout = errors.New("stock lookup timed out")

// StockLevel asks the backend how many units of sku are in stock and gives
// up after timeout or when ctx ends, whichever comes first. The backend call
// gets a context derived from ctx, cancelled as soon as StockLevel returns.
func StockLevel(ctx context.Context, b Backend, sku string, timeout time.Duration) (int, error) {
	// The cause tells a timeout of ours apart from the caller going away.
	ctx, cancel := context.WithTimeoutCause(ctx, timeout, ErrTimeout)
	defer cancel()

	type result struct {
		n   int
		err error
	}
	// Buffered: the lookup goroutine can always deliver and exit, even when
	// nobody is listening any more.
	ch := make(chan result, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		n, err := b.Lookup(ctx, sku)
		ch <- result{n, err}
	}()
	defer wg.Wait() // never return while the lookup is still running

	select {
	case r := <-ch:
		if r.err != nil && ctx.Err() != nil {
			// The backend gave up because our context ended: report why.
			return 0, context.Cause(ctx)
		}
		return r.n, r.err
	case <-ctx.Done():
		return 0, context.Cause(ctx)
	}
}
