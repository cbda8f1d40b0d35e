package solution

// Goroutine is one entry of a goroutine dump.
type Goroutine struct {
	ID        int64
	State     string // wait reason or status, e.g. "chan receive", "select (no cases)", "running"
	Minutes   int    // how long it has been blocked, from ", N minutes" (0 if not shown)
	Function  string // the first frame outside the runtime, internal/..., sync and time packages
	CreatedBy string // the function in the "created by" line, "" if there is none
}

// Capture returns a dump of every goroutine's stack, in the format of runtime.Stack.
func Capture() []byte {
	// TODO
	return nil
}

// Parse parses a dump in the format printed by runtime.Stack(buf, true),
// /debug/pprof/goroutine?debug=2 and an unrecovered panic.
func Parse(dump []byte) ([]Goroutine, error) {
	// TODO
	return nil, nil
}

// Suspects returns the goroutines of after that look stuck: see the statement.
func Suspects(before, after []Goroutine) []Goroutine {
	// TODO
	return nil
}
