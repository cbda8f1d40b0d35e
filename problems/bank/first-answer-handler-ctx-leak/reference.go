package solution

import (
	"context"
	"io"
	"net/http"
)

// Backend answers a query. A well-behaved backend returns soon after ctx is cancelled.
type Backend func(ctx context.Context, q string) (string, error)

// NewFirstAnswerHandler asks every backend at once for the query in the "q" URL
// parameter and replies with the first successful answer.
func NewFirstAnswerHandler(backends ...Backend) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("q")

		// Every backend call hangs off the request: when the client goes away, or when
		// we return for any reason, the losers are told to stop.
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()

		type reply struct {
			ans string
			err error
		}
		// One slot per backend: a loser can always deliver its reply and exit,
		// even after nobody is listening any more.
		replies := make(chan reply, len(backends))
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
					w.Header().Set("Content-Type", "text/plain; charset=utf-8")
					io.WriteString(w, rep.ans)
					return
				}
			case <-ctx.Done():
				return // the client has gone; nobody would read a reply
			}
		}
		http.Error(w, "all backends failed", http.StatusBadGateway)
	})
}
