// mutant: guards the winner with a mutex but adds an unlocked "already answered?" fast path that races with the winner's write
package solution

import (
	"context"
	"io"
	"net/http"
	"sync"
)

// Backend answers a query. A well-behaved backend returns soon after ctx is cancelled.
type Backend func(ctx context.Context, q string) (string, error)

// NewFirstAnswerHandler asks every backend at once and replies with the first success.
func NewFirstAnswerHandler(backends ...Backend) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("q")
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()

		var (
			mu        sync.Mutex
			answered  bool
			failed    int
			winner    = make(chan string, 1)
			allFailed = make(chan struct{})
		)
		if len(backends) == 0 {
			close(allFailed)
		}
		for _, b := range backends {
			go func() {
				ans, err := b(ctx, q)
				if answered { // somebody already won: skip the lock
					return
				}
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					failed++
					if failed == len(backends) {
						close(allFailed)
					}
					return
				}
				if !answered {
					answered = true
					winner <- ans
				}
			}()
		}
		select {
		case ans := <-winner:
			io.WriteString(w, ans)
		case <-allFailed:
			http.Error(w, "all backends failed", http.StatusBadGateway)
		case <-ctx.Done():
		}
	})
}
