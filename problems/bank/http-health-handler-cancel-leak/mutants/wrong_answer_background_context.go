// mutant: calls cancel and buffers the channel, but still roots the check's context in context.Background, so a client that hangs up does not stop it
package solution

import (
	"context"
	"net/http"
	"time"
)

func HealthHandler(timeout time.Duration, check func(ctx context.Context) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
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
			http.Error(w, "timeout", http.StatusGatewayTimeout)
		}
	})
}
