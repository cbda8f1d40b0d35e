package solution

import "context"

// Goroutine is one entry of a runtime.Stack(buf, true) dump.
type Goroutine struct {
	ID        int64    // the number after "goroutine"
	State     string   // wait reason in the brackets, without ", N minutes" or other suffixes
	Funcs     []string // function of every frame, innermost first, without the argument list
	CreatedBy string   // function named on the "created by" line; "" if there is none
}

// Parse splits a full goroutine dump into its goroutines, in dump order.
func Parse(dump []byte) []Goroutine {
	panic("TODO")
}

// Snapshot returns every goroutine of the program right now.
func Snapshot() []Goroutine {
	panic("TODO")
}

// Leaked reports the goroutines that are not in baseline and do not go away
// before ctx is done. See the statement.
func Leaked(ctx context.Context, baseline []Goroutine) []Goroutine {
	panic("TODO")
}
