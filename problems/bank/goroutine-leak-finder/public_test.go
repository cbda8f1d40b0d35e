package solution

import (
	"testing"
	"time"
)

const sampleDump = `goroutine 1 [running]:
main.main()
	/app/main.go:30 +0x1dc

goroutine 19 [chan receive, 12 minutes]:
main.consume(...)
	/app/main.go:11
created by main.main in goroutine 1
	/app/main.go:20 +0xb6

goroutine 23 [sync.WaitGroup.Wait]:
sync.runtime_SemacquireWaitGroup(0x0?, 0x0?)
	/usr/local/go/src/runtime/sema.go:114 +0x2e
sync.(*WaitGroup).Wait(0x296033c06020)
	/usr/local/go/src/sync/waitgroup.go:206 +0x85
main.main.func3()
	/app/main.go:24 +0x17
created by main.main in goroutine 1
	/app/main.go:24 +0x149
`

func TestParseSample(t *testing.T) {
	gs := Parse(sampleDump)
	if len(gs) != 3 {
		t.Fatalf("parsed %d goroutines, want 3", len(gs))
	}
	want := []Goroutine{
		{ID: 1, State: "running", TopFunc: "main.main"},
		{ID: 19, State: "chan receive", TopFunc: "main.consume", CreatedBy: "main.main"},
		{ID: 23, State: "sync.WaitGroup.Wait", TopFunc: "sync.runtime_SemacquireWaitGroup", CreatedBy: "main.main"},
	}
	for i, w := range want {
		g := gs[i]
		if g.ID != w.ID || g.State != w.State || g.TopFunc != w.TopFunc || g.CreatedBy != w.CreatedBy {
			t.Errorf("goroutine %d: got {ID:%d State:%q TopFunc:%q CreatedBy:%q}, want %+v", i, g.ID, g.State, g.TopFunc, g.CreatedBy, w)
		}
	}
	if gs[0].Stack != "goroutine 1 [running]:\nmain.main()\n\t/app/main.go:30 +0x1dc" {
		t.Errorf("Stack of goroutine 1 = %q", gs[0].Stack)
	}
}

func TestLeakedReportsABlockedGoroutine(t *testing.T) {
	b := Snapshot()
	stop := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		<-stop
	}()
	leaked := b.Leaked(50 * time.Millisecond)
	close(stop)
	<-exited
	if len(leaked) != 1 || leaked[0].State != "chan receive" {
		t.Fatalf("Leaked = %+v, want the one goroutine blocked in chan receive", leaked)
	}
}
