package solution

import (
	"context"
	"sync"
)

// ReleaseOnDone arranges for release to run exactly once: when ctx is done, or when
// the returned stop function is first called, whichever comes first. stop returns
// only after release has finished, is idempotent and safe for concurrent use.
func ReleaseOnDone(ctx context.Context, release func()) (stop func()) {
	var once sync.Once
	// Once.Do also makes a second caller wait until the first call has finished.
	run := func() { once.Do(release) }

	// AfterFunc registers run with ctx without parking a goroutine on ctx.Done();
	// a goroutine is only started when ctx is actually done.
	detach := context.AfterFunc(ctx, run)
	return func() {
		detach() // ctx no longer holds run (or run already started)
		run()    // release now, or wait for the release already running
	}
}
