package solution

import "sync/atomic"

var calls atomic.Int64

// Flaky fails on every third call, so -count=N gives both passes and failures.
func Flaky() bool { return calls.Add(1)%3 != 0 }
