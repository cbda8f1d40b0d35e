package solution

import (
	"context"
	"net/http"
	"time"
)

// HealthHandler answers every request with the outcome of check, giving the
// check at most timeout to finish. See the statement for the status codes.
func HealthHandler(timeout time.Duration, check func(ctx context.Context) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, _ := context.WithTimeout(context.Background(), timeout)
		done := make(chan error)
		go func() {
			done <- check(ctx)
		}()
		select {
		case err := <-done:
			if err != nil {
				http.Error(w, "unhealthy: "+err.Error(), http.StatusServiceUnavailable)
				return
			}
			w.Write([]byte("ok"))
		case <-time.After(timeout):
			http.Error(w, "timeout", http.StatusGatewayTimeout)
		}
	})
}
