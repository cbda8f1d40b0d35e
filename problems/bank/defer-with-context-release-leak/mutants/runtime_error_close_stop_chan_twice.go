// mutant: lets the goroutine exit through a stop channel, but stop closes that channel on every call
package solution

import (
	"context"
	"sync"
)

func ReleaseOnDone(ctx context.Context, release func()) (stop func()) {
	var once sync.Once
	stopped := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			once.Do(release)
		case <-stopped:
		}
	}()
	return func() {
		close(stopped)
		once.Do(release)
	}
}
