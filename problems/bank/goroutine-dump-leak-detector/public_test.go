package solution

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"
)

const testSampleDump = `goroutine 1 [running]:
main.main()
	/app/main.go:32 +0x23c

goroutine 7 [chan receive, 3 minutes]:
main.(*Server).serve(...)
	/app/server.go:12
created by main.main in goroutine 1
	/app/main.go:22 +0xc5

goroutine 9 [sync.Mutex.Lock]:
internal/sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)
	/usr/local/go/src/runtime/sema.go:95 +0x25
sync.(*Mutex).Lock(...)
	/usr/local/go/src/sync/mutex.go:46
main.worker[...](0xc000012345)
	/app/main.go:24 +0x2d
created by main.main in goroutine 1
	/app/main.go:24 +0x165
`

func TestExampleParseSample(t *testing.T) {
	got := Parse([]byte(testSampleDump))
	want := []Goroutine{
		{ID: 1, State: "running", Funcs: []string{"main.main"}},
		{ID: 7, State: "chan receive", Funcs: []string{"main.(*Server).serve"}, CreatedBy: "main.main"},
		{ID: 9, State: "sync.Mutex.Lock", Funcs: []string{
			"internal/sync.runtime_SemacquireMutex", "sync.(*Mutex).Lock", "main.worker[...]",
		}, CreatedBy: "main.main"},
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
}

func testParkedWorker(gate <-chan struct{}) { <-gate }

func TestExampleLeakedFindsParkedGoroutines(t *testing.T) {
	baseline := Snapshot()
	gate := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); testParkedWorker(gate) }()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	leaked := Leaked(ctx, baseline)
	close(gate)
	wg.Wait()
	if len(leaked) != 3 {
		t.Fatalf("Leaked found %d goroutines; want the 3 parked ones: %+v", len(leaked), leaked)
	}
	for _, g := range leaked {
		if !slices.Contains(g.Funcs, "goconcur/solution.testParkedWorker") {
			t.Fatalf("reported goroutine %d has frames %v; want one in testParkedWorker", g.ID, g.Funcs)
		}
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel2()
	if again := Leaked(ctx2, baseline); again != nil {
		t.Fatalf("after the gate opened, Leaked still reports %+v", again)
	}
}
