package solution

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const testBigDump = `goroutine 1 gp=0xc000002380 m=0 mp=0x6b5e40 [running]:
main.main()
	/app/main.go:32 +0x232

goroutine 21 [chan receive, 7 minutes]:
main.(*T).run(...)
	/app/main.go:12
created by main.main in goroutine 1
	/app/main.go:20 +0xa5

goroutine 22 [chan send]:
main.gen[...](...)
	/app/main.go:14
created by main.main
	/app/main.go:21 +0x105

goroutine 23 [sync.Mutex.Lock, 12 minutes]:
internal/sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)
	/usr/local/go/src/runtime/sema.go:95 +0x25
internal/sync.(*Mutex).lockSlow(0x3c59c6d9e008)
	/usr/local/go/src/internal/sync/mutex.go:149 +0x15d
sync.(*Mutex).Lock(...)
	/usr/local/go/src/sync/mutex.go:46
example.com/app/cache.(*Cache).Get(0xc000100000, {0x6a1b2c, 0x3})
	/app/cache/cache.go:40 +0x2d
example.com/app/api.handle({0x7f00, 0xc000200000}, 0xc000300000)
	/app/api/api.go:88 +0x91
created by net/http.(*Server).Serve in goroutine 9
	/usr/local/go/src/net/http/server.go:3454 +0x485

goroutine 25 [chan receive, 3 minutes, locked to thread]:
main.main.func3()
	/app/main.go:24 +0x28
created by main.main in goroutine 1
	/app/main.go:24 +0x18d

goroutine 26 [sync.WaitGroup.Wait, 61 minutes]:
sync.runtime_SemacquireWaitGroup(0x0?, 0x0?)
	/usr/local/go/src/runtime/sema.go:114 +0x2e
sync.(*WaitGroup).Wait(0x3c59c6d9e020)
	/usr/local/go/src/sync/waitgroup.go:206 +0x85
example.com/app/batch.Run.func2()
	/app/batch/run.go:51 +0x17
created by example.com/app/batch.Run in goroutine 14
	/app/batch/run.go:49 +0x1e5

goroutine 27 [sleep]:
time.Sleep(0x34630b8a000)
	/usr/local/go/src/runtime/time.go:363 +0x165
example.com/app/poller.(*Poller).loop(0xc000400000)
	/app/poller/poller.go:30 +0x1d
created by example.com/app/poller.Start in goroutine 1
	/app/poller/poller.go:20 +0x1f1

goroutine 28 [chan receive (nil chan)]:
main.main.func6()
	/app/main.go:29 +0x17
created by main.main in goroutine 1
	/app/main.go:29 +0x1fd

goroutine 29 [select (no cases)]:
main.forever(...)
	/app/main.go:40
main.main.func7()
	/app/main.go:44 +0xf
created by main.main in goroutine 1
	/app/main.go:44 +0x151

goroutine 30 [GC worker (idle)]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	/usr/local/go/src/runtime/proc.go:460 +0xce
runtime.gcBgMarkWorker(0xc000090000)
	/usr/local/go/src/runtime/mgc.go:1463 +0xeb
created by runtime.gcBgMarkStartWorkers in goroutine 1
	/usr/local/go/src/runtime/mgc.go:1373 +0x105

goroutine 31 [IO wait, 2 minutes]:
internal/poll.runtime_pollWait(0x7f5d, 0x72)
	/usr/local/go/src/runtime/netpoll.go:351 +0x85
internal/poll.(*FD).Accept(0xc000500000)
	/usr/local/go/src/internal/poll/fd_unix.go:613 +0x28c
net.(*netFD).accept(0xc000500000)
	/usr/local/go/src/net/fd_unix.go:161 +0x29
created by main.main in goroutine 1
	/app/main.go:50 +0x1ab
`

