package solution

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	testRecvName   = "goconcur/solution.testParkRecv"
	testSelectName = "goconcur/solution.testParkSelect"
)

//go:noinline
func testParkRecv(ch chan struct{}) { <-ch }

//go:noinline
func testParkSelect(ch chan struct{}) {
	select {
	case <-ch:
	}
}

// testPark starts n goroutines parked in park (named name) until the returned stop
// is called; stop waits until they have exited.
func testPark(n int, name string, park func(chan struct{})) (stop func()) {
	already := testCountInDump(name)
	ch := make(chan struct{})
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			park(ch)
		}()
	}
	// Wait until all of them are really parked before the caller looks.
	for testCountInDump(name) < already+n {
		runtime.Gosched()
	}
	var once sync.Once
	return func() { once.Do(func() { close(ch); wg.Wait() }) }
}

// testCountInDump counts goroutines whose top frame is the function name.
func testCountInDump(name string) int {
	buf := make([]byte, 1<<20)
	dump := string(buf[:runtime.Stack(buf, true)])
	return strings.Count(dump, "]:\n"+name+"(")
}

func testCount(gs []Goroutine, top string) int {
	n := 0
	for _, g := range gs {
		if g.TopFunc == top {
			n++
		}
	}
	return n
}

func TestHiddenParseEdgeCases(t *testing.T) {
	dump := "some text printed before the dump\n" +
		"goroutine 7 gp=0xc000007c00 m=nil [select, 3 minutes, locked to thread]:\n" +
		"main.(*Server).loop[...](0xc0000a4000, {0x1, 0x2})\n" +
		"\t/app/server.go:88 +0x1a5\n" +
		"...additional frames elided...\n" +
		"created by main.(*Server).Start in goroutine 1\n" +
		"\t/app/server.go:40 +0x66\n" +
		"\n\n" +
		"goroutine x [broken]:\n" +
		"main.junk()\n" +
		"\n" +
		"goroutine 9 [IO wait]:\r\n" +
		"internal/poll.runtime_pollWait(0x7f, 0x72)\r\n" +
		"\t/usr/local/go/src/runtime/netpoll.go:351 +0x85\r\n" +
		"\n" +
		"goroutine 12 [chan send (nil chan)]:\n" +
		"main.produce()\n" +
		"\t/app/main.go:5" // truncated dump: no final newline, no created-by
	gs := Parse(dump)
	if len(gs) != 3 {
		t.Fatalf("parsed %d goroutines (%+v), want 3: 7, 9 and 12", len(gs), gs)
	}
	g := gs[0]
	if g.ID != 7 || g.State != "select" || g.TopFunc != "main.(*Server).loop[...]" || g.CreatedBy != "main.(*Server).Start" {
		t.Errorf("goroutine 7 parsed as {ID:%d State:%q TopFunc:%q CreatedBy:%q}", g.ID, g.State, g.TopFunc, g.CreatedBy)
	}
	if !strings.HasPrefix(g.Stack, "goroutine 7 gp=") || !strings.HasSuffix(g.Stack, "/app/server.go:40 +0x66") {
		t.Errorf("goroutine 7 Stack = %q", g.Stack)
	}
	if g := gs[1]; g.ID != 9 || g.State != "IO wait" || g.TopFunc != "internal/poll.runtime_pollWait" {
		t.Errorf("goroutine 9 parsed as {ID:%d State:%q TopFunc:%q}", g.ID, g.State, g.TopFunc)
	}
	if g := gs[2]; g.ID != 12 || g.State != "chan send (nil chan)" || g.TopFunc != "main.produce" || g.CreatedBy != "" {
		t.Errorf("goroutine 12 parsed as {ID:%d State:%q TopFunc:%q CreatedBy:%q}", g.ID, g.State, g.TopFunc, g.CreatedBy)
	}
	for _, junk := range []string{"", "\n\n", "goroutine", "goroutine 5 [", "goroutine ]5[ x", "goroutine 3 [running]:"} {
		_ = Parse(junk) // must not panic
	}
}

func TestHiddenParseOwnProcess(t *testing.T) {
	stopRecv := testPark(3, testRecvName, testParkRecv)
	defer stopRecv()
	buf := make([]byte, 1<<20)
	gs := Parse(string(buf[:runtime.Stack(buf, true)]))
	seen := map[int64]bool{}
	n := 0
	for _, g := range gs {
		if seen[g.ID] {
			t.Fatalf("goroutine %d parsed twice", g.ID)
		}
		seen[g.ID] = true
		if g.TopFunc == "goconcur/solution.testParkRecv" {
			n++
			if g.State != "chan receive" || g.CreatedBy != "goconcur/solution.testPark" {
				t.Errorf("parked goroutine parsed as {State:%q CreatedBy:%q}", g.State, g.CreatedBy)
			}
		}
	}
	if n != 3 {
		t.Fatalf("found %d goroutines parked in testParkRecv, want 3", n)
	}
}

