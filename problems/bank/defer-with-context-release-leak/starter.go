package solution

import "context"

// ReleaseOnDone arranges for release to run when ctx is done, and returns a stop
// function the caller uses to release early (typically deferred).
func ReleaseOnDone(ctx context.Context, release func()) (stop func()) {
	if ctx == nil {
		return release
	}
	go func() {
		<-ctx.Done() // wait for cancellation or timeout
		release()
	}()
	return release
}
