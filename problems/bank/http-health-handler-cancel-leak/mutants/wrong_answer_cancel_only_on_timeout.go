// mutant: calls cancel only on the timeout path, so on a quick answer the check's context (and its timer) outlives the request; go vet's lostcancel flags it too
package solution

import (
	"context"
	"net/http"
	"time"
)

func HealthHandler(timeout time.Duration, check func(ctx context.Context) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		done := make(chan error, 1)
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
			cancel()
			http.Error(w, "timeout", http.StatusGatewayTimeout)
		}
	})
}
