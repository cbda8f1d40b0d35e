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
		answers := make(chan string)
		for _, b := range backends {
			go func() {
				ans, err := b(context.Background(), q)
				if err != nil {
					return
				}
				answers <- ans
			}()
		}
		ans := <-answers
		io.WriteString(w, ans)
	})
}
