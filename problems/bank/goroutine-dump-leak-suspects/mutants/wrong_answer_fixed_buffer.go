// mutant: takes the dump with one fixed 64 KiB buffer, which silently truncates it when there are many goroutines
package solution

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

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
	buf := make([]byte, 64<<10)
	n := runtime.Stack(buf, true)
	return buf[:n]
}

// Parse parses a dump in the format printed by runtime.Stack(buf, true),
// /debug/pprof/goroutine?debug=2 and an unrecovered panic.
func Parse(dump []byte) ([]Goroutine, error) {
	var out []Goroutine
	first := "" // the first frame of the current goroutine
	finish := func() {
		if n := len(out); n > 0 && out[n-1].Function == "" {
			out[n-1].Function = first // nothing but runtime frames
		}
	}
	for _, line := range strings.Split(string(dump), "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.HasPrefix(line, "goroutine "):
			finish()
			g, err := parseHeader(line)
			if err != nil {
				return nil, err
			}
			out = append(out, g)
			first = ""
		case len(out) == 0, line == "", strings.HasPrefix(line, "\t"), strings.HasPrefix(line, "..."):
			// file:line lines, separators, "...additional frames elided..."
		case strings.HasPrefix(line, "created by "):
			fn := strings.TrimPrefix(line, "created by ")
			if i := strings.Index(fn, " in goroutine "); i >= 0 {
				fn = fn[:i]
			}
			out[len(out)-1].CreatedBy = fn
		default:
			fn := line
			if i := strings.LastIndex(fn, "("); i > 0 {
				fn = fn[:i]
			}
			if first == "" {
				first = fn
			}
			if g := &out[len(out)-1]; g.Function == "" && !isPlumbing(fn) {
				g.Function = fn
			}
		}
	}
	finish()
	return out, nil
}

// parseHeader parses "goroutine 18 [chan receive, 2 minutes, locked to thread]:" (an
// optional " gp=... m=..." may follow the ID).
func parseHeader(line string) (Goroutine, error) {
	rest := strings.TrimPrefix(line, "goroutine ")
	idText, _, _ := strings.Cut(rest, " ")
	id, err := strconv.ParseInt(idText, 10, 64)
	open := strings.Index(rest, "[")
	if err != nil || open < 0 || !strings.HasSuffix(rest, "]:") {
		return Goroutine{}, fmt.Errorf("malformed goroutine header %q", line)
	}
	parts := strings.Split(rest[open+1:len(rest)-2], ", ")
	g := Goroutine{ID: id, State: parts[0]}
	for _, p := range parts[1:] {
		if m, ok := strings.CutSuffix(p, " minutes"); ok {
			if g.Minutes, err = strconv.Atoi(m); err != nil {
				return Goroutine{}, fmt.Errorf("malformed goroutine header %q", line)
			}
		}
	}
	return g, nil
}

// isPlumbing reports frames that say how a goroutine waits, not where the code is stuck.
func isPlumbing(fn string) bool {
	for _, p := range []string{"runtime.", "internal/", "sync.", "time."} {
		if strings.HasPrefix(fn, p) {
			return true
		}
	}
	return false
}

var blockedStates = map[string]bool{
	"chan receive": true, "chan send": true,
	"chan receive (nil chan)": true, "chan send (nil chan)": true,
	"select": true, "select (no cases)": true,
	"sync.Mutex.Lock": true, "sync.RWMutex.Lock": true, "sync.RWMutex.RLock": true,
	"sync.WaitGroup.Wait": true, "sync.Cond.Wait": true, "semacquire": true,
}

// Suspects returns the goroutines of after that were already blocked, in the same
// function, in before: the ones a leak is made of. They are sorted by ID.
func Suspects(before, after []Goroutine) []Goroutine {
	earlier := make(map[int64]Goroutine, len(before))
	for _, g := range before {
		earlier[g.ID] = g
	}
	var out []Goroutine
	for _, g := range after {
		b, ok := earlier[g.ID]
		if ok && blockedStates[b.State] && blockedStates[g.State] && b.Function == g.Function {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b Goroutine) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
