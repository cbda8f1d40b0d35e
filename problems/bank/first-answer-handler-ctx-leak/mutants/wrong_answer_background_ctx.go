// mutant: buffers the replies and counts failures, but still calls the backends with context.Background(), so losers and abandoned requests are never cancelled
package solution

import (
	"context"
	"io"
	"net/http"
)

// Backend answers a query. A well-behaved backend returns soon after ctx is cancelled.
type Backend func(ctx context.Context, q string) (string, error)

// NewFirstAnswerHandler asks every backend at once and replies with the first success.
func NewFirstAnswerHandler(backends ...Backend) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("q")
		type reply struct {
			ans string
			err error
		}
		replies := make(chan reply, len(backends))
		for _, b := range backends {
			go func() {
				ans, err := b(context.Background(), q)
				replies <- reply{ans, err}
			}()
		}
		for range backends {
			select {
			case rep := <-replies:
				if rep.err == nil {
					io.WriteString(w, rep.ans)
					return
				}
			case <-r.Context().Done():
				return
			}
		}
		http.Error(w, "all backends failed", http.StatusBadGateway)
	})
}
