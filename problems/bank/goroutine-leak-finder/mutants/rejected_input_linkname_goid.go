// mutant: reads the current goroutine ID through //go:linkname to runtime.getg and a hard-coded offset, a trick copied from blog posts
package solution

import (
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// Goroutine is one block of a goroutine dump.
type Goroutine struct {
	ID        int64
	State     string // "chan receive", "select", "sync.Mutex.Lock", ...
	TopFunc   string // first function of the stack, e.g. "main.worker" or "sync.(*WaitGroup).Wait"
	CreatedBy string // function on the "created by" line; "" when there is none
	Stack     string // the block's lines, header included, joined by "\n"
}

// Parse reads a dump in the format of runtime.Stack(buf, true) and of
// /debug/pprof/goroutine?debug=2. It never panics: text before the first header,
// blocks with an unreadable header and junk lines are skipped.
func Parse(dump string) []Goroutine {
	var out []Goroutine
	var cur *Goroutine
	var lines []string
	flush := func() {
		if cur != nil {
			cur.Stack = strings.Join(lines, "\n")
			out = append(out, *cur)
		}
		cur, lines = nil, nil
	}
	for line := range strings.SplitSeq(dump, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.HasPrefix(line, "goroutine ") {
			flush()
			if g, ok := parseHeader(line); ok {
				cur, lines = &g, []string{line}
			}
			continue
		}
		if cur == nil {
			continue
		}
		if strings.TrimSpace(line) == "" { // a blank line ends the block
			flush()
			continue
		}
		lines = append(lines, line)
		switch {
		case strings.HasPrefix(line, "created by "):
			name := strings.TrimPrefix(line, "created by ")
			name, _, _ = strings.Cut(name, " in goroutine ")
			cur.CreatedBy = name
		case cur.TopFunc == "" && !strings.HasPrefix(line, "\t") && !strings.HasPrefix(line, "..."):
			cur.TopFunc = funcName(line)
		}
	}
	flush()
	return out
}

// parseHeader reads "goroutine 18 [chan receive, 2 minutes]:". Fields between the
// ID and the bracket (gp=, m= with GOTRACEBACK=system) are ignored.
func parseHeader(line string) (Goroutine, bool) {
	rest := strings.TrimPrefix(line, "goroutine ")
	idText, rest, _ := strings.Cut(rest, " ")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		return Goroutine{}, false
	}
	open := strings.IndexByte(rest, '[')
	end := strings.LastIndexByte(rest, ']')
	if open < 0 || end < open {
		return Goroutine{}, false
	}
	state, _, _ := strings.Cut(rest[open+1:end], ", ") // drop ", 5 minutes", ", locked to thread"
	return Goroutine{ID: id, State: state}, true
}

// funcName strips the argument list: "sync.(*WaitGroup).Wait(0xc0000)" -> "sync.(*WaitGroup).Wait".
func funcName(line string) string {
	if i := strings.LastIndexByte(line, '('); i > 0 && strings.HasSuffix(line, ")") {
		return line[:i]
	}
	return line
}

// allStacks returns runtime.Stack for every goroutine, growing the buffer until
// the dump fits. The buffer is local: Leaked may run in many goroutines at once.
func allStacks() string {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return string(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}

//go:linkname getg runtime.getg
func getg() unsafe.Pointer

// goidOffset is the offset of goid in runtime.g on linux/amd64 (go1.2x).
const goidOffset = 152

// currentID reads the goroutine ID straight from the runtime's g struct: much
// cheaper than formatting a stack trace.
func currentID() int64 {
	return *(*int64)(unsafe.Add(getg(), goidOffset))
}

// Baseline is the set of goroutines alive when Snapshot was called.
type Baseline struct {
	ids map[int64]bool // goroutine IDs are never reused, so IDs identify goroutines
}

// Snapshot records the goroutines alive now.
func Snapshot() *Baseline {
	b := &Baseline{ids: make(map[int64]bool)}
	for _, g := range Parse(allStacks()) {
		b.ids[g.ID] = true
	}
	return b
}

// Leaked returns the goroutines alive now that were not in the baseline, except the
// caller and those whose TopFunc is in ignoreTop. Goroutines may be on their way
// out, so it looks again, with growing pauses, until none are left or timeout has
// elapsed, and then returns what is still there.
func (b *Baseline) Leaked(timeout time.Duration, ignoreTop ...string) []Goroutine {
	self := currentID()
	deadline := time.Now().Add(timeout)
	pause := time.Millisecond
	for {
		var leaked []Goroutine
		for _, g := range Parse(allStacks()) {
			if g.ID == self || b.ids[g.ID] || slices.Contains(ignoreTop, g.TopFunc) {
				continue
			}
			leaked = append(leaked, g)
		}
		left := time.Until(deadline)
		if len(leaked) == 0 || left <= 0 {
			return leaked
		}
		time.Sleep(min(pause, left))
		pause = min(2*pause, 50*time.Millisecond)
	}
}
