// mutant: correct Once-based release, plus a plain "already released" bool as a fast path for repeated stop calls, written by the ctx callback and read by stop without synchronisation
package solution

import (
	"context"
	"sync"
)

func ReleaseOnDone(ctx context.Context, release func()) (stop func()) {
	var once sync.Once
	released := false
	detach := context.AfterFunc(ctx, func() {
		once.Do(release)
		released = true
	})
	return func() {
		if released {
			return // nothing left to do
		}
		detach()
		once.Do(release)
		released = true
	}
}