func TestHiddenParseRealisticDump(t *testing.T) {
	got, err := Parse([]byte(testBigDump))
	if err != nil {
		t.Fatal(err)
	}
	want := []Goroutine{
		{ID: 1, State: "running", Function: "main.main"},
		{ID: 21, State: "chan receive", Minutes: 7, Function: "main.(*T).run", CreatedBy: "main.main"},
		{ID: 22, State: "chan send", Function: "main.gen[...]", CreatedBy: "main.main"},
		{ID: 23, State: "sync.Mutex.Lock", Minutes: 12, Function: "example.com/app/cache.(*Cache).Get", CreatedBy: "net/http.(*Server).Serve"},
		{ID: 25, State: "chan receive", Minutes: 3, Function: "main.main.func3", CreatedBy: "main.main"},
		{ID: 26, State: "sync.WaitGroup.Wait", Minutes: 61, Function: "example.com/app/batch.Run.func2", CreatedBy: "example.com/app/batch.Run"},
		{ID: 27, State: "sleep", Function: "example.com/app/poller.(*Poller).loop", CreatedBy: "example.com/app/poller.Start"},
		{ID: 28, State: "chan receive (nil chan)", Function: "main.main.func6", CreatedBy: "main.main"},
		{ID: 29, State: "select (no cases)", Function: "main.forever", CreatedBy: "main.main"},
		{ID: 30, State: "GC worker (idle)", Function: "runtime.gopark", CreatedBy: "runtime.gcBgMarkStartWorkers"},
		{ID: 31, State: "IO wait", Minutes: 2, Function: "net.(*netFD).accept", CreatedBy: "main.main"},
	}
	if len(got) != len(want) {
		t.Fatalf("parsed %d goroutines, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("goroutine %d:\n got %+v\nwant %+v", want[i].ID, got[i], want[i])
		}
	}
}

func TestHiddenParseCRLFAndEmpty(t *testing.T) {
	got, err := Parse(nil)
	if err != nil || len(got) != 0 {
		t.Fatalf("Parse(nil) = %v, %v; want no goroutines and no error", got, err)
	}
	got, err = Parse([]byte(strings.ReplaceAll(testSmallDump, "\n", "\r\n")))
	if err != nil || len(got) != 2 || got[1].Function != "main.(*Worker).run" || got[1].Minutes != 7 {
		t.Fatalf("Parse of a CRLF dump = %+v, %v", got, err)
	}
}

func TestHiddenParseMalformedHeader(t *testing.T) {
	for _, dump := range []string{
		"goroutine x [running]:\nmain.main()\n",
		"goroutine 5 running\nmain.main()\n",
		"goroutine 6 [chan receive, many minutes]:\nmain.main()\n",
	} {
		if _, err := Parse([]byte(dump)); err == nil {
			t.Errorf("Parse(%q) returned no error", dump)
		}
	}
}

func TestHiddenSuspectRules(t *testing.T) {
	before := []Goroutine{
		{ID: 40, State: "select", Function: "app.loop"},
		{ID: 10, State: "chan send", Function: "app.produce"},
		{ID: 11, State: "sleep", Function: "app.poll"},
		{ID: 12, State: "running", Function: "app.compute"},
		{ID: 13, State: "chan receive", Function: "app.stageOne"},
		{ID: 14, State: "sync.RWMutex.RLock", Function: "app.read"},
		{ID: 15, State: "IO wait", Function: "app.serve"},
		{ID: 16, State: "semacquire", Function: "app.acquire"},
		{ID: 17, State: "chan receive", Function: "app.gone"},
	}
	after := []Goroutine{
		{ID: 16, State: "semacquire", Minutes: 3, Function: "app.acquire"},
		{ID: 10, State: "chan send", Minutes: 1, Function: "app.produce"},
		{ID: 11, State: "sleep", Function: "app.poll"},
		{ID: 12, State: "chan receive", Function: "app.compute"},
		{ID: 13, State: "chan receive", Function: "app.stageTwo"},
		{ID: 14, State: "sync.RWMutex.RLock", Function: "app.read"},
		{ID: 15, State: "IO wait", Function: "app.serve"},
		{ID: 40, State: "select", Function: "app.loop"},
		{ID: 99, State: "chan receive", Function: "app.new"},
	}
	var ids []int64
	for _, g := range Suspects(before, after) {
		ids = append(ids, g.ID)
	}
	if want := []int64{10, 14, 16, 40}; !slices.Equal(ids, want) {
		t.Fatalf("Suspects returned IDs %v, want %v", ids, want)
	}
	if got := Suspects(after, nil); len(got) != 0 {
		t.Fatalf("Suspects with an empty second snapshot = %v", got)
	}
}

// testWaitParked waits until n goroutines running fn are parked (not runnable or running),
// using runtime.Stack directly so that it does not depend on the code under test.
func testWaitParked(t *testing.T, fn string, n int) {
	t.Helper()
	buf := make([]byte, 16<<20)
	deadline := time.Now().Add(3 * time.Second)
	for {
		dump := string(buf[:runtime.Stack(buf, true)])
		parked := 0
		for _, block := range strings.Split(dump, "\n\n") {
			header, _, _ := strings.Cut(block, "\n")
			if strings.Contains(block, "\n"+fn+"(") &&
				!strings.Contains(header, "[running") && !strings.Contains(header, "[runnable") {
				parked++
			}
		}
		if parked >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d goroutines in %s parked within 3s", parked, n, fn)
		}
		time.Sleep(time.Millisecond)
	}
}

