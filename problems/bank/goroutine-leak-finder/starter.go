package solution

import "time"

// Goroutine is one block of a goroutine dump.
type Goroutine struct {
	ID        int64
	State     string // "chan receive", "select", "sync.Mutex.Lock", ...
	TopFunc   string // first function of the stack, e.g. "main.worker" or "sync.(*WaitGroup).Wait"
	CreatedBy string // function on the "created by" line; "" when there is none
	Stack     string // the block's lines, header included, joined by "\n"
}

// Parse reads a dump in the format of runtime.Stack(buf, true) and of
// /debug/pprof/goroutine?debug=2.
func Parse(dump string) []Goroutine {
	panic("TODO")
}

// Baseline is the set of goroutines alive when Snapshot was called.
type Baseline struct {
	// TODO
}

// Snapshot records the goroutines alive now.
func Snapshot() *Baseline {
	panic("TODO")
}

// Leaked returns the goroutines alive now that were not in the baseline.
func (b *Baseline) Leaked(timeout time.Duration, ignoreTop ...string) []Goroutine {
	panic("TODO")
}
