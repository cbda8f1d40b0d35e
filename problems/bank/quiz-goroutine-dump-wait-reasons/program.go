package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
)

func stuckOnNilChan() {
	var ch chan int
	<-ch
}

func stuckOnEmptySelect() {
	select {}
}

func stuckOnMutex(mu *sync.Mutex) {
	mu.Lock()
}

func stuckOnSend(ch chan int) {
	ch <- 1
}

// waitReason returns the state that a goroutine dump (the same text as
// /debug/pprof/goroutine?debug=2) shows for the goroutine running fn, once it
// has stopped running.
func waitReason(fn string) string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		for _, g := range strings.Split(string(buf[:n]), "\n\n") {
			header, body, _ := strings.Cut(g, "\n")
			if !strings.Contains(body, "main."+fn+"(") {
				continue
			}
			state := header[strings.Index(header, "[")+1 : strings.Index(header, "]")]
			if state != "running" && state != "runnable" {
				return state
			}
		}
		time.Sleep(time.Millisecond)
	}
}

func main() {
	var mu sync.Mutex
	mu.Lock()
	go stuckOnNilChan()
	go stuckOnEmptySelect()
	go stuckOnMutex(&mu)
	go stuckOnSend(make(chan int))

	for _, fn := range []string{"stuckOnNilChan", "stuckOnEmptySelect", "stuckOnMutex", "stuckOnSend"} {
		fmt.Printf("%s: %s\n", fn, waitReason(fn))
	}
}
