// mutant: busy-polls until every new goroutine is gone and never looks at ctx, so a real leak keeps it spinning forever
package solution

import (
	"bytes"
	"context"
	"runtime"
	"strconv"
	"strings"
)

// Goroutine is one entry of a runtime.Stack(buf, true) dump.
type Goroutine struct {
	ID        int64    // the number after "goroutine"
	State     string   // wait reason in the brackets, without ", N minutes" or other suffixes
	Funcs     []string // function of every frame, innermost first, without the argument list
	CreatedBy string   // function named on the "created by" line; "" if there is none
}

// Parse splits a full goroutine dump into its goroutines, in dump order.
func Parse(dump []byte) []Goroutine {
	var out []Goroutine
	for _, block := range strings.Split(strings.ReplaceAll(string(dump), "\r\n", "\n"), "\n\n") {
		lines := strings.Split(strings.TrimSpace(block), "\n")
		g, ok := parseHeader(lines[0])
		if !ok {
			continue
		}
		for _, line := range lines[1:] {
			switch {
			case strings.HasPrefix(line, "\t"), strings.HasPrefix(line, " "):
				// file:line of the frame above, or "goroutine running on other thread"
			case strings.HasPrefix(line, "created by "):
				fn := strings.TrimPrefix(line, "created by ")
				if i := strings.Index(fn, " in goroutine "); i >= 0 {
					fn = fn[:i]
				}
				g.CreatedBy = fn
			case strings.HasPrefix(line, "..."):
				// "...additional frames elided..."
			default:
				if i := strings.LastIndexByte(line, '('); i > 0 && strings.HasSuffix(line, ")") {
					line = line[:i]
				}
				g.Funcs = append(g.Funcs, line)
			}
		}
		out = append(out, g)
	}
	return out
}

// parseHeader reads "goroutine 18 [chan receive, 2 minutes]:".
func parseHeader(line string) (Goroutine, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "goroutine ")
	if !ok || !strings.HasSuffix(rest, ":") {
		return Goroutine{}, false
	}
	num, _, _ := strings.Cut(rest, " ")
	id, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		return Goroutine{}, false
	}
	g := Goroutine{ID: id}
	if open, end := strings.IndexByte(rest, '['), strings.LastIndexByte(rest, ']'); open >= 0 && end > open {
		state, _, _ := strings.Cut(rest[open+1:end], ",")
		g.State = strings.TrimSpace(state)
	}
	return g, true
}

// dump returns runtime.Stack output, growing the buffer until it fits:
// runtime.Stack silently truncates to len(buf).
func dump(all bool) []byte {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, all)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// Snapshot returns every goroutine of the program right now.
func Snapshot() []Goroutine { return Parse(dump(true)) }

// ignored: goroutines of the runtime itself (no creator, or created by
// runtime code) and the short-lived ones that run timer callbacks
// (time.AfterFunc, the cancel of a context deadline).
func ignored(g Goroutine) bool {
	return g.CreatedBy == "" || strings.HasPrefix(g.CreatedBy, "runtime.") || g.CreatedBy == "time.goFunc"
}

func currentID() int64 {
	g, _ := parseHeader(string(bytes.SplitN(dump(false), []byte("\n"), 2)[0]))
	return g.ID
}

// Leaked reports the goroutines that are not in baseline and do not go away
// before ctx is done: goroutines that are merely finishing get time to exit.
// The caller and goroutines started by the runtime itself are never reported.
// It returns nil when nothing is left, else the survivors sorted by ID.
func Leaked(_ context.Context, baseline []Goroutine) []Goroutine {
	known := make(map[int64]bool, len(baseline)+1)
	for _, g := range baseline {
		known[g.ID] = true
	}
	known[currentID()] = true

	for {
		var extra []Goroutine
		for _, g := range Snapshot() {
			if !known[g.ID] && !ignored(g) {
				extra = append(extra, g)
			}
		}
		if len(extra) == 0 {
			return nil
		}
		// still there: look again until they are gone
	}
}
