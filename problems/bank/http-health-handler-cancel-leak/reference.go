package solution

import (
	"context"
	"net/http"
	"time"
)

// HealthHandler answers every request with the outcome of check, giving the
// check at most timeout to finish.
func HealthHandler(timeout time.Duration, check func(ctx context.Context) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Derived from the request: a client that goes away cancels the check.
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel() // every return path releases the timer and stops the check

		// Buffered: when we stop waiting, the goroutine can still deliver its
		// result and exit instead of blocking on the send forever.
		done := make(chan error, 1)
		go func() { done <- check(ctx) }()

		select {
		case err := <-done:
			switch {
			case err == nil:
				w.Write([]byte("ok"))
			case ctx.Err() != nil:
				// The check gave up because its context ended: that is a
				// timeout (or a client that left), not an unhealthy dependency.
				http.Error(w, "timeout", http.StatusGatewayTimeout)
			default:
				http.Error(w, "unhealthy: "+err.Error(), http.StatusServiceUnavailable)
			}
		case <-ctx.Done():
			http.Error(w, "timeout", http.StatusGatewayTimeout)
		}
	})
}
