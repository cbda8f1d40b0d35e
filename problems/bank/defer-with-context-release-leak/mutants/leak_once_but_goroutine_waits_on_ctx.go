// mutant: adds sync.Once to the original code, so release runs once, but the helper goroutine still waits on ctx.Done() forever when ctx never ends
package solution

import (
	"context"
	"sync"
)

func ReleaseOnDone(ctx context.Context, release func()) (stop func()) {
	var once sync.Once
	go func() {
		<-ctx.Done()
		once.Do(release)
	}()
	return func() { once.Do(release) }
}
