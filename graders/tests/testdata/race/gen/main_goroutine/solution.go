package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

var status string

var hits int64

func mark() { status = "worker" }

func hit() { atomic.AddInt64(&hits, 1) }

// main races with its own goroutines: a plain write/write on status, and a plain read of a
// counter that the other goroutine updates atomically.
func main() {
	go mark()
	go hit()
	time.Sleep(20 * time.Millisecond)
	status = "main"
	fmt.Println(status, hits)
}