func TestHiddenLeakedFindsOnlyNewBlockedGoroutines(t *testing.T) {
	before := testPark(2, testSelectName, testParkSelect) // alive before the baseline: not leaks
	defer before()
	b := Snapshot()
	after := testPark(3, testRecvName, testParkRecv)
	leaked := b.Leaked(100 * time.Millisecond)
	after()
	if len(leaked) != 3 || testCount(leaked, "goconcur/solution.testParkRecv") != 3 {
		t.Fatalf("Leaked returned %d goroutines, want exactly the 3 parked after Snapshot: %+v", len(leaked), leaked)
	}
	if got := b.Leaked(2 * time.Second); len(got) != 0 {
		t.Fatalf("after they exited, Leaked still returned %+v", got)
	}
}

func TestHiddenLeakedWaitsForGoroutinesOnTheirWayOut(t *testing.T) {
	b := Snapshot()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(20+3*i) * time.Millisecond)
		}()
	}
	leaked := b.Leaked(5 * time.Second)
	wg.Wait()
	if len(leaked) != 0 {
		t.Fatalf("goroutines that exit within 80ms were reported as leaked: %d of them", len(leaked))
	}
}

func TestHiddenLeakedReturnsPromptly(t *testing.T) {
	b := Snapshot()
	start := time.Now()
	if got := b.Leaked(20 * time.Second); len(got) != 0 {
		t.Fatalf("nothing was started, Leaked returned %+v", got)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Fatalf("Leaked with nothing to wait for took %v", el)
	}
	stop := testPark(1, testRecvName, testParkRecv)
	defer stop()
	start = time.Now()
	if got := b.Leaked(50 * time.Millisecond); len(got) != 1 {
		t.Fatalf("Leaked = %+v, want the parked goroutine", got)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Fatalf("Leaked(50ms) took %v", el)
	}
}

func TestHiddenIgnoreTopFunctions(t *testing.T) {
	b := Snapshot()
	s1 := testPark(2, testRecvName, testParkRecv)
	defer s1()
	s2 := testPark(2, testSelectName, testParkSelect)
	defer s2()
	leaked := b.Leaked(50*time.Millisecond, "goconcur/solution.testParkSelect", "main.nothing")
	if len(leaked) != 2 || testCount(leaked, "goconcur/solution.testParkRecv") != 2 {
		t.Fatalf("with testParkSelect ignored, Leaked = %+v, want the 2 testParkRecv goroutines", leaked)
	}
}

func TestHiddenCallerIsNotALeak(t *testing.T) {
	b := Snapshot()
	res := make(chan []Goroutine, 1)
	go func() { res <- b.Leaked(50 * time.Millisecond) }()
	select {
	case got := <-res:
		if len(got) != 0 {
			t.Fatalf("Leaked called from a goroutine started after Snapshot reported %+v; the caller itself is not a leak", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Leaked did not return")
	}
}

func TestHiddenConcurrentCallers(t *testing.T) {
	const callers = 8
	var base *Baseline
	start := make(chan struct{})
	results := make(chan []Goroutine, callers)
	var wg sync.WaitGroup
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results <- base.Leaked(100 * time.Millisecond)
		}()
	}
	// Callers exist before the baseline, so each of them sees only the parked ones.
	testWaitParked(callers)
	base = Snapshot()
	stop := testPark(4, testRecvName, testParkRecv)
	close(start)
	wg.Wait()
	stop()
	close(results)
	for got := range results {
		if len(got) != 4 || testCount(got, "goconcur/solution.testParkRecv") != 4 {
			t.Fatalf("a concurrent caller got %d goroutines, want the 4 parked ones: %s", len(got), testDescribe(got))
		}
	}
}

func testWaitParked(n int) {
	for testCountInDump("goconcur/solution.TestHiddenConcurrentCallers.func1") < n {
		runtime.Gosched()
	}
}

func testDescribe(gs []Goroutine) string {
	var sb strings.Builder
	for _, g := range gs {
		fmt.Fprintf(&sb, "[%d %s %s] ", g.ID, g.State, g.TopFunc)
	}
	return sb.String()
}
