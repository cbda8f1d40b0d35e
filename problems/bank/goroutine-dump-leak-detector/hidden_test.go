package solution

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func testParkedSender(ch chan<- int) { ch <- 1 }

func testSleeper(d time.Duration) { time.Sleep(d) }

func testHasFunc(g Goroutine, suffix string) bool {
	return slices.ContainsFunc(g.Funcs, func(f string) bool { return strings.HasSuffix(f, suffix) })
}

func TestHiddenParseEdgeCases(t *testing.T) {
	dump := "goroutine 18 [chan send, locked to thread]:\r\n" +
		"main.produce(0xc0000a2000)\r\n\t/x/p.go:9 +0x2b\r\ncreated by main.start\r\n\t/x/p.go:5 +0x3f\r\n\r\n" +
		"goroutine 20 [chan receive (nil chan), 1440 minutes]:\n" +
		"pkg/sub.Loop[go.shape.int](...)\n\t/x/l.go:3\n...additional frames elided...\n" +
		"created by pkg/sub.(*Pool).Start.func2 in goroutine 5\n\t/x/l.go:1 +0x1\n\n" +
		"goroutine 21 [running]:\n\tgoroutine running on other thread; stack unavailable\n" +
		"created by net/http.(*Server).Serve in goroutine 1\n\t/y/server.go:3 +0x1\n\n" +
		"goroutine 33 [select (no cases)]:\nmain.main.func3()\n\t/x/m.go:26 +0xf\ncreated by main.main in goroutine 1\n\t/x/m.go:26 +0x1b1\n"
	got := Parse([]byte(dump))
	want := []Goroutine{
		{ID: 18, State: "chan send", Funcs: []string{"main.produce"}, CreatedBy: "main.start"},
		{ID: 20, State: "chan receive (nil chan)", Funcs: []string{"pkg/sub.Loop[go.shape.int]"}, CreatedBy: "pkg/sub.(*Pool).Start.func2"},
		{ID: 21, State: "running", CreatedBy: "net/http.(*Server).Serve"},
		{ID: 33, State: "select (no cases)", Funcs: []string{"main.main.func3"}, CreatedBy: "main.main"},
	}
	if len(got) != len(want) {
		t.Fatalf("Parse found %d goroutines; want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.State != w.State || g.CreatedBy != w.CreatedBy || !slices.Equal(g.Funcs, w.Funcs) {
			t.Fatalf("goroutine %d:\n got  %+v\n want %+v", i, g, w)
		}
	}
	if n := len(Parse(nil)); n != 0 {
		t.Fatalf("Parse(nil) returned %d goroutines", n)
	}
}

func testParkedCounted(gate <-chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	<-gate
}

// A big program: the dump is far larger than any small fixed buffer.
func TestHiddenSnapshotSeesThousands(t *testing.T) {
	const n = 3000
	gate := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go testParkedCounted(gate, &wg)
	}
	snap := Snapshot()
	close(gate)
	wg.Wait()
	parked, self := 0, false
	for _, g := range snap {
		if strings.HasSuffix(g.CreatedBy, ".TestHiddenSnapshotSeesThousands") {
			parked++ // counted by creator: some may not have started running yet
		}
		if testHasFunc(g, ".TestHiddenSnapshotSeesThousands") {
			self = true
		}
	}
	if parked != n {
		t.Fatalf("Snapshot saw %d of the %d parked goroutines", parked, n)
	}
	if !self {
		t.Fatal("Snapshot did not include the calling goroutine")
	}
}

// Goroutines that are about to finish are not leaks.
func TestHiddenFinishingGoroutinesNotReported(t *testing.T) {
	baseline := Snapshot()
	for i := 0; i < 50; i++ {
		go testSleeper(30 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	if got := Leaked(ctx, baseline); got != nil {
		t.Fatalf("Leaked reported %d goroutines that finish within 30ms", len(got))
	}
	if time.Since(start) > 4*time.Second {
		t.Fatal("Leaked kept waiting after every new goroutine had exited")
	}
}

// Exactly the stuck ones, sorted by ID, with state and creator. Leaked runs
// in a goroutine of its own, which must not report itself. Not wrapped in a
// timeout: Leaked must give up when its context is done.
func TestHiddenReportsOnlyTheStuckOnes(t *testing.T) {
	baseline := Snapshot()
	block := make(chan int)
	var stuck sync.WaitGroup
	for i := 0; i < 5; i++ {
		stuck.Add(1)
		go func() { defer stuck.Done(); testParkedSender(block) }()
		go func() {}()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	res := make(chan []Goroutine)
	go func() { res <- Leaked(ctx, baseline) }()
	got := <-res
	for i := 0; i < 5; i++ {
		<-block
	}
	stuck.Wait()
	if len(got) != 5 {
		t.Fatalf("Leaked reported %d goroutines; want the 5 stuck senders: %+v", len(got), got)
	}
	for i, g := range got {
		if i > 0 && got[i-1].ID >= g.ID {
			t.Fatal("result is not sorted by ID")
		}
		if g.State != "chan send" || !testHasFunc(g, ".testParkedSender") ||
			!strings.HasSuffix(g.CreatedBy, ".TestHiddenReportsOnlyTheStuckOnes") {
			t.Fatalf("unexpected report %+v", g)
		}
	}
}

func TestHiddenGivesUpAtDeadline(t *testing.T) {
	baseline := Snapshot()
	gate := make(chan struct{})
	done := make(chan struct{})
	go func() { defer close(done); testParkedWorker(gate) }()
	defer func() { close(gate); <-done }()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	res := make(chan []Goroutine, 1)
	go func() { res <- Leaked(ctx, baseline) }()
	select {
	case got := <-res:
		if len(got) != 1 {
			t.Fatalf("Leaked = %d goroutines; want 1: %+v", len(got), got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Leaked ignored its 100ms deadline")
	}
}

func testSnapshotCaller(id int, out chan<- error) {
	for _, g := range Snapshot() {
		if testHasFunc(g, ".testSnapshotCaller") && g.State == "running" {
			out <- nil
			return
		}
	}
	out <- fmt.Errorf("caller %d: Snapshot did not show the running caller", id)
}

func TestHiddenConcurrentSnapshots(t *testing.T) {
	out := make(chan error, 16)
	for i := 0; i < 16; i++ {
		go testSnapshotCaller(i, out)
	}
	for i := 0; i < 16; i++ {
		select {
		case err := <-out:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("concurrent Snapshot calls did not finish within 10s")
		}
	}
}

func TestHiddenLiveStates(t *testing.T) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		select {
		case <-stop:
		case <-make(chan int):
		}
	}()
	go func() { defer wg.Done(); testSleeper(500 * time.Millisecond) }()
	var sel, sleep bool
	for tries := 0; tries < 200 && !(sel && sleep); tries++ {
		sel, sleep = false, false
		for _, g := range Snapshot() {
			if strings.HasSuffix(g.CreatedBy, ".TestHiddenLiveStates") {
				sel = sel || g.State == "select"
				sleep = sleep || (g.State == "sleep" && testHasFunc(g, ".testSleeper"))
			}
		}
		time.Sleep(time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if !sel || !sleep {
		t.Fatalf("did not see a goroutine in state select (%v) and one in state sleep (%v)", sel, sleep)
	}
}
