// mutant: fixes the context (request-derived, deferred cancel) but keeps the unbuffered result channel, so a timed-out check blocks on its send forever
package solution

import (
	"context"
	"net/http"
	"time"
)

func HealthHandler(timeout time.Duration, check func(ctx context.Context) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		done := make(chan error)
		go func() { done <- check(ctx) }()
		select {
		case err := <-done:
			switch {
			case err == nil:
				w.Write([]byte("ok"))
			case ctx.Err() != nil:
				http.Error(w, "timeout", http.StatusGatewayTimeout)
			default:
				http.Error(w, "unhealthy: "+err.Error(), http.StatusServiceUnavailable)
			}
		case <-ctx.Done():
			http.Error(w, "timeout", http.StatusGatewayTimeout)
		}
	})
}
