// mutant: exactly-once via an atomic CompareAndSwap, but stop returns at once when the ctx callback is still in the middle of release
package solution

import (
	"context"
	"sync/atomic"
)

func ReleaseOnDone(ctx context.Context, release func()) (stop func()) {
	var claimed atomic.Bool
	run := func() {
		if claimed.CompareAndSwap(false, true) {
			release()
		}
	}
	detach := context.AfterFunc(ctx, run)
	return func() {
		detach()
		run()
	}
}
