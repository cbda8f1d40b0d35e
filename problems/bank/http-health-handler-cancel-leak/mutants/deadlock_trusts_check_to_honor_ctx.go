// mutant: hands the check a proper deadline and simply waits for its answer, trusting every check to honor ctx
package solution

import (
	"context"
	"errors"
	"net/http"
	"time"
)

func HealthHandler(timeout time.Duration, check func(ctx context.Context) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		done := make(chan error, 1)
		go func() { done <- check(ctx) }()
		err := <-done // the check returns by the deadline
		switch {
		case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
			http.Error(w, "timeout", http.StatusGatewayTimeout)
		case err != nil:
			http.Error(w, "unhealthy: "+err.Error(), http.StatusServiceUnavailable)
		default:
			w.Write([]byte("ok"))
		}
	})
}