func testParkRecv(ch chan struct{}) { <-ch }

func testParkMutex(mu *sync.Mutex, done *sync.WaitGroup) {
	defer done.Done()
	mu.Lock()
	mu.Unlock()
}

func testParkWait(wg *sync.WaitGroup, done *sync.WaitGroup) {
	defer done.Done()
	wg.Wait()
}

func testShortLived(gate chan struct{}, done *sync.WaitGroup) {
	defer done.Done()
	<-gate
}

func testCount(gs []Goroutine, fn, state string) int {
	n := 0
	for _, g := range gs {
		if g.Function == fn && g.State == state {
			n++
		}
	}
	return n
}

func TestHiddenRealLeakBetweenSnapshots(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var blocker sync.WaitGroup
	var parked, shortLived sync.WaitGroup
	gate := make(chan struct{})
	mu.Lock()
	blocker.Add(1)
	for range 30 {
		go testParkRecv(release)
	}
	for range 10 {
		parked.Add(2)
		go testParkMutex(&mu, &parked)
		go testParkWait(&blocker, &parked)
	}
	for range 10 {
		shortLived.Add(1)
		go testShortLived(gate, &shortLived)
	}
	defer func() {
		close(release)
		mu.Unlock()
		blocker.Done()
		parked.Wait()
	}()
	testWaitParked(t, "goconcur/solution.testParkRecv", 30)
	testWaitParked(t, "goconcur/solution.testParkMutex", 10)
	testWaitParked(t, "goconcur/solution.testParkWait", 10)
	testWaitParked(t, "goconcur/solution.testShortLived", 10)

	before, err := Parse(Capture())
	if err != nil {
		t.Fatal(err)
	}
	if n := testCount(before, "goconcur/solution.testShortLived", "chan receive"); n != 10 {
		t.Fatalf("first snapshot shows %d short-lived goroutines, want 10", n)
	}
	close(gate)
	shortLived.Wait()
	after, err := Parse(Capture())
	if err != nil {
		t.Fatal(err)
	}
	sus := Suspects(before, after)
	for fn, want := range map[string]int{
		"goconcur/solution.testParkRecv":   30,
		"goconcur/solution.testParkMutex":  10,
		"goconcur/solution.testParkWait":   10,
		"goconcur/solution.testShortLived": 0,
	} {
		n := 0
		for _, g := range sus {
			if g.Function == fn {
				n++
				if g.CreatedBy != "goconcur/solution.TestHiddenRealLeakBetweenSnapshots" {
					t.Errorf("%s created by %q", fn, g.CreatedBy)
				}
			}
		}
		if n != want {
			t.Errorf("%d suspects in %s, want %d", n, fn, want)
		}
	}
	states := map[string]string{}
	for _, g := range sus {
		states[g.Function] = g.State
	}
	if states["goconcur/solution.testParkMutex"] != "sync.Mutex.Lock" || states["goconcur/solution.testParkWait"] != "sync.WaitGroup.Wait" {
		t.Errorf("states %v", states)
	}
}

func TestHiddenCaptureIsComplete(t *testing.T) {
	const n = 2000
	release := make(chan struct{})
	var started sync.WaitGroup
	for range n {
		started.Add(1)
		go func() {
			started.Done()
			testParkRecv(release)
		}()
	}
	defer close(release)
	started.Wait()
	testWaitParked(t, "goconcur/solution.testParkRecv", n)
	dump := Capture()
	gs, err := Parse(dump)
	if err != nil {
		t.Fatal(err)
	}
	if got := testCount(gs, "goconcur/solution.testParkRecv", "chan receive"); got != n {
		t.Fatalf("Capture shows %d of the %d parked goroutines (dump is %d bytes)", got, n, len(dump))
	}
}

func TestHiddenConcurrentCaptures(t *testing.T) {
	stop := make(chan struct{})
	var churn sync.WaitGroup
	for range 4 { // goroutines come and go while the dumps are taken
		churn.Add(1)
		go func() {
			defer churn.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				var wg sync.WaitGroup
				for range 10 {
					wg.Add(1)
					go func() { wg.Done() }()
				}
				wg.Wait()
			}
		}()
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				gs, err := Parse(Capture())
				if err != nil {
					t.Errorf("Parse(Capture()): %v", err)
					return
				}
				running := 0
				for _, g := range gs {
					if g.State == "running" {
						running++
					}
				}
				if running == 0 {
					t.Errorf("a dump without the goroutine that took it (%d goroutines)", len(gs))
					return
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	churn.Wait()
}
