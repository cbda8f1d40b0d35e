// mutant: cancels the losers properly but keeps the replies channel unbuffered, so every loser blocks forever on its send
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
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()

		type reply struct {
			ans string
			err error
		}
		replies := make(chan reply)
		for _, b := range backends {
			go func() {
				ans, err := b(ctx, q)
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
			case <-ctx.Done():
				return
			}
		}
		http.Error(w, "all backends failed", http.StatusBadGateway)
	})
}
